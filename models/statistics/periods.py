"""The periods a dashboard covers: a month, a quarter or a year, named in the URL.

Slugs: "2026" (a year), "2026-T1" (a quarter), "2026-03" (a month), "12m-2026-03" and
"24m-2026-03" (the 12 or 24 months ending with March 2026: rolling periods). Bounds are local
midnights in Europe/Paris turned into UTC instants (docs/domain/dates.md); a period may also be
any range of days, which the secrecy tests use to compare periods one day apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
FIRST_YEAR = 2019
_SLUG = re.compile(r"^(?:(?P<rolling>12|24)m-)?(?P<year>\d{4})"
                   r"(?:-(?:T(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")
ROLLING_MONTHS = (12, 24)


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ROLLING = "rolling"
    DAYS = "days"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first_day: dt.date
    # The first day after the period.
    end_day: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = dt.date(year, 3 * quarter - 2, 1)
        return cls(PeriodKind.QUARTER, first, add_months(first, 3))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        return cls(PeriodKind.MONTH, first, add_months(first, 1))

    @classmethod
    def rolling(cls, months: int, year: int, last_month: int) -> Period:
        """The `months` calendar months ending with `last_month` of `year`, that one included."""
        end = add_months(dt.date(year, last_month, 1), 1)
        return cls(PeriodKind.ROLLING, add_months(end, -months), end)

    @classmethod
    def days(cls, first_day: dt.date, last_day: dt.date) -> Period:
        return cls(PeriodKind.DAYS, first_day, last_day + dt.timedelta(days=1))

    @property
    def slug(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.first_day.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.first_day.year}-T{(self.first_day.month + 2) // 3}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.first_day:%Y-%m}"
        if self.kind is PeriodKind.ROLLING:
            return f"{len(self.months())}m-{self.last_month:%Y-%m}"
        return f"{self.first_day:%Y-%m-%d}..{self.end_day - dt.timedelta(days=1):%Y-%m-%d}"

    @property
    def last_month(self) -> dt.date:
        """The first day of the period's last calendar month."""
        return add_months(self.end_day - dt.timedelta(days=1), 0)

    @property
    def whole_months(self) -> bool:
        """Whether the period is made of whole calendar months (every kind but a range of days)."""
        return self.first_day.day == 1 and self.end_day.day == 1

    @property
    def start(self) -> dt.datetime:
        return _paris_midnight(self.first_day)

    @property
    def end(self) -> dt.datetime:
        return _paris_midnight(self.end_day)

    def months(self) -> list[Period]:
        """The calendar months the period covers (those it only touches count too)."""
        months, first = [], self.first_day.replace(day=1)
        while first < self.end_day:
            months.append(Period.month(first.year, first.month))
            first = add_months(first, 1)
        return months

    def state_instant(self, now: dt.datetime) -> dt.datetime:
        """When stocks (such as live credits) are read: the period's end, or now if sooner."""
        return min(self.end, now)


def parse_period(slug: str | None, now: dt.datetime) -> Period | None:
    """The period a slug names, None when it names none or lies outside the pass's years."""
    match = _SLUG.match(slug or "")
    if match is None:
        return None
    year = int(match["year"])
    if not FIRST_YEAR <= year <= now.astimezone(PARIS).year:
        return None
    if match["rolling"]:
        if not match["month"]:
            return None
        period = Period.rolling(int(match["rolling"]), year, int(match["month"]))
        current = now.astimezone(PARIS).date().replace(day=1)
        return period if period.last_month <= current else None
    if match["quarter"]:
        return Period.quarter(year, int(match["quarter"]))
    if match["month"]:
        return Period.month(year, int(match["month"]))
    return Period.year(year)


def default_period(now: dt.datetime) -> Period:
    return Period.year(now.astimezone(PARIS).year)


def period_choices(now: dt.datetime) -> list[Period]:
    """The periods offered: the last 12 and 24 months, the last four years, the last eight
    quarters, the last 12 months."""
    today = now.astimezone(PARIS).date()
    rolling = [Period.rolling(months, today.year, today.month) for months in ROLLING_MONTHS]
    years = [Period.year(today.year - back) for back in range(4)]
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    quarters = [Period.quarter(day.year, (day.month + 2) // 3)
                for day in (add_months(quarter_start, -3 * back) for back in range(8))]
    months = [Period.month(day.year, day.month)
              for day in (add_months(today.replace(day=1), -back) for back in range(12))]
    return rolling + [period for period in years + quarters + months
                      if period.first_day.year >= FIRST_YEAR]


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _paris_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), PARIS).astimezone(dt.UTC)
