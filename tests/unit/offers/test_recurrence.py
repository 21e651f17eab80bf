"""The dates of a recurrence, read on the wall clocks of Paris (docs/domain/4-offers.md)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from models.offers.recurrence import (
    EmptyRecurrence,
    PeriodReversed,
    Recurrence,
    TooManyDates,
    booking_limit_before,
    occurrences,
)

PARIS = ZoneInfo("Europe/Paris")
MONDAY, WEDNESDAY, SATURDAY, SUNDAY = 0, 2, 5, 6


def recurrence(weekdays, times, first_day, last_day) -> Recurrence:
    return Recurrence(frozenset(weekdays), tuple(times), first_day, last_day)


def utc(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


def test_each_chosen_weekday_of_the_period_at_each_time_both_ends_included():
    starts = occurrences(recurrence({WEDNESDAY, SATURDAY}, [dt.time(20), dt.time(15)],
                                    dt.date(2026, 1, 7), dt.date(2026, 1, 14)), PARIS)
    assert starts == [utc(2026, 1, 7, 14), utc(2026, 1, 7, 19), utc(2026, 1, 10, 14),
                      utc(2026, 1, 10, 19), utc(2026, 1, 14, 14), utc(2026, 1, 14, 19)]


def test_20_00_stays_20_00_in_paris_across_the_change_to_summer_time():
    starts = occurrences(recurrence({SATURDAY, SUNDAY}, [dt.time(20)],
                                    dt.date(2026, 3, 28), dt.date(2026, 3, 29)), PARIS)
    assert starts == [utc(2026, 3, 28, 19), utc(2026, 3, 29, 18)]
    assert {start.astimezone(PARIS).time() for start in starts} == {dt.time(20)}


def test_20_00_stays_20_00_in_paris_across_the_return_to_winter_time():
    starts = occurrences(recurrence({SATURDAY, SUNDAY}, [dt.time(20)],
                                    dt.date(2026, 10, 24), dt.date(2026, 10, 25)), PARIS)
    assert starts == [utc(2026, 10, 24, 18), utc(2026, 10, 25, 19)]


def test_a_time_the_clocks_skip_becomes_the_hour_after():
    [start] = occurrences(recurrence({SUNDAY}, [dt.time(2, 30)],
                                     dt.date(2026, 3, 29), dt.date(2026, 3, 29)), PARIS)
    assert start.astimezone(PARIS).time() == dt.time(3, 30)


def test_the_same_time_typed_twice_gives_one_date():
    starts = occurrences(recurrence({MONDAY}, [dt.time(18), dt.time(18)],
                                    dt.date(2026, 3, 16), dt.date(2026, 3, 16)), PARIS)
    assert len(starts) == 1


def test_500_dates_are_accepted_and_501_refused():
    every_day = set(range(7))
    first = dt.date(2026, 4, 1)
    assert len(occurrences(recurrence(every_day, [dt.time(20)], first,
                                      first + dt.timedelta(days=499)), PARIS)) == 500
    with pytest.raises(TooManyDates) as refused:
        occurrences(recurrence(every_day, [dt.time(20)], first, first + dt.timedelta(days=500)),
                    PARIS)
    assert "500 dates" in refused.value.message


def test_a_century_of_dates_is_refused_without_building_them():
    with pytest.raises(TooManyDates):
        occurrences(recurrence(set(range(7)), [dt.time(h) for h in range(24)],
                               dt.date(2000, 1, 1), dt.date(2100, 12, 31)), PARIS)


def test_a_period_without_any_chosen_weekday_is_refused():
    with pytest.raises(EmptyRecurrence):
        occurrences(recurrence({SUNDAY}, [dt.time(20)], dt.date(2026, 3, 16),
                               dt.date(2026, 3, 20)), PARIS)


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(PeriodReversed):
        occurrences(recurrence({SUNDAY}, [dt.time(20)], dt.date(2026, 3, 20),
                               dt.date(2026, 3, 16)), PARIS)


def test_a_limit_in_days_keeps_the_wall_clock_across_summer_time():
    start = utc(2026, 3, 30, 18)  # Monday 30 March, 20:00 in Paris (summer time)
    limit = booking_limit_before(start, 2, "days", PARIS)
    assert limit.astimezone(PARIS) == dt.datetime(2026, 3, 28, 20, tzinfo=PARIS)


def test_a_limit_in_hours_counts_real_hours():
    start = utc(2026, 3, 29, 18)
    assert booking_limit_before(start, 24, "hours", PARIS) == utc(2026, 3, 28, 18)
