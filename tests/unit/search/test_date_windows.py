"""Date choices of the search, in the person's time zone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from models.search.criteria import DateWindow, date_window

PARIS = ZoneInfo("Europe/Paris")
WEDNESDAY = dt.date(2026, 11, 25)


def local(day: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, tzinfo=PARIS).astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("window", "today", "bounds"),
    [
        (DateWindow.TODAY, WEDNESDAY, (local(25), local(26))),
        (DateWindow.WEEKEND, WEDNESDAY, (local(28), local(30))),
        (DateWindow.WEEKEND, dt.date(2026, 11, 28), (local(28), local(30))),
        (DateWindow.WEEKEND, dt.date(2026, 11, 29), (local(29), local(30))),
        (DateWindow.WEEK, WEDNESDAY, (local(25), local(30))),
        (DateWindow.WEEK, dt.date(2026, 11, 29), (local(29), local(30))),
    ],
)
def test_named_windows_run_from_local_midnight_to_local_midnight(window, today, bounds):
    assert date_window(window, today, PARIS) == bounds


def test_a_custom_range_includes_both_days():
    first, last = dt.date(2026, 12, 1), dt.date(2026, 12, 3)
    assert date_window(DateWindow.CUSTOM, WEDNESDAY, PARIS, first, last) == (
        local(1, 12), local(4, 12)
    )


def test_a_custom_range_may_be_open_on_one_side():
    assert date_window(DateWindow.CUSTOM, WEDNESDAY, PARIS, None, dt.date(2026, 12, 3)) == (
        None, local(4, 12)
    )


def test_overseas_time_zones_shift_the_window():
    start, _end = date_window(DateWindow.TODAY, WEDNESDAY, ZoneInfo("Indian/Reunion"))
    assert start == dt.datetime(2026, 11, 24, 20, tzinfo=dt.UTC)
