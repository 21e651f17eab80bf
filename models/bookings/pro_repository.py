"""The bookings of a pro's structures: the filtered list, a page at a time, and the export.

The rules are in docs/domain/5-bookings.md ("Pro list and export"). Both read the same query,
newest booking first, and walk it by keyset (booked_at, id) rather than by offset: the 2,000th
page of a structure with 100,000 bookings then costs what the first one does, and the export
reads its rows in batches of constant size, so a big structure never needs more memory than a
small one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.offerers.models import Structure, Venue
from models.offers.models import Offer, Stock
from models.users.models import User

PAGE_SIZE = 50
EXPORT_BATCH_SIZE = 2_000
# Counting every booking of a big structure would cost more than showing them: past this
# number the list says "more than" instead.
COUNT_CAP = 1_000
# A select of thousands of offers would weigh more than the page itself; a bookshop with more
# references filters by venue, dates and status, or reaches one offer's bookings by its link.
OFFER_CHOICES_CAP = 500


@dataclass(frozen=True)
class BookingFilters:
    """What the pro narrows the list to; bounds are aware instants, `until` excluded."""

    structure_ids: tuple[int, ...]
    venue_id: int | None = None
    offer_id: int | None = None
    event_from: dt.datetime | None = None
    event_until: dt.datetime | None = None
    booked_from: dt.datetime | None = None
    booked_until: dt.datetime | None = None
    status: BookingStatus | None = None


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the list goes on with the bookings strictly older than this one."""

    booked_at: dt.datetime
    booking_id: int


@dataclass(frozen=True)
class BookingPage:
    rows: list[Row]
    next_cursor: Cursor | None


COLUMNS = (
    Booking.id, Booking.booked_at, Booking.token, Booking.quantity, Booking.unit_price_cents,
    Booking.status, Booking.cancellation_reason, Booking.used_at, Offer.id.label("offer_id"),
    Offer.name.label("offer_name"), Venue.name.label("venue_name"),
    Venue.public_name.label("venue_public_name"), Structure.name.label("structure_name"),
    Stock.beginning_at, User.first_name, User.last_name, User.email,
)


def _matching(filters: BookingFilters, columns):
    """`columns` of the bookings the filters keep, in the filters' structures only."""
    query = (
        select(*columns)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Venue.structure_id.in_(filters.structure_ids))
    )
    if filters.venue_id is not None:
        query = query.where(Offer.venue_id == filters.venue_id)
    if filters.offer_id is not None:
        query = query.where(Booking.offer_id == filters.offer_id)
    if filters.status is not None:
        query = query.where(Booking.status == filters.status)
    if filters.booked_from is not None:
        query = query.where(Booking.booked_at >= filters.booked_from)
    if filters.booked_until is not None:
        query = query.where(Booking.booked_at < filters.booked_until)
    if filters.event_from is not None or filters.event_until is not None:
        query = query.join(Stock, Stock.id == Booking.stock_id)
        if filters.event_from is not None:
            query = query.where(Stock.beginning_at >= filters.event_from)
        if filters.event_until is not None:
            query = query.where(Stock.beginning_at < filters.event_until)
    return query


def _with_details(filters: BookingFilters):
    query = _matching(filters, COLUMNS).join(Structure, Structure.id == Venue.structure_id)
    if filters.event_from is None and filters.event_until is None:
        query = query.join(Stock, Stock.id == Booking.stock_id)
    return query.outerjoin(User, User.id == Booking.user_id)


def _older_than(query, cursor: Cursor | None):
    if cursor is not None:
        query = query.where(or_(
            Booking.booked_at < cursor.booked_at,
            and_(Booking.booked_at == cursor.booked_at, Booking.id < cursor.booking_id),
        ))
    return query.order_by(Booking.booked_at.desc(), Booking.id.desc())


def booking_page(session: Session, filters: BookingFilters, after: Cursor | None = None,
                 size: int = PAGE_SIZE) -> BookingPage:
    """One page of the filtered bookings, newest first, after `after` when given."""
    if not filters.structure_ids:
        return BookingPage([], None)
    rows = list(session.execute(_older_than(_with_details(filters), after).limit(size + 1)))
    if len(rows) <= size:
        return BookingPage(rows, None)
    last = rows[size - 1]
    return BookingPage(rows[:size], Cursor(last.booked_at, last.id))


def count_bookings(session: Session, filters: BookingFilters, cap: int = COUNT_CAP) -> int:
    """How many bookings the filters keep, counted up to `cap` + 1 (which means "more")."""
    if not filters.structure_ids:
        return 0
    kept = _matching(filters, (Booking.id,)).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(kept))


def export_rows(session: Session, filters: BookingFilters,
                batch_size: int | None = None) -> Iterator[Row]:
    """Every booking the filters keep, newest first, read `batch_size` rows at a time.

    Each batch is its own short query continuing after the last row of the previous one, so
    memory stays flat whatever the number of bookings and no cursor stays open in between.
    """
    if not filters.structure_ids:
        return
    batch_size = batch_size or EXPORT_BATCH_SIZE
    cursor = None
    while True:
        rows = list(session.execute(
            _older_than(_with_details(filters), cursor).limit(batch_size)))
        yield from rows
        if len(rows) < batch_size:
            return
        cursor = Cursor(rows[-1].booked_at, rows[-1].id)


def venue_choices(session: Session, structure_ids: Sequence[int]) -> list[Row]:
    """(id, name) of the structures' venues, by name, for the venue filter."""
    return list(session.execute(
        select(Venue.id, func.coalesce(Venue.public_name, Venue.name).label("name"))
        .where(Venue.structure_id.in_(structure_ids))
        .order_by("name", Venue.id)
    ))


def offer_choices(session: Session, structure_ids: Sequence[int],
                  cap: int = OFFER_CHOICES_CAP) -> list[Row]:
    """(id, name) of up to `cap` offers of the structures, by name, for the offer filter."""
    return list(session.execute(
        select(Offer.id, Offer.name)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Venue.structure_id.in_(structure_ids))
        .order_by(Offer.name, Offer.id)
        .limit(cap)
    ))


def offer_name_in(session: Session, structure_ids: Sequence[int], offer_id: int) -> str | None:
    """The name of offer `offer_id` if it is one of the structures', else None."""
    return session.scalar(
        select(Offer.name)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Offer.id == offer_id, Venue.structure_id.in_(structure_ids))
    )
