"""Open data for everyone: the indicators of each région and département, as a page and as the
same CSV in the long format, with no account (docs/domain/7-territories.md, "Open data").

Both read the dashboard the officers read, built through the same secrecy layer: a figure
secret for an officer is secret here too, and the page and the CSV cannot disagree.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, Response, abort, request
from flask_babel import get_locale
from flask_login import current_user

from models.db import utcnow
from models.statistics.dashboard import Dashboard, build_dashboard
from models.statistics.export import export_csv
from models.statistics.scopes import Level, Scope, scope_name
from models.territories.repository import regions_with_departements
from webapp.assets import static_url
from webapp.extensions import db
from webapp.security import public
from webapp.spreadsheet import BOM
from webapp.templating import render
from webapp.views.territory import bar_chart, offered_periods, requested_period

blueprint = Blueprint("open_data", __name__, url_prefix="/donnees")

OPEN_LEVELS = {"region": Level.REGION, "departement": Level.DEPARTEMENT}
# The figures change when bookings are made; a page may be kept an hour, the CSV as long.
CSV_MAX_AGE = 3600


@blueprint.get("/")
@public
def index():
    """List the régions and their départements, each a link to its open data."""
    response = render("open_data/index.html", regions=regions_with_departements(db.session))
    return _public(response, max_age=CSV_MAX_AGE)


@blueprint.get("/<level>/<code>")
@public
def territory(level: str, code: str):
    """Show the published indicators of a région or a département, for the period asked."""
    dashboard, name = _requested_dashboard(level, code)
    etag = _etag(dashboard, "page", static_url("css/bundle-territory.css"))
    if etag in request.if_none_match:
        return _not_modified(etag)
    response = render(
        "open_data/territory.html", dashboard=dashboard, name=name,
        periods=offered_periods(dashboard.period),
        charts={section.title: bar_chart(dashboard, section)
                for section in dashboard.sections if section.chart},
    )
    response.set_etag(etag)
    # Revalidated on every use: the page carries the visitor's own form token.
    return _public(response, max_age=0)


@blueprint.get("/<level>/<code>.csv")
@public
def territory_csv(level: str, code: str):
    """Download the indicators of the page, in the long format."""
    dashboard, _ = _requested_dashboard(level, code)
    etag = _etag(dashboard, "csv")
    if etag in request.if_none_match:
        return _not_modified(etag)
    response = Response(BOM + export_csv(dashboard), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="donnees-{dashboard.territory.slug}-{dashboard.period.slug}.csv"')
    response.set_etag(etag)
    return _public(response, max_age=CSV_MAX_AGE)


def _requested_dashboard(level: str, code: str) -> tuple[Dashboard, str]:
    """The dashboard of the région or département named, for the period of the URL (the current
    year by default); any other level, an unknown code or period is a 404."""
    if level not in OPEN_LEVELS:
        abort(404)
    scope = Scope(OPEN_LEVELS[level], code)
    name = scope_name(db.session, scope)
    now = utcnow()
    if name is None:
        abort(404)
    period = requested_period(now)
    return build_dashboard(db.session, scope, period, now), name


def _etag(dashboard: Dashboard, kind: str, *versions: str) -> str:
    """A tag of what the response shows: its figures, in the visitor's language (and, for the
    page, the stylesheet it links), so a revalidation costs no rendering when nothing changed."""
    digest = hashlib.sha256()
    for part in (kind, str(get_locale()), *versions, export_csv(dashboard)):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.set_etag(etag)
    return _public(response, max_age=0)


def _public(response: Response, *, max_age: int) -> Response:
    """Open data may be kept by any cache, but a signed-in person's pages never are
    (webapp/headers.py keeps them private)."""
    if not current_user.is_authenticated:
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
        if max_age == 0:
            response.headers["Cache-Control"] = "public, no-cache"
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response
