"""Commands on venues: creating and editing them, and the one virtual venue of a structure.

The rules are written out in docs/domain/6-structures.md ("Venues"). Commands write in the
caller's session and never commit (`models.unit_of_work`). A venue with a SIRET is its own
pricing point; one without chooses a venue of its structure that has a SIRET, when there is one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import utcnow
from models.geo import Point
from models.offerers.exceptions import (
    InvalidPricingPoint,
    PricingPointRequired,
    SiretKept,
    SiretTaken,
)
from models.offerers.models import Structure, Venue, VenueType
from models.offerers.validation import check_position, check_siret, normalized_phone
from models.territories.models import Commune

ONLINE_SUFFIX = " (en ligne)"


@dataclass(frozen=True)
class VenueDetails:
    """What a pro states about a physical venue; empty texts are None."""

    name: str
    venue_type: VenueType
    address: str
    commune: Commune
    public_name: str | None = None
    siret: str | None = None
    # Without a position, the venue is placed at its commune's point.
    latitude: float | None = None
    longitude: float | None = None
    accessibility_hearing: bool | None = None
    accessibility_mental: bool | None = None
    accessibility_motor: bool | None = None
    accessibility_visual: bool | None = None
    opening_hours: str | None = None
    withdrawal_details: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    pricing_point_id: int | None = None


PLAIN_FIELDS = (
    "name", "public_name", "venue_type", "address", "accessibility_hearing",
    "accessibility_mental", "accessibility_motor", "accessibility_visual", "opening_hours",
    "withdrawal_details", "email", "website",
)


def create_venue(
    session: Session, structure: Structure, details: VenueDetails, *, now: dt.datetime
) -> Venue:
    """Create a physical venue of `structure`, placed at its commune's point unless told."""
    venue = Venue(structure_id=structure.id, is_virtual=False, created_at=now)
    _set_siret(session, venue, structure, details.siret)
    _write(venue, details, position=_position(details, None))
    session.add(venue)
    session.flush()
    _set_pricing_point(session, venue, details.pricing_point_id)
    session.flush()
    return venue


def update_venue(session: Session, venue: Venue, details: VenueDetails) -> None:
    """Change what a pro states about a physical venue.

    Moving it to another commune without refining its position places it at the new commune's
    point: the old coordinates belong to the old place. The search index and the map follow by
    themselves (triggers on the venue's names, the map's grid cell computed from the position).
    """
    if venue.is_virtual:
        raise TypeError("a virtual venue only has a name: use update_virtual_venue")
    _set_siret(session, venue, venue.structure, details.siret)
    _write(venue, details, position=_position(details, venue))
    _set_pricing_point(session, venue, details.pricing_point_id)
    session.flush()


def update_virtual_venue(
    session: Session, venue: Venue, *, name: str, public_name: str | None
) -> None:
    """Rename the virtual venue: it has no address, position nor SIRET to edit."""
    if not venue.is_virtual:
        raise TypeError("a physical venue is edited with update_venue")
    venue.name = name.strip()
    venue.public_name = _text(public_name)
    session.flush()


def ensure_virtual_venue(
    session: Session, structure: Structure, *, now: dt.datetime | None = None
) -> Venue:
    """The structure's virtual venue, holding its digital offers, created the first time.

    The structure's row is locked first (the SQLite unit of work already holds the write lock),
    so two requests creating a digital offer at the same moment still make one virtual venue.
    Its reimbursements go to the structure's first venue with a SIRET, if it has one.
    """
    _lock_structure(session, structure.id)
    existing = session.scalars(
        select(Venue).where(Venue.structure_id == structure.id, Venue.is_virtual.is_(True))
        .order_by(Venue.id).limit(1)
    ).first()
    if existing is not None:
        return existing
    points = pricing_point_candidates(session, structure.id)
    venue = Venue(
        structure_id=structure.id, is_virtual=True, name=(structure.name + ONLINE_SUFFIX)[:140],
        venue_type=VenueType.DIGITAL, created_at=now or utcnow(),
        pricing_point_id=points[0].id if points else None,
    )
    session.add(venue)
    session.flush()
    return venue


def pricing_point_candidates(
    session: Session, structure_id: int, excluding: int | None = None
) -> list[Venue]:
    """The structure's physical venues with a SIRET, which may be pricing points, oldest first."""
    query = select(Venue).where(
        Venue.structure_id == structure_id, Venue.siret.is_not(None),
        Venue.is_virtual.is_(False),
    ).order_by(Venue.id)
    if excluding is not None:
        query = query.where(Venue.id != excluding)
    return list(session.scalars(query))


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _lock_structure(session: Session, structure_id: int) -> None:
    """Lock the structure's row (SQLite's unit of work already holds the write lock)."""
    session.scalars(
        select(Structure).where(Structure.id == structure_id)
        .with_for_update().execution_options(populate_existing=True)
    ).one()


def _siret(value: str | None) -> str | None:
    return _text((value or "").replace(" ", ""))


def _set_siret(session: Session, venue: Venue, structure: Structure, typed: str | None) -> None:
    siret = _siret(typed)
    if venue.siret is not None:
        if siret != venue.siret:
            raise SiretKept()
        return
    if siret is None:
        return
    check_siret(siret, structure.siren)
    # A SIRET starts with its structure's SIREN: locking the structure queues the only requests
    # that could claim the same one (a double click), so the second finds it taken.
    _lock_structure(session, structure.id)
    taken = session.scalar(select(Venue.id).where(Venue.siret == siret))
    if taken is not None:
        raise SiretTaken()
    venue.siret = siret


def _position(details: VenueDetails, venue: Venue | None) -> Point:
    commune = details.commune
    commune_point = Point(commune.latitude, commune.longitude)
    if details.latitude is None or details.longitude is None:
        return commune_point
    typed = Point(details.latitude, details.longitude)
    moved_commune = venue is not None and venue.commune_code != commune.code
    if moved_commune and typed == Point(venue.latitude, venue.longitude):
        return commune_point
    check_position(typed.latitude, typed.longitude, commune_point)
    return typed


def _write(venue: Venue, details: VenueDetails, position: Point) -> None:
    for name in PLAIN_FIELDS:
        value = getattr(details, name)
        setattr(venue, name, _text(value) if isinstance(value, str) else value)
    venue.phone = normalized_phone(details.phone) if _text(details.phone) else None
    commune = details.commune
    venue.commune_code = commune.code
    venue.postal_code = commune.postal_codes[0].postal_code if commune.postal_codes else None
    venue.latitude, venue.longitude = position.latitude, position.longitude


def _set_pricing_point(session: Session, venue: Venue, chosen_id: int | None) -> None:
    if venue.siret is not None:
        venue.pricing_point_id = venue.id
        return
    candidates = pricing_point_candidates(session, venue.structure_id, excluding=venue.id)
    if chosen_id is None:
        if candidates:
            raise PricingPointRequired()
        venue.pricing_point_id = None
        return
    if chosen_id not in {candidate.id for candidate in candidates}:
        raise InvalidPricingPoint()
    venue.pricing_point_id = chosen_id
