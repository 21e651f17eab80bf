"""Reimbursement periods: the 1st to the 15th, and the 16th to the end of each month, as days
in Paris (docs/domain/6-reimbursement.md, "Periods")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from models.finance.exceptions import InvalidPeriod

PARIS = ZoneInfo("Europe/Paris")
PERIOD_PATTERN = re.compile(r"(\d{4})-(\d{2})-([12])\Z")


def paris_day(moment: dt.datetime) -> dt.date:
    """The day `moment` falls on in Paris, where the rates and the periods are counted."""
    # Paris changes its offset only on whole UTC hours, so the hour decides the day; a
    # statement's thousands of bookings share a few hundred hours, and the zone lookup, slow
    # next to everything else of pricing a line, is made once per hour.
    return _paris_day_of_hour(moment.astimezone(dt.UTC).replace(minute=0, second=0,
                                                                microsecond=0))


@lru_cache(maxsize=4096)
def _paris_day_of_hour(hour: dt.datetime) -> dt.date:
    return hour.astimezone(PARIS).date()


def paris_midnight(day: dt.date) -> dt.datetime:
    """The first instant of `day` in Paris, in UTC."""
    return dt.datetime.combine(day, dt.time(), PARIS).astimezone(dt.UTC)


@dataclass(frozen=True, order=True)
class Period:
    """Half a month: `half` 1 is the 1st to the 15th, `half` 2 the 16th to the last day."""

    year: int
    month: int
    half: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """"2026-03-1" or "2026-03-2"; anything else is an `InvalidPeriod`."""
        found = PERIOD_PATTERN.match(text.strip())
        if not found or not 1 <= int(found[2]) <= 12 or not 2000 <= int(found[1]) <= 2100:
            raise InvalidPeriod()
        return cls(int(found[1]), int(found[2]), int(found[3]))

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        return cls(day.year, day.month, 1 if day.day <= 15 else 2)

    @classmethod
    def last_finished(cls, now: dt.datetime) -> Period:
        """The latest period whose last day is over in Paris at `now`."""
        return cls.containing(paris_day(now)).previous()

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1 if self.half == 1 else 16)

    @property
    def last_day(self) -> dt.date:
        if self.half == 1:
            return dt.date(self.year, self.month, 15)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def starts_at(self) -> dt.datetime:
        return paris_midnight(self.first_day)

    @property
    def ends_at(self) -> dt.datetime:
        """The first instant after the period (exclusive bound)."""
        return paris_midnight(self.last_day + dt.timedelta(days=1))

    def previous(self) -> Period:
        if self.half == 2:
            return Period(self.year, self.month, 1)
        last_of_previous_month = self.first_day - dt.timedelta(days=1)
        return Period(last_of_previous_month.year, last_of_previous_month.month, 2)

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}-{self.half}"
