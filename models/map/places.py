"""The communes a map view can name: the most populated ones inside the view.

The map names places so that people can tell where they are; which names fit without overlap
is a question of pixels and is decided by the web layer (`webapp/map_labels.py`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.geo import BoundingBox, Point
from models.territories.models import Commune

# More candidates than a view can name: the web layer drops those whose label would overlap.
CANDIDATES = 40
# Views whose communes are kept in the process (each commune's default view, the arrows' steps).
KEPT_VIEWS = 512


@dataclass(frozen=True)
class Place:
    name: str
    population: int
    point: Point


def populated_communes(session: Session, box: BoundingBox, limit: int = CANDIDATES, *,
                       vintage: str | None = None) -> tuple[Place, ...]:
    """The communes whose centre lies in `box`, most populated first (one query).

    Given the vintage of the geography loaded (`BaseMap.vintage`), the answer is kept in the
    process per view: communes, their names and populations are written only when a geography
    is loaded, which adds a vintage, as the map's outlines are.
    """
    if vintage is None:
        return _populated_communes(session, box, limit)
    key = (vintage, box, limit)
    with _kept_lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    places = _populated_communes(session, box, limit)
    with _kept_lock:
        _kept[key] = places
        if len(_kept) > KEPT_VIEWS:
            _kept.popitem(last=False)
    return places


_kept: OrderedDict[tuple, tuple[Place, ...]] = OrderedDict()
_kept_lock = threading.Lock()


def _populated_communes(session: Session, box: BoundingBox, limit: int) -> tuple[Place, ...]:
    rows = session.execute(
        select(Commune.name, Commune.population, Commune.latitude, Commune.longitude)
        .where(
            Commune.latitude.between(box.min_latitude, box.max_latitude),
            Commune.longitude.between(box.min_longitude, box.max_longitude),
            Commune.population.is_not(None),
        )
        .order_by(Commune.population.desc(), Commune.code)
        .limit(limit)
    )
    return tuple(Place(name, population, Point(latitude, longitude))
                 for name, population, latitude, longitude in rows)
