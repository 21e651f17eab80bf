"""The take-up's numerators kept per day, commune of residence and age, so that a country's
dashboard does not count every person at each request (docs/domain/7-territories.md,
"Take-up by age").

A period's numerators depend only on the day ages are counted on and the instant before which
credits count: the period's last day and its end once it is over, today and now while it is not.
So the `statistics_take_up` job keeps them by day: the residents of each commune and age who had
received a credit, with the sum of their cell keys, as the raw query counts them
(`take_up.beneficiaries_by_age`), and the instant it counted credits until. Every period not
over reads today's numerators (the current month, quarter, year and rolling months alike); a
period over reads those of its last day when they were counted until its end. Otherwise a
dashboard counts from the people, as before the first run: the figure is the same either way,
except for credits granted since the refresh, as with the other aggregates.

Each run counts today again (one query whatever the number of periods), and the last days of the
previous month, quarter and year when they are not kept whole yet; it drops the days kept
before today that end no month, which no period reads.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    Integer,
    SmallInteger,
    String,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.credit.models import Deposit
from models.db import Base, UtcDateTime
from models.statistics.indicators import Selection
from models.statistics.periods import PARIS, Period
from models.statistics.secrecy import Count
from models.statistics.take_up import (
    AGES,
    CountByAge,
    beneficiaries_by_age,
    birth_bound,
    population_query,
    reference_day,
)
from models.users.models import User


class TakeUpDay(Base):
    """A day whose numerators are kept, and the instant credits were counted until."""

    __tablename__ = "stat_take_up_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    counted_until: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class TakeUpCell(Base):
    """Residents of a commune of one age on a day, who had received a credit by the instant of
    their day's count, with the sum of their keys."""

    __tablename__ = "stat_take_up"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    age: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    people: Mapped[int] = mapped_column(Integer)
    people_keys: Mapped[int] = mapped_column(BigInteger)


def day_end(day: dt.date) -> dt.datetime:
    """The instant a day ends in metropolitan France, as periods end."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), PARIS).astimezone(dt.UTC)


def is_kept(session: Session, period: Period, now: dt.datetime) -> bool:
    """Whether the numerators of `period` are kept as it counts them now."""
    counted_until = session.scalar(select(TakeUpDay.counted_until)
                                   .where(TakeUpDay.day == reference_day(period, now)))
    if counted_until is None:
        return False
    return now < period.end or counted_until >= period.end


def kept_by_age(session: Session, selection: Selection,
                now: dt.datetime) -> tuple[dict[int, Count], int]:
    """The kept numerators of a scope per age, and its population: one query."""
    columns = []
    for age in AGES:
        of_age = TakeUpCell.age == age
        columns += [func.sum(case((of_age, TakeUpCell.people), else_=0)),
                    func.sum(case((of_age, TakeUpCell.people_keys), else_=0))]
    row = session.execute(
        select(*columns, population_query(selection.scope).scalar_subquery())
        .where(TakeUpCell.day == reference_day(selection.period, now),
               selection.scope.resident_clause(TakeUpCell.commune_code))
    ).one()
    counts = {age: Count(int(row[2 * index] or 0), int(row[2 * index + 1] or 0))
              for index, age in enumerate(AGES)}
    return counts, int(row[-1] or 0)


def count_by_age_for(session: Session, period: Period, now: dt.datetime) -> CountByAge:
    """Read the kept numerators when they were counted on the day the period counts ages on
    now; else count from the people. One query, once per dashboard."""
    if is_kept(session, period, now):
        return kept_by_age
    return beneficiaries_by_age


def due_days(session: Session, now: dt.datetime) -> list[tuple[dt.date, dt.datetime]]:
    """The days a run counts, each with the instant credits count until: today until now, and
    the last days of the previous month, quarter and year until their end when not kept so."""
    today = now.astimezone(PARIS).date()
    month_start = today.replace(day=1)
    quarter_start = month_start.replace(month=3 * ((today.month + 2) // 3) - 2)
    ends = sorted({start - dt.timedelta(days=1)
                   for start in (month_start, quarter_start, today.replace(month=1, day=1))},
                  reverse=True)
    kept = dict(session.execute(select(TakeUpDay.day, TakeUpDay.counted_until)
                                .where(TakeUpDay.day.in_(ends))).all())
    return [(today, now)] + [(day, day_end(day)) for day in ends
                             if day not in kept or kept[day] < day_end(day)]


def refresh_take_up(session: Session, now: dt.datetime) -> int:
    """Count again the numerators of the due days; the number of days counted."""
    days = due_days(session, now)
    for day, until in days:
        _count_day(session, day, until)
    _drop_unread_days(session, now.astimezone(PARIS).date())
    return len(days)


def _count_day(session: Session, day: dt.date, until: dt.datetime) -> None:
    born = User.date_of_birth
    age = case(*((born > birth_bound(day, each + 1), each) for each in AGES[:-1]),
               else_=AGES[-1])
    key = cast(User.cell_key, BigInteger)
    has_deposit = exists().where(Deposit.user_id == User.id, Deposit.created_at < until)
    counted = (
        select(literal(day, Date()), User.commune_code, age, func.count(),
               func.coalesce(func.sum(key), 0))
        .where(User.commune_code.is_not(None), has_deposit,
               and_(born <= birth_bound(day, AGES[0]), born > birth_bound(day, AGES[-1] + 1)))
        .group_by(User.commune_code, age)
    )
    _drop(session, [day])
    # Written by the database itself: a day is some 66,000 rows at the scale of the benchmark.
    session.execute(insert(TakeUpCell).from_select(
        ["day", "commune_code", "age", "people", "people_keys"], counted))
    session.add(TakeUpDay(day=day, counted_until=until))
    session.flush()


def _drop_unread_days(session: Session, today: dt.date) -> None:
    """Days before today that end no month: no period reads them."""
    _drop(session, [day for day in session.scalars(select(TakeUpDay.day).where(
        TakeUpDay.day < today)) if (day + dt.timedelta(days=1)).day != 1])


def _drop(session: Session, days: list[dt.date]) -> None:
    if days:
        session.execute(delete(TakeUpCell).where(TakeUpCell.day.in_(days)))
        session.execute(delete(TakeUpDay).where(TakeUpDay.day.in_(days)))
