"""The dates of a recurrence: days of the week, times, a period, read in a time zone.

A pure function of its inputs (no database, no clock), so that the preview and the creation
compute exactly the same dates (docs/domain/4-offers.md, "Stocks and dates"). Each refusal
names the form field it is shown beside (`field`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from models.errors import DomainError

MAX_RECURRENCE_DATES = 500


class TooManyDates(DomainError):
    field = "last_day"
    message = (
        "Cette récurrence créerait plus de 500 dates. "
        "Raccourcis la période ou choisis moins de jours ou d'horaires."
    )


class EmptyRecurrence(DomainError):
    field = "weekdays"
    message = "Cette récurrence ne crée aucune date : vérifie les jours choisis et la période."


class PeriodReversed(DomainError):
    field = "last_day"
    message = "La date de fin doit être le même jour ou après la date de début."


@dataclass(frozen=True)
class Recurrence:
    """Every chosen weekday (0 = Monday) of the period, at each time, both ends included."""

    weekdays: frozenset[int]
    times: tuple[dt.time, ...]
    first_day: dt.date
    last_day: dt.date


def local_start(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of `time` on `day` on the wall clocks of `zone`.

    20:00 stays 20:00 on the clock across a change of summer time (the UTC hour moves). A time
    the clocks skip (02:30 on the last Sunday of March) is read with the offset in force before
    the change, so it becomes 03:30; a time seen twice (in October) is the first of the two.
    """
    return dt.datetime.combine(day, time, tzinfo=zone).astimezone(dt.UTC)


def occurrences(recurrence: Recurrence, zone: ZoneInfo,
                limit: int = MAX_RECURRENCE_DATES) -> list[dt.datetime]:
    """The UTC starts of the recurrence, sorted and without repeats.

    Raises `TooManyDates` past `limit` (counted before anything is built) and `EmptyRecurrence`
    when no day of the period is a chosen weekday.
    """
    if recurrence.last_day < recurrence.first_day:
        raise PeriodReversed()
    times = sorted(set(recurrence.times))
    days = [
        recurrence.first_day + dt.timedelta(days=offset)
        for offset in range((recurrence.last_day - recurrence.first_day).days + 1)
        if (recurrence.first_day + dt.timedelta(days=offset)).weekday() in recurrence.weekdays
    ]
    if len(days) * len(times) > limit:
        raise TooManyDates()
    starts = sorted({local_start(day, time, zone) for day in days for time in times})
    if not starts:
        raise EmptyRecurrence()
    return starts


def booking_limit_before(start: dt.datetime, amount: int, unit: str,
                         zone: ZoneInfo) -> dt.datetime:
    """The booking limit `amount` hours or days before `start`.

    Hours are hours of 60 minutes; days are days of the wall clock, so "2 days before" a show
    at 20:00 closes at 20:00 two days earlier even across a change of summer time.
    """
    if unit == "hours":
        return start - dt.timedelta(hours=amount)
    local = start.astimezone(zone)
    return (local - dt.timedelta(days=amount)).astimezone(dt.UTC)
