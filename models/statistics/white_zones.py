"""White zones: how far the people of each commune live from the nearest partner venue of a kind.

For every commune of a territory, the distance from its reference point (the town hall, see
`models/territories/data/SOURCES.md`) to the nearest physical venue of the chosen kind that the
pass reaches people through: a venue of a validated structure with at least one bookable offer
(`venue.bookable_until`, kept by the database). Venues are looked for in the whole country, so a
commune on a border is served by the cinema of the next département.

Nothing here is about people: commune populations are public census figures and venue addresses
are public, so no secrecy rule applies (docs/domain/7-territories.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.geo import EARTH_RADIUS_KM
from models.offerers.models import Structure, StructureStatus, Venue, VenueType
from models.statistics.scopes import Scope
from models.territories.geodata import commune_outlines
from models.territories.models import Commune

# Upper limits of the distance bands, in kilometres; beyond the last, or with no venue of the
# kind at all, a commune is in the last band. 5 and 20 km are the distances of DOMAIN's supply
# indicator; 10 and 40 split the long way between them and beyond.
BANDS_KM = (5, 10, 20, 40)
# Communes compared with every venue at once, a block at a time, to bound the memory used.
BLOCK = 512


class AccessKind(StrEnum):
    """The kinds of place a local government asks about, each a set of venue types."""

    CINEMA = "cinema"
    BOOKSHOP = "librairie"
    LIVE_PERFORMANCE = "spectacle"
    LIBRARY = "bibliotheque"
    ARTS_SCHOOL = "ecole"

    @property
    def venue_types(self) -> tuple[VenueType, ...]:
        return VENUE_TYPES[self]


VENUE_TYPES = {
    AccessKind.CINEMA: (VenueType.CINEMA,),
    AccessKind.BOOKSHOP: (VenueType.BOOKSTORE,),
    AccessKind.LIVE_PERFORMANCE: (VenueType.PERFORMING_ARTS, VenueType.CONCERT_HALL),
    AccessKind.LIBRARY: (VenueType.LIBRARY,),
    AccessKind.ARTS_SCHOOL: (VenueType.ARTS_SCHOOL,),
}


@dataclass(frozen=True)
class CommuneAccess:
    code: str
    name: str
    population: int
    distance_km: float | None
    # Rings of (longitude, latitude), outer rings and holes alike; empty when not asked for.
    outline: tuple[np.ndarray, ...] = ()

    @property
    def band(self) -> int:
        """0 for the nearest band, len(BANDS_KM) beyond the last limit or without any venue."""
        if self.distance_km is None:
            return len(BANDS_KM)
        return next((index for index, limit in enumerate(BANDS_KM)
                     if self.distance_km <= limit), len(BANDS_KM))


@dataclass(frozen=True)
class BandShare:
    band: int
    communes: int
    population: int
    share: float


@dataclass(frozen=True)
class WhiteZones:
    kind: AccessKind
    communes: list[CommuneAccess]
    venues: int

    def bands(self) -> list[BandShare]:
        """Communes and inhabitants in each band, with the share of the territory's population."""
        total = sum(commune.population for commune in self.communes) or 1
        shares = []
        for band in range(len(BANDS_KM) + 1):
            members = [commune for commune in self.communes if commune.band == band]
            population = sum(commune.population for commune in members)
            shares.append(BandShare(band, len(members), population, population / total))
        return shares


def white_zones(session: Session, scope: Scope, kind: AccessKind, now: dt.datetime,
                *, with_outlines: bool) -> WhiteZones:
    """The distance from each commune of `scope` to the nearest venue of `kind`, the farthest
    first (then the most populated first)."""
    rows = session.execute(
        select(Commune.code, Commune.name, Commune.population, Commune.latitude,
               Commune.longitude, Commune.departement_code)
        .where(Commune.code.in_(scope.commune_codes()))).all()
    venues = np.array(session.execute(
        select(Venue.latitude, Venue.longitude)
        .join(Structure, Structure.id == Venue.structure_id)
        .where(
            Structure.status == StructureStatus.VALIDATED,
            Venue.is_virtual.is_(False),
            Venue.venue_type.in_(kind.venue_types),
            Venue.bookable_until > now,
            Venue.latitude.is_not(None),
            Venue.longitude.is_not(None),
        )).all(), dtype=float).reshape(-1, 2)
    distances = nearest_distances_km(
        np.array([(row.latitude, row.longitude) for row in rows], dtype=float).reshape(-1, 2),
        venues)
    communes = [
        CommuneAccess(
            row.code, row.name, row.population or 0,
            None if np.isnan(distance) else float(distance),
            commune_outlines(row.departement_code).get(row.code, ()) if with_outlines else ())
        for row, distance in zip(rows, distances, strict=True)
    ]
    communes.sort(key=lambda commune: (
        -(commune.distance_km if commune.distance_km is not None else np.inf),
        -commune.population, commune.code))
    return WhiteZones(kind, communes, len(venues))


def nearest_distances_km(points: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """For each (latitude, longitude) of `points`, the great-circle distance to the nearest of
    `targets`, NaN when there is none.

    Points become unit vectors, where the nearest by straight chord is the nearest on the
    sphere; the chord then converts exactly to the arc.
    """
    if len(targets) == 0:
        return np.full(len(points), np.nan)
    origins, ends = _unit_vectors(points), _unit_vectors(targets)
    nearest = np.empty(len(points))
    for start in range(0, len(points), BLOCK):
        block = origins[start:start + BLOCK]
        # |a - b|² = 2 - 2 a·b for unit vectors: the largest dot product is the nearest.
        closest = np.clip((block @ ends.T).max(axis=1), -1.0, 1.0)
        nearest[start:start + BLOCK] = np.arccos(closest) * EARTH_RADIUS_KM
    return nearest


def _unit_vectors(coordinates: np.ndarray) -> np.ndarray:
    latitude, longitude = np.radians(coordinates[:, 0]), np.radians(coordinates[:, 1])
    return np.column_stack((np.cos(latitude) * np.cos(longitude),
                            np.cos(latitude) * np.sin(longitude), np.sin(latitude)))
