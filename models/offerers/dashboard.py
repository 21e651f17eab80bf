"""What a member's home shows: what needs their attention, and how each offer is doing.

The rules are written out in docs/domain/6-structures.md ("The pro home"). Every figure is
read for the structures the person is a validated member of, in a fixed number of queries
whatever the size of the catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.discovery.models import DeckInteraction
from models.offerers.models import Structure, StructureStatus, Venue
from models.offers.models import Offer, Stock, Validation
from models.social.models import Favorite

# "This week" for events, and the window of the activity figures.
EVENTS_AHEAD = dt.timedelta(days=7)
ACTIVITY_WINDOW = dt.timedelta(days=30)
# Events starting within this delay are checked at the counter today or tomorrow.
EVENT_VALIDATION_AHEAD = dt.timedelta(hours=48)
ACTIVE_OFFERS_SHOWN = 20
# The first events of the week are listed; a busy cinema would otherwise fill the page.
EVENTS_SHOWN = 10


@dataclass(frozen=True)
class UpcomingEvent:
    offer_id: int
    offer_name: str
    venue_name: str
    beginning_at: dt.datetime
    booked: int
    quantity: int | None


@dataclass(frozen=True)
class Attention:
    """What needs doing now; empty lists and zeros mean nothing is waiting."""

    structures_waiting: list[Structure]
    offers_in_moderation: int
    events_this_week: list[UpcomingEvent]
    events_this_week_total: int
    bookings_to_validate: int

    @property
    def is_empty(self) -> bool:
        return not (self.structures_waiting or self.offers_in_moderation
                    or self.events_this_week or self.bookings_to_validate)


@dataclass(frozen=True)
class OfferActivity:
    offer_id: int
    name: str
    seen_by: int
    favorites: int
    bookings: int


def _offers_of(structure_ids: list[int]):
    return select(Offer.id).join(Venue, Venue.id == Offer.venue_id).where(
        Venue.structure_id.in_(structure_ids))


def attention(session: Session, structure_ids: list[int], now: dt.datetime) -> Attention:
    """Structures waiting for staff, offers in moderation, this week's events, tickets to check."""
    waiting = list(session.scalars(
        select(Structure).where(
            Structure.id.in_(structure_ids),
            Structure.status.in_((StructureStatus.NEW, StructureStatus.PENDING)),
        ).order_by(Structure.name)
    ))
    in_moderation = session.scalar(
        select(func.count(Offer.id)).join(Venue, Venue.id == Offer.venue_id).where(
            Venue.structure_id.in_(structure_ids), Offer.validation == Validation.PENDING)
    )
    this_week = (
        select(Offer.id, Offer.name, func.coalesce(Venue.public_name, Venue.name),
               Stock.beginning_at, Stock.booked_quantity, Stock.quantity,
               func.count().over().label("total"))
        .join(Offer, Offer.id == Stock.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Venue.structure_id.in_(structure_ids), Stock.is_deleted.is_(False),
               Stock.beginning_at >= now, Stock.beginning_at < now + EVENTS_AHEAD)
        .order_by(Stock.beginning_at, Offer.name)
        .limit(EVENTS_SHOWN)
    )
    rows = session.execute(this_week).all()
    events = [UpcomingEvent(*row[:-1]) for row in rows]
    events_total = rows[0].total if rows else 0
    to_validate = session.scalar(
        select(func.coalesce(func.sum(Booking.quantity), 0))
        .join(Stock, Stock.id == Booking.stock_id)
        .where(
            Booking.offer_id.in_(_offers_of(structure_ids)),
            Booking.status == BookingStatus.CONFIRMED,
            or_(Booking.expires_at.is_(None), Booking.expires_at > now),
            or_(Stock.beginning_at.is_(None),
                and_(Stock.beginning_at <= now + EVENT_VALIDATION_AHEAD,
                     Stock.beginning_at >= now - EVENT_VALIDATION_AHEAD)),
        )
    )
    return Attention(waiting, in_moderation or 0, events, events_total, int(to_validate or 0))


def offer_activity(session: Session, structure_ids: list[int], now: dt.datetime,
                   limit: int = ACTIVE_OFFERS_SHOWN) -> list[OfferActivity]:
    """Per offer, over the last 30 days: people who saw its card, favorites, bookings.

    The offers with the most bookings come first, then the most seen; offers nobody saw,
    favoured or booked in the window are left out.
    """
    since = now - ACTIVITY_WINDOW
    offers = _offers_of(structure_ids)
    seen = (select(DeckInteraction.offer_id, func.count().label("n"))
            .where(DeckInteraction.offer_id.in_(offers), DeckInteraction.at >= since)
            .group_by(DeckInteraction.offer_id).subquery())
    favorites = (select(Favorite.offer_id, func.count().label("n"))
                 .where(Favorite.offer_id.in_(offers), Favorite.created_at >= since)
                 .group_by(Favorite.offer_id).subquery())
    bookings = (select(Booking.offer_id, func.count().label("n"))
                .where(Booking.offer_id.in_(offers), Booking.booked_at >= since)
                .group_by(Booking.offer_id).subquery())
    seen_n = func.coalesce(seen.c.n, 0)
    favorites_n = func.coalesce(favorites.c.n, 0)
    bookings_n = func.coalesce(bookings.c.n, 0)
    rows = session.execute(
        select(Offer.id, Offer.name, seen_n, favorites_n, bookings_n)
        .outerjoin(seen, seen.c.offer_id == Offer.id)
        .outerjoin(favorites, favorites.c.offer_id == Offer.id)
        .outerjoin(bookings, bookings.c.offer_id == Offer.id)
        .where(Offer.id.in_(offers), (seen_n + favorites_n + bookings_n) > 0)
        .order_by(bookings_n.desc(), seen_n.desc(), Offer.name, Offer.id)
        .limit(limit)
    )
    return [OfferActivity(*row) for row in rows]
