"""Territories comparable with a département or a région: same level, similar population and
density (docs/domain/7-territories.md, "Peers").

Population is the sum of the shipped communes' populations; area comes from the shipped
boundaries (degrees turned into km² at the shape's latitude, close enough to rank densities).
Two territories are the closer the smaller |log(population ratio)| + |log(density ratio)|.
"""

from __future__ import annotations

import math
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.statistics.scopes import Level, Scope
from models.territories import geodata
from models.territories.models import Commune

PEERS = 3
MAX_PEERS = 5
KM_PER_DEGREE = 111.32
PEER_LEVELS = (Level.DEPARTEMENT, Level.REGION)


@lru_cache(maxsize=1)
def _departement_areas() -> dict[str, float]:
    areas = {}
    for code, shape in geodata.iter_departement_boundaries():
        latitude = shape.centroid.y
        areas[code] = shape.area * KM_PER_DEGREE ** 2 * math.cos(math.radians(latitude))
    return areas


def _profiles(session: Session, level: Level) -> dict[str, tuple[int, float]]:
    """Population and area of every territory of a level."""
    column = Commune.departement_code if level is Level.DEPARTEMENT else Commune.region_code
    rows = session.execute(select(column, Commune.departement_code,
                                  func.coalesce(func.sum(Commune.population), 0))
                           .group_by(column, Commune.departement_code))
    areas = _departement_areas()
    profiles: dict[str, list[float]] = {}
    for code, departement, population in rows:
        profile = profiles.setdefault(code, [0, 0.0])
        profile[0] += int(population)
        profile[1] += areas.get(departement, 0.0)
    return {code: (int(population), area) for code, (population, area) in profiles.items()
            if population > 0 and area > 0}


def automatic_peers(session: Session, scope: Scope, count: int = PEERS) -> list[Scope]:
    """The territories of the same level closest in population and density; none for a level
    without shipped areas (a commune, an EPCI, the country)."""
    if scope.level not in PEER_LEVELS:
        return []
    profiles = _profiles(session, scope.level)
    if scope.code not in profiles:
        return []
    population, area = profiles[scope.code]

    def distance(code: str) -> float:
        other_population, other_area = profiles[code]
        return (abs(math.log(other_population / population))
                + abs(math.log((other_population / other_area) / (population / area))))

    others = sorted((code for code in profiles if code != scope.code),
                    key=lambda code: (distance(code), code))
    return [Scope(scope.level, code) for code in others[:count]]


def chosen_peers(session: Session, scope: Scope, slugs: list[Scope]) -> list[Scope]:
    """The peers named in the URL that exist at the scope's level, at most `MAX_PEERS`."""
    if scope.level not in PEER_LEVELS or not slugs:
        return []
    known = _profiles(session, scope.level)
    return [each for each in dict.fromkeys(slugs)
            if each.level is scope.level and each.code in known and each != scope][:MAX_PEERS]
