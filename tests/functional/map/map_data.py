"""Venues and offers placed around Montpellier for the map's tests."""

from __future__ import annotations

import datetime as dt

from models.db import utcnow
from models.geo import Point
from models.offerers.models import StructureStatus
from tests import factories

# The reference point of the commune of Montpellier (34172) in the shipped geography.
MONTPELLIER = Point(43.59945, 3.89609)
KM_IN_LATITUDE = 1 / 111.2


def point_north(km: float, km_east: float = 0.0) -> Point:
    return Point(MONTPELLIER.latitude + km * KM_IN_LATITUDE,
                 MONTPELLIER.longitude + km_east / 80.6)


def venue_at(session, km: float, km_east: float = 0.0, **fields):
    """A venue `km` kilometres north (and `km_east` east) of Montpellier's reference point."""
    point = point_north(km, km_east)
    return factories.venue(session, latitude=point.latitude, longitude=point.longitude, **fields)


def bookable_venue(session, name: str, km: float, km_east: float = 0.0, offers: int = 1,
                   subcategory_id: str = "LIVRE_PAPIER", price_cents: int = 1000,
                   **venue_fields):
    """A venue with `offers` bookable offers."""
    venue = venue_at(session, km, km_east, name=name, **venue_fields)
    for _ in range(offers):
        offer = factories.offer(session, venue=venue, subcategory_id=subcategory_id)
        factories.stock(session, offer=offer, price_cents=price_cents)
    return venue


def expired_venue(session, name: str, km: float):
    """A venue whose only offer is an event that has already begun."""
    venue = venue_at(session, km, name=name)
    offer = factories.offer(session, venue=venue, subcategory_id="CONCERT")
    factories.stock(session, offer=offer, beginning_at=utcnow() - dt.timedelta(hours=1))
    return venue


def unvalidated_venue(session, name: str, km: float):
    structure = factories.structure(session, status=StructureStatus.PENDING)
    venue = venue_at(session, km, name=name, structure=structure)
    factories.stock(session, offer=factories.offer(session, venue=venue))
    return venue
