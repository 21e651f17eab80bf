"""The bookings of a pro's structures: the filtered list, a page at a time, and the export.

The rules are in docs/domain/5-bookings.md ("Pro list and export"). Both read the same
filters, newest booking first. The list walks them by keyset (booked_at, id) rather than by
offset: a page deep in a structure with 100,000 bookings reads an index range instead of
skipping thousands of rows, and a booking made meanwhile never shifts a row onto the next page
twice. The export reads one query in batches of constant size, so a big structure never needs
more memory than a small one.
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


def _conditions(filters: BookingFilters) -> list:
    """What keeps a booking, in the filters' structures only; may name the booking's offer."""
    if filters.event_from is not None or filters.event_until is not None:
        kept = [Booking.stock_id.in_(_dated_stocks(filters))]
    else:
        kept = [Offer.venue_id.in_(_venues(filters))]
    if filters.offer_id is not None:
        kept.append(Booking.offer_id == filters.offer_id)
    if filters.status is not None:
        kept.append(Booking.status == filters.status)
    if filters.booked_from is not None:
        kept.append(Booking.booked_at >= filters.booked_from)
    if filters.booked_until is not None:
        kept.append(Booking.booked_at < filters.booked_until)
    return kept


def _matching(filters: BookingFilters, columns):
    """`columns` of the bookings the filters keep."""
    query = select(*columns)
    if filters.event_from is None and filters.event_until is None:
        query = query.join(Offer, Offer.id == Booking.offer_id)
    return query.where(*_conditions(filters))


def _venues(filters: BookingFilters):
    venues = select(Venue.id).where(Venue.structure_id.in_(filters.structure_ids))
    if filters.venue_id is not None:
        venues = venues.where(Venue.id == filters.venue_id)
    return venues


def _dated_stocks(filters: BookingFilters):
    """The structures' stocks starting within the event bounds. They are few, so the bookings
    of an event date are read by stock rather than by offer."""
    stocks = select(Stock.id).join(Offer, Offer.id == Stock.offer_id).where(
        Offer.venue_id.in_(_venues(filters)))
    if filters.event_from is not None:
        stocks = stocks.where(Stock.beginning_at >= filters.event_from)
    if filters.event_until is not None:
        stocks = stocks.where(Stock.beginning_at < filters.event_until)
    return stocks


def _newest_first(query, after: Cursor | None, limit: int):
    """`query` ordered newest first, continuing after `after`, at most `limit` rows."""
    if after is not None:
        # The first condition follows from the second; it is there so that both engines read
        # an index range instead of filtering the bookings that came before.
        query = query.where(Booking.booked_at <= after.booked_at, or_(
            Booking.booked_at < after.booked_at,
            and_(Booking.booked_at == after.booked_at, Booking.id < after.booking_id),
        ))
    return query.order_by(Booking.booked_at.desc(), Booking.id.desc()).limit(limit)


def _rows(session: Session, filters: BookingFilters, after: Cursor | None,
          limit: int) -> list[Row]:
    """The rows shown, found in two steps so the sort never carries more than ids.

    The ids of the page are chosen first, from `ix_booking_offer_booked` alone (offer, booking
    instant, id, status: everything the filters and the order need but the event date), then
    only those `limit` bookings are joined to their offer, venue, structure, stock and person.
    Joining first would make the database sort a structure's 100,000 full rows to keep 50.
    """
    page_ids = _newest_first(_matching(filters, (Booking.id,)), after, limit).subquery()
    query = _detailed(select(*COLUMNS).join(page_ids, page_ids.c.id == Booking.id))
    return list(session.execute(query.order_by(Booking.booked_at.desc(), Booking.id.desc())))


def _detailed(query):
    """`query` on bookings joined to what a row shows of them."""
    return (query.join(Offer, Offer.id == Booking.offer_id)
            .join(Venue, Venue.id == Offer.venue_id)
            .join(Structure, Structure.id == Venue.structure_id)
            .join(Stock, Stock.id == Booking.stock_id)
            .outerjoin(User, User.id == Booking.user_id))


def booking_page(session: Session, filters: BookingFilters, after: Cursor | None = None,
                 size: int = PAGE_SIZE) -> BookingPage:
    """One page of the filtered bookings, newest first, after `after` when given."""
    if not filters.structure_ids:
        return BookingPage([], None)
    rows = _rows(session, filters, after, size + 1)
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
    """Every booking the filters keep, newest first, fetched `batch_size` rows at a time.

    One query sorted once by the database, read in batches (a server-side cursor on
    PostgreSQL): memory stays flat whatever the number of bookings. Walking the keyset batch
    after batch would make the database sort what is left of a big structure at each batch.
    """
    if not filters.structure_ids:
        return
    query = _detailed(select(*COLUMNS)).where(*_conditions(filters)).order_by(
        Booking.booked_at.desc(), Booking.id.desc())
    yield from session.execute(query.execution_options(
        yield_per=batch_size or EXPORT_BATCH_SIZE))


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
