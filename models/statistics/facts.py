"""The bookings behind the aggregates, read once and tallied in Python the same way everywhere.

The `statistics_aggregates` job (`models.statistics.refresh`) tallies the bookings of the months
it refreshes into the aggregate tables; a dashboard asked for a period that has no aggregates
(a range of days) tallies the bookings of its scope the same way. Months are cut at local
midnights in Europe/Paris, the instants the raw queries use, so both give the same cells.

Definitions (docs/domain/7-territories.md): a booking counts when it is not cancelled and its
person has a commune of residence; it is digital when its offer has an access link (`url`);
its lead time is the time from the booking to the event's start, in the buckets of `LEADS`;
a person's diversification score over a period is the number of distinct categories, plus
distinct subcategories, plus distinct venue types, plus distinct venues of their bookings: each
booking scores a point for each of the four that it is the first of.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import BigInteger, cast, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.offerers.models import Venue
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import Offer, Stock
from models.statistics.periods import Period, PeriodKind, add_months
from models.statistics.scopes import Scope
from models.statistics.secrecy import Count
from models.users.models import User

THREE_CATEGORIES = 3
OTHER_CATEGORY = "AUTRE"

# Lead-time buckets: (code, the longest lead time in the bucket, excluded). Code 0 is a
# booking of something with no date (a book, a subscription).
NO_DATE = 0
LEADS: tuple[tuple[int, dt.timedelta | None], ...] = (
    (1, dt.timedelta(days=1)),
    (2, dt.timedelta(days=8)),
    (3, dt.timedelta(days=31)),
    (4, None),
)


def lead_bucket(booked_at: dt.datetime, beginning_at: dt.datetime | None) -> int:
    """The lead-time bucket of a booking: under a day, 1 to 7 days, 8 to 30 days, more."""
    if beginning_at is None:
        return NO_DATE
    lead = beginning_at - booked_at
    for code, below in LEADS:
        if below is None or lead < below:
            return code
    raise AssertionError("the last bucket has no bound")


@dataclass(frozen=True)
class BookingFact:
    """One counted booking, as the aggregates need it (never shown: it names a person)."""

    booked_at: dt.datetime
    user_id: int
    commune_code: str
    key: int
    category: str
    subcategory: str
    digital: bool
    lead: int
    quantity: int
    cents: int
    offer_id: int
    structure_id: int
    venue_id: int
    venue_type: str


def read_facts(session: Session, start: dt.datetime, end: dt.datetime,
               scope: Scope | None = None) -> Iterator[BookingFact]:
    """The counted bookings made in [start, end), by residents of `scope` (anyone with a
    commune when None), ordered by person so that a person's bookings come together."""
    query = (
        select(Booking.booked_at, User.id, User.commune_code, cast(User.cell_key, BigInteger),
               Offer.subcategory_id, Offer.url.is_not(None), Stock.beginning_at,
               Booking.quantity, Booking.unit_price_cents, Booking.offer_id,
               Venue.structure_id, Venue.id, Venue.venue_type)
        .select_from(Booking)
        .join(User, User.id == Booking.user_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Stock, Stock.id == Booking.stock_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Booking.status != BookingStatus.CANCELLED, Booking.booked_at >= start,
               Booking.booked_at < end, User.commune_code.is_not(None))
        .order_by(User.id)
    )
    if scope is not None:
        query = query.where(scope.resident_clause(User.commune_code))
    for (booked_at, user_id, commune, key, subcategory, digital, beginning_at, quantity,
         price, offer_id, structure_id, venue_id, venue_type) in session.execute(
            query.execution_options(yield_per=20_000)):
        sub = SUBCATEGORIES.get(subcategory)
        yield BookingFact(
            booked_at, user_id, commune, int(key),
            sub.category_id if sub else OTHER_CATEGORY, subcategory, bool(digital),
            lead_bucket(booked_at, beginning_at), quantity, price * quantity, offer_id,
            structure_id, venue_id, str(venue_type),
        )


