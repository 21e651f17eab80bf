"""The `statistics_aggregates` job: bring the dashboards' aggregates up to date, month by month.

What it refreshes (docs/domain/7-territories.md, "Aggregates"):

- the months touched since the last run: those of the bookings added (by id) or made since,
  of the bookings cancelled since, and every month from the last run's to the current one; the
  first run takes every month since the first booking. A month's rows are deleted and written
  again whole from the bookings, so a run repeated, late or after a crash gives the same rows;
- the distinct people of every period holding a touched month: the month, its quarter, its
  year, and the rolling 12 and 24 months ending with the current month (rolling periods ending
  earlier are dropped: a dashboard asked for one reads the bookings instead).

Runs are one after the other: the first statement of a run writes the state row, which takes
PostgreSQL's row lock or SQLite's write lock until the run commits, so a second run waits and
then finds nothing left to do. The window of one hour before the last run catches bookings
committed late by transactions that were still open when it read.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, delete, func, insert, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.statistics.facts import (
    booking_cells,
    dialect_of,
    offer_cells,
    partner_cells,
    people_cells,
)
from models.statistics.models import (
    AggregatedPeriod,
    AggregatesState,
    BookingMonth,
    OfferMonth,
    PartnerMonth,
    PeoplePeriod,
    ScopeFigure,
    ScopeTop,
)
from models.statistics.periods import PARIS, ROLLING_MONTHS, Period, PeriodKind, add_months
from models.statistics.rollup import ScopeSums, roll_up
from models.statistics.scopes import Level

STATE_ID = 1
NEVER = -1
LATE_COMMITS = dt.timedelta(hours=1)
INSERT_BATCH = 5_000


def refresh_aggregates(session: Session, now: dt.datetime) -> int:
    """Refresh the aggregates of the months touched since the last run; return how many
    periods were refreshed."""
    since, last_booking_id = _lock_state(session, now)
    current = _month_of(now)
    months = _touched_months(session, since, last_booking_id, current)
    periods = _periods_holding(months, current)
    stale_rolling = _stale_rolling(session, current)
    if stale_rolling:
        for model in (PeoplePeriod, ScopeFigure, ScopeTop):
            session.execute(delete(model).where(model.period.in_(stale_rolling)))
        session.execute(delete(AggregatedPeriod).where(AggregatedPeriod.period.in_(
            stale_rolling)))
    dialect = dialect_of(session)
    for month in sorted(months):
        _refresh_month(session, dialect, Period.month(month.year, month.month))
    slugs = [period.slug for period in periods]
    for model in (PeoplePeriod, ScopeFigure, ScopeTop, AggregatedPeriod):
        session.execute(delete(model).where(model.period.in_(slugs)))
    for period in periods:
        people = people_cells(period, None).subquery()
        session.execute(insert(PeoplePeriod).from_select(
            [column.name for column in PeoplePeriod.__table__.columns],
            select(literal(period.slug), *people.c)))
    _write_scopes(session, roll_up(session, periods))
    _insert(session, AggregatedPeriod, ({"period": slug, "refreshed_at": now}
                                        for slug in slugs))
    session.execute(update(AggregatesState).where(AggregatesState.id == STATE_ID).values(
        refreshed_at=now, last_booking_id=_last_booking_id(session)))
    return len(periods)


def _lock_state(session: Session, now: dt.datetime) -> tuple[dt.datetime | None, int]:
    """Take the state row (the run's lock) and read the last run's instant and last booking;
    (None, 0) before the first run, which the row says with a last booking of -1."""
    dialect = session.get_bind().dialect.name
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert_(AggregatesState).values(id=STATE_ID, refreshed_at=now, last_booking_id=NEVER)
        .on_conflict_do_nothing(index_elements=["id"]))
    session.execute(update(AggregatesState).where(AggregatesState.id == STATE_ID).values(
        last_booking_id=AggregatesState.last_booking_id))
    refreshed_at, last_booking_id = session.execute(
        select(AggregatesState.refreshed_at, AggregatesState.last_booking_id)
        .where(AggregatesState.id == STATE_ID)).one()
    return (None, 0) if last_booking_id == NEVER else (refreshed_at, last_booking_id)


def _last_booking_id(session: Session) -> int:
    return session.scalar(select(func.max(Booking.id))) or 0


def _month_of(instant: dt.datetime) -> dt.date:
    return instant.astimezone(PARIS).date().replace(day=1)


def _touched_months(session: Session, since: dt.datetime | None, last_booking_id: int,
                    current: dt.date) -> set[dt.date]:
    if since is None:
        first = session.scalar(select(func.min(Booking.booked_at)))
        start = _month_of(first) if first else current
        return _months_between(start, current)
    window = since - LATE_COMMITS
    instants = session.scalars(select(Booking.booked_at).where(or_(
        Booking.id > last_booking_id, Booking.booked_at >= window,
        Booking.cancelled_at >= window)))
    months = {_month_of(instant) for instant in instants}
    return months | _months_between(min(_month_of(window), current), current)


def _months_between(first: dt.date, last: dt.date) -> set[dt.date]:
    return {month.first_day for month in Period(PeriodKind.DAYS, first,
                                                add_months(last, 1)).months()}


def _periods_holding(months: set[dt.date], current: dt.date) -> list[Period]:
    periods: dict[str, Period] = {}
    for month in months:
        for period in (Period.month(month.year, month.month),
                       Period.quarter(month.year, (month.month + 2) // 3),
                       Period.year(month.year)):
            periods[period.slug] = period
    for count in ROLLING_MONTHS:
        rolling = Period.rolling(count, current.year, current.month)
        if any(rolling.first_day <= month < rolling.end_day for month in months):
            periods[rolling.slug] = rolling
    return sorted(periods.values(), key=lambda period: (period.first_day, period.end_day))


def _stale_rolling(session: Session, current: dt.date) -> list[str]:
    """The rolling periods held that end before the current month."""
    kept = {Period.rolling(count, current.year, current.month).slug for count in ROLLING_MONTHS}
    held = session.scalars(select(AggregatedPeriod.period).where(
        AggregatedPeriod.period.like("%m-%")))
    return [slug for slug in held if slug not in kept]


def _refresh_month(session: Session, dialect: str, month: Period) -> None:
    """Write a month's rows of the tables per commune again, whole, from its bookings."""
    for model, cells in ((BookingMonth, booking_cells(dialect, month.start, month.end, None)),
                         (PartnerMonth, partner_cells(month.start, month.end, None)),
                         (OfferMonth, offer_cells(month.start, month.end, None))):
        session.execute(delete(model).where(model.month == month.first_day))
        grouped = cells.subquery()
        session.execute(insert(model).from_select(
            [column.name for column in model.__table__.columns],
            select(literal(month.first_day, Date), *grouped.c)))


def _write_scopes(session: Session, sums: dict[tuple[str, Level, str], ScopeSums]) -> None:
    figures, tops = [], []
    for (slug, level, code), scope in sums.items():
        for name, (count, keys) in scope.counts.items():
            figures.append({"period": slug, "level": level.value, "code": code, "name": name,
                            "count": count, "keys": keys, "largest": 0})
        for category, (cents, partners, largest) in scope.amounts().items():
            figures.append({"period": slug, "level": level.value, "code": code,
                            "name": f"amount.{category}" if category else "amount",
                            "count": cents, "keys": partners, "largest": largest})
        for kind, ranked in (("partner", [(item, (*sums_, item)) for item, sums_
                                          in scope.top(scope.partners)]),
                             ("offer", scope.top(scope.offers))):
            for rank, (item, (count, keys, cents, structure)) in enumerate(ranked, 1):
                tops.append({"period": slug, "level": level.value, "code": code,
                             "kind": kind, "rank": rank, "item_id": item,
                             "structure_id": structure, "bookings": count,
                             "bookings_keys": keys, "cents": cents})
    _insert(session, ScopeFigure, figures)
    _insert(session, ScopeTop, tops)


def _insert(session: Session, model, rows) -> None:
    # Core inserts of plain rows, in batches: the ORM's bookkeeping would cost more than the
    # database's work.
    connection, statement = session.connection(), insert(model.__table__)
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == INSERT_BATCH:
            connection.execute(statement, batch)
            batch = []
    if batch:
        connection.execute(statement, batch)
