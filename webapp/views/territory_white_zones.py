"""White zones: a map of the territory's communes coloured by the distance to the nearest partner
venue of a kind, with the same figures as a table (docs/domain/7-territories.md)."""

from __future__ import annotations

import math

import numpy as np
from flask import Blueprint, Response, abort, request
from flask_babel import lazy_gettext as _l

from models.db import utcnow
from models.statistics.white_zones import BANDS_KM, AccessKind, CommuneAccess, white_zones
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.security import requires
from webapp.spreadsheet import BOM, text_cell
from webapp.templating import render
from webapp.views.territory_scopes import readable_scope

blueprint = Blueprint("territory_white_zones", __name__, url_prefix="/territoire")

# A map is drawn up to a département's worth of communes; beyond, its paths would weigh more
# than the page's budget, and the table and the shares per band say it all.
MAP_MAX_COMMUNES = 1000
# The page lists this many communes, the farthest first; the CSV gives every one.
LISTED_MAX = 400
MAP_WIDTH = 600

KIND_LABELS = {
    AccessKind.CINEMA: _l("un cinéma"),
    AccessKind.BOOKSHOP: _l("une librairie"),
    AccessKind.LIVE_PERFORMANCE: _l("une salle de spectacle ou de concert"),
    AccessKind.LIBRARY: _l("une bibliothèque"),
    AccessKind.ARTS_SCHOOL: _l("une école d'art ou de musique"),
}


@blueprint.get("/zones-blanches")
@requires(Capacity.TERRITORY)
def white_zones_page():
    """Show how far each commune of the territory lives from the nearest venue of a kind."""
    choices, scope = readable_scope()
    kind = _kind(request.args.get("lieu"))
    zones = white_zones(db.session, scope, kind, utcnow(), with_outlines=True)
    drawable = len(zones.communes) <= MAP_MAX_COMMUNES
    return render(
        "territory/white_zones.html",
        zones=zones, scope=scope, choices=choices, kinds=KIND_LABELS,
        bands=band_labels(), listed=zones.communes[:LISTED_MAX],
        drawing=draw(zones.communes) if drawable else None,
    )


@blueprint.get("/zones-blanches.csv")
@requires(Capacity.TERRITORY)
def white_zones_csv():
    """Download the distance of every commune of the territory to the nearest venue of a kind."""
    _, scope = readable_scope()
    kind = _kind(request.args.get("lieu"))
    zones = white_zones(db.session, scope, kind, utcnow(), with_outlines=False)
    lines = ["code_commune;commune;habitants;lieu;distance_km"]
    lines += [";".join((commune.code, text_cell(commune.name), str(commune.population),
                        kind.value, "" if commune.distance_km is None
                        else f"{commune.distance_km:.1f}".replace(".", ",")))
              for commune in zones.communes]
    response = Response(BOM + "\r\n".join(lines) + "\r\n", mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="zones-blanches-{kind.value}-{scope.slug}.csv"')
    return response


def _kind(value: str | None) -> AccessKind:
    if value is None:
        return AccessKind.CINEMA
    try:
        return AccessKind(value)
    except ValueError:
        abort(404)


def band_labels() -> list[str]:
    limits = [0, *BANDS_KM]
    labels = [_l("jusqu'à %(limit)s km", limit=BANDS_KM[0])]
    labels += [_l("de %(low)s à %(high)s km", low=low, high=high)
               for low, high in zip(limits[1:-1], limits[2:], strict=True)]
    labels.append(_l("plus de %(limit)s km, ou aucun lieu", limit=BANDS_KM[-1]))
    return labels


def draw(communes: list[CommuneAccess]) -> dict | None:
    """The communes as SVG paths in whole pixels, grouped by band, and the drawing's size.

    An equirectangular projection at the territory's mean latitude: at the scale of a
    département its distortion is invisible. The outlines are already simplified to about
    200 m (`models/territories/geodata.py`); rounding to pixels merges what is closer.
    """
    shaped = [commune for commune in communes if commune.outline]
    if not shaped:
        return None
    every_point = np.concatenate([ring for commune in shaped for ring in commune.outline])
    min_x, min_y = every_point.min(axis=0)
    max_x, max_y = every_point.max(axis=0)
    squeeze = math.cos(math.radians((min_y + max_y) / 2))
    scale = MAP_WIDTH / max((max_x - min_x) * squeeze, 1e-9)
    height = max(1, math.ceil((max_y - min_y) * scale))
    paths: dict[int, list[str]] = {}
    for commune in shaped:
        rings = [np.column_stack(((ring[:, 0] - min_x) * squeeze * scale,
                                  (max_y - ring[:, 1]) * scale)) for ring in commune.outline]
        paths.setdefault(commune.band, []).append("".join(map(_ring_path, rings)))
    return {"width": MAP_WIDTH, "height": height,
            "bands": {band: "".join(parts) for band, parts in sorted(paths.items())}}


def _ring_path(ring: np.ndarray) -> str:
    """A closed ring in whole pixels, each point relative to the previous one; "" when it
    shrinks to less than a triangle."""
    points = np.rint(ring).astype(int)
    moved = np.ones(len(points), dtype=bool)
    moved[1:] = (np.diff(points, axis=0) != 0).any(axis=1)
    points = points[moved]
    if len(points) < 4:
        return ""
    moves = " ".join(map(str, np.diff(points[:-1], axis=0).ravel().tolist()))
    return f"M{points[0][0]} {points[0][1]}l{moves.replace(' -', '-')}z"