class MonthCutter:
    """The calendar month (its first day) of an instant, from the months' UTC bounds."""

    def __init__(self, first: dt.date, end: dt.date):
        self.months = Period(PeriodKind.DAYS, first, end).months()
        self._starts = [month.start for month in self.months]

    def __call__(self, instant: dt.datetime) -> dt.date:
        index = bisect_right(self._starts, instant) - 1
        if index < 0:
            raise ValueError(f"{instant} is before {self.months[0].slug}")
        return self.months[index].first_day


def _counter() -> list[int]:
    return [0, 0]


@dataclass
class Tally:
    """The aggregates of some months, and the distinct people of some periods, per commune."""

    months: set[dt.date]
    periods: list[Period]
    # (month, commune, category, digital, lead) -> [bookings, keys, quantity, keys, free, keys]
    bookings: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(
        lambda: [0] * 6))
    # (month, commune, category, structure) -> [cents, bookings, keys]
    partners: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(
        lambda: [0] * 3))
    # (month, commune, offer) -> [structure, cents, bookings, keys]
    offers: dict[tuple, list[int]] = field(default_factory=dict)
    # (period slug, commune) -> [bookers, keys, diverse, keys, score, keys]
    people: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(
        lambda: [0] * 6))

    def add_month_cells(self, fact: BookingFact, month: dt.date) -> None:
        cell = self.bookings[month, fact.commune_code, fact.category, fact.digital, fact.lead]
        cell[0] += 1
        cell[1] += fact.key
        cell[2] += fact.quantity
        cell[3] += fact.key * fact.quantity
        if fact.cents == 0:
            cell[4] += 1
            cell[5] += fact.key
        partner = self.partners[month, fact.commune_code, fact.category, fact.structure_id]
        partner[0] += fact.cents
        partner[1] += 1
        partner[2] += fact.key
        offer = self.offers.setdefault((month, fact.commune_code, fact.offer_id),
                                       [fact.structure_id, 0, 0, 0])
        offer[1] += fact.cents
        offer[2] += 1
        offer[3] += fact.key

    def add_person(self, facts: list[tuple[dt.date, BookingFact]]) -> None:
        """One person's bookings (with their months): who booked, in how many categories, with
        what diversification score, in each period tallied."""
        first = facts[0][1]
        for period in self.periods:
            inside = [fact for month, fact in facts
                      if period.first_day <= month < period.end_day]
            if not inside:
                continue
            categories = {fact.category for fact in inside}
            score = (len(categories) + len({fact.subcategory for fact in inside})
                     + len({fact.venue_type for fact in inside})
                     + len({fact.venue_id for fact in inside}))
            cell = self.people[period.slug, first.commune_code]
            cell[0] += 1
            cell[1] += first.key
            if len(categories) >= THREE_CATEGORIES:
                cell[2] += 1
                cell[3] += first.key
            cell[4] += score
            cell[5] += score * first.key


def tally(facts: Iterable[BookingFact], cutter: MonthCutter, months: set[dt.date],
          periods: list[Period]) -> Tally:
    """Tally bookings ordered by person into the cells of `months` and the people of
    `periods`."""
    result = Tally(months, periods)
    person: list[tuple[dt.date, BookingFact]] = []
    for fact in facts:
        if person and person[0][1].user_id != fact.user_id:
            result.add_person(person)
            person = []
        month = cutter(fact.booked_at)
        person.append((month, fact))
        if month in months:
            result.add_month_cells(fact, month)
    if person:
        result.add_person(person)
    return result


def tally_selection(session: Session, scope: Scope, period: Period) -> Tally:
    """The tally of one scope and period straight from the bookings, for a period the
    aggregates do not hold (a range of days)."""
    # The bookings read are those of the period: the months it touches hold them all.
    first = period.first_day.replace(day=1)
    whole = Period(PeriodKind.DAYS, first, add_months(period.last_month, 1))
    cutter = MonthCutter(first, whole.end_day)
    return tally(read_facts(session, period.start, period.end, scope), cutter,
                 {month.first_day for month in period.months()}, [whole])


def count_of(cell: list[int] | None, index: int = 0) -> Count:
    return Count(cell[index], cell[index + 1]) if cell else Count()
