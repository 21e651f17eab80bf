"""The communes a map view can name: the most populated ones inside the view.

The map names places so that people can tell where they are; which names fit without overlap
is a question of pixels and is decided by the web layer (`webapp/map_labels.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.geo import BoundingBox, Point
from models.territories.models import Commune

# More candidates than a view can name: the web layer drops those whose label would overlap.
CANDIDATES = 40


@dataclass(frozen=True)
class Place:
    name: str
    population: int
    point: Point


def populated_communes(session: Session, box: BoundingBox, limit: int = CANDIDATES) -> list[Place]:
    """The communes whose centre lies in `box`, most populated first (one query)."""
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
    return [Place(name, population, Point(latitude, longitude))
            for name, population, latitude, longitude in rows]
