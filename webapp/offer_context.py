"""What the offer and booking pages need to say about an offer for the person looking at it."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import current_user

from models.bookings.api import refusal_reason
from models.bookings.exceptions import BookingRefused
from models.bookings.models import Booking
from models.bookings.repository import active_booking
from models.geo import Point, distance_km
from models.offers.models import Offer, Stock
from webapp.extensions import db


@dataclass
class BookingState:
    """Whether the person can book, and if not, the reason to show in place of the button."""

    stocks: list[Stock]
    refusal: BookingRefused | None
    existing: Booking | None
    signed_in_young: bool


def person_point() -> Point | None:
    """Where the person is, to give distances: their chosen position, else their commune."""
    try:
        from webapp.position import current_position
    except ImportError:
        current_position = None
    if current_position is not None:
        position = current_position()
        if position is not None:
            return Point(position.latitude, position.longitude)
    if current_user.is_authenticated and current_user.commune is not None:
        return Point(current_user.commune.latitude, current_user.commune.longitude)
    return None


def venue_distance_km(offer: Offer) -> float | None:
    venue = offer.venue
    point = person_point()
    if point is None or venue.latitude is None:
        return None
    return distance_km(point, Point(venue.latitude, venue.longitude))


def booking_state(offer: Offer, stocks: list[Stock], now) -> BookingState:
    """Check the first stock still open with the real booking rules, without writing anything."""
    young = current_user.is_authenticated and current_user.is_beneficiary
    if not young:
        return BookingState(stocks, None, None, False)
    existing = active_booking(db.session, current_user.id, offer.id)
    refusal = None
    bookable = [stock for stock in stocks if stock.remaining_quantity != 0]
    if existing is None:
        stock = bookable[0] if bookable else (stocks[0] if stocks else None)
        if stock is not None:
            refusal = refusal_reason(db.session, current_user.user, stock, 1, now)
    return BookingState(stocks, refusal, existing, True)
