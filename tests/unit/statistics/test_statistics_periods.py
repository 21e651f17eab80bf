"""The periods of the dashboards, named in the URL (docs/domain/7-territories.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.statistics.periods import Period, parse_period, period_choices

NOW = dt.datetime(2026, 3, 11, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(("slug", "first", "end"), [
    ("2026", dt.date(2026, 1, 1), dt.date(2027, 1, 1)),
    ("2025-T4", dt.date(2025, 10, 1), dt.date(2026, 1, 1)),
    ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 3, 1)),
    ("12m-2026-02", dt.date(2025, 3, 1), dt.date(2026, 3, 1)),
    ("24m-2026-03", dt.date(2024, 4, 1), dt.date(2026, 4, 1)),
])
def test_a_slug_names_a_year_a_quarter_a_month_or_rolling_months(slug, first, end):
    period = parse_period(slug, NOW)
    assert (period.first_day, period.end_day, period.slug) == (first, end, slug)


@pytest.mark.parametrize("slug", ["", "26", "2026-13", "2026-T5", "2026-3", "2018", "2027",
                                  "2026-03-01", "x2026", "12m-2026", "6m-2026-03",
                                  "12m-2026-04", "24m-2026-T1"])
def test_anything_else_names_no_period(slug):
    assert parse_period(slug, NOW) is None


def test_bounds_are_midnights_in_paris_across_a_clock_change():
    march = Period.month(2026, 3)
    assert march.start == dt.datetime(2026, 2, 28, 23, tzinfo=dt.UTC)
    assert march.end == dt.datetime(2026, 3, 31, 22, tzinfo=dt.UTC)


def test_a_year_has_twelve_months_a_quarter_three_and_a_few_days_those_they_touch():
    assert [month.slug for month in Period.quarter(2026, 1).months()] == [
        "2026-01", "2026-02", "2026-03"]
    assert len(Period.year(2025).months()) == 12
    days = Period.days(dt.date(2026, 2, 27), dt.date(2026, 3, 2))
    assert [month.slug for month in days.months()] == ["2026-02", "2026-03"]


def test_the_choices_are_rolling_months_four_years_eight_quarters_and_twelve_months():
    slugs = [period.slug for period in period_choices(NOW)]
    assert slugs[:7] == ["12m-2026-03", "24m-2026-03", "2026", "2025", "2024", "2023", "2026-T1"]
    assert slugs[13] == "2024-T2" and slugs[14] == "2026-03" and slugs[-1] == "2025-04"
