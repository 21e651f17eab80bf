"""Offers around Montpellier for the deck and search tests."""

from __future__ import annotations

from models.geo import Point
from models.offerers.models import VenueType
from tests import factories

# The coordinates of the commune of Montpellier in the shipped geography.
MONTPELLIER = Point(43.59945, 3.89609)
KM_IN_LATITUDE = 1 / 111.2


def venue_at(session, km_north: float, **fields):
    """A venue `km_north` kilometres north of Montpellier's centre."""
    return factories.venue(
        session, latitude=MONTPELLIER.latitude + km_north * KM_IN_LATITUDE,
        longitude=MONTPELLIER.longitude, **fields,
    )


def bookable_offer(session, subcategory_id: str = "LIVRE_PAPIER", km: float = 1.0,
                   price_cents: int = 1000, venue=None, **fields):
    """An approved offer with one bookable stock, at `km` north of Montpellier."""
    offer = factories.offer(session, venue=venue or venue_at(session, km),
                            subcategory_id=subcategory_id, **fields)
    factories.stock(session, offer=offer, price_cents=price_cents)
    return offer


def online_offer(session, subcategory_id: str = "PODCAST", **fields):
    virtual = factories.venue(session, is_virtual=True, latitude=None, longitude=None,
                              venue_type=VenueType.DIGITAL, siret=None, address=None,
                              postal_code=None, commune_code=None, name="Offres numériques")
    return bookable_offer(session, subcategory_id, venue=virtual, price_cents=0, **fields)
