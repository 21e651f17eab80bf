"""Money that stays local: the two shares and the flow tables of a territory for a period, as a
page and as a CSV in the long format of the dashboard, both read from the same protected figures
(docs/domain/local-money.md)."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response
from flask_babel import lazy_gettext as _l

from models.db import utcnow
from models.statistics.dashboard import Unit
from models.statistics.export import HEADER, STATUS_WORDS, csv_value
from models.statistics.figures import Figure
from models.statistics.local_money import LocalMoney, local_money
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.security import requires
from webapp.spreadsheet import BOM
from webapp.templating import render
from webapp.views.territory import offered_periods, requested_period
from webapp.views.territory_scopes import readable_scope

blueprint = Blueprint("territory_local_money", __name__, url_prefix="/territoire")

# The lines of the two flow tables that are not a département, by table.
OUTFLOW_LABELS = {
    "territoire": _l("Dans le territoire"),
    "ailleurs": _l("Autres départements regroupés, ou lieu sans commune connue"),
    "en_ligne": _l("En ligne (offres numériques)"),
}
INFLOW_LABELS = {
    "territoire": _l("Jeunes habitant le territoire"),
    "ailleurs": _l("Jeunes d'autres départements regroupés"),
}


@blueprint.get("/argent-local")
@requires(Capacity.TERRITORY)
def local_money_page():
    """Show how much of the young people's money stays in the territory, and where it goes."""
    choices, money = _requested()
    return render(
        "territory/local_money.html",
        money=money, choices=choices,
        labels={"out": OUTFLOW_LABELS, "in": INFLOW_LABELS},
        periods=offered_periods(money.period),
    )


@blueprint.get("/argent-local.csv")
@requires(Capacity.TERRITORY)
def local_money_csv():
    """Download the shares and the flows of the page, in the long format of the dashboard."""
    _, money = _requested()
    response = Response(BOM + export_csv(money), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="argent-local-{money.territory.slug}-{money.period.slug}.csv"')
    return response


def _requested() -> tuple[dict, LocalMoney]:
    choices, scope = readable_scope()
    now = utcnow()
    period = requested_period(now)
    return choices, local_money(db.session, scope, period)


def export_csv(money: LocalMoney) -> str:
    """One line per figure; the numerator and denominator of a share are amounts, in euros
    with two decimals like every amount of the file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for code, scope, figure, unit in money.cells():
        writer.writerow((
            money.period.slug, scope.level.value, scope.code, code,
            _euros(figure.numerator), _euros(figure.denominator), csv_value(figure, unit),
            STATUS_WORDS[figure.status.value], figure.reason or "",
        ))
    return buffer.getvalue()


def _euros(cents: int | None) -> str:
    return "" if cents is None else csv_value(Figure.published(cents), Unit.MONEY)
