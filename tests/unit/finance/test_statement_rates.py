"""docs/domain/6-reimbursement.md, "Bands within a statement": bookings priced in order, each
whole at the band the year's revenue reaches once it is counted; years and schedules apart."""

import datetime as dt

import pytest

from models.finance.api import Entry, price_entries
from models.finance.exceptions import InvalidPeriod
from models.finance.models import LineKind
from models.finance.periods import PARIS, Period, paris_day

K = 1000 * 100
DAY = dt.date(2026, 3, 10)


def payment(booked_cents, used_on=DAY, subcategory_id="SEANCE_CINE", booking_id=1):
    moment = dt.datetime.combine(used_on, dt.time(12), PARIS)
    return Entry(moment, booking_id, LineKind.PAYMENT, used_on, booked_cents, subcategory_id)


def priced(before, *entries):
    price_entries(list(entries), before)
    return [(entry.rate_basis_points, entry.reimbursed_cents) for entry in entries]


@pytest.mark.parametrize(("bound", "rate_at", "rate_above", "paid_at", "paid_above"), [
    (20 * K, 10_000, 9_500, 8000, 7600),
    (40 * K, 9_500, 9_200, 7600, 7360),
    (150 * K, 9_200, 9_000, 7360, 7200),
])
def test_a_booking_reaching_a_bound_keeps_the_band_and_the_next_one_starts_the_next(
    bound, rate_at, rate_above, paid_at, paid_above
):
    assert priced({2026: bound - 8000}, payment(8000), payment(8000, booking_id=2)) == [
        (rate_at, paid_at), (rate_above, paid_above),
    ]


def test_a_booking_crossing_a_bound_is_priced_whole_at_the_band_it_reaches():
    # 19 990 € before, 80 € more: the year reaches 20 070 €, the whole 80 € at 95 %.
    entry = payment(8000)
    price_entries([entry], {2026: 20 * K - 1000})
    assert (entry.year_revenue_cents, entry.rate_basis_points, entry.reimbursed_cents) == (
        20 * K + 7000, 9_500, 7600)


def test_one_cent_over_the_bound_is_enough():
    assert priced({2026: 20 * K - 8000 + 1}, payment(8000)) == [(9_500, 7600)]


def test_books_stay_at_95_percent_above_20_thousand_euros():
    assert priced({2026: 20 * K - 8000}, payment(8000, subcategory_id="LIVRE_PAPIER"),
                  payment(8000, subcategory_id="LIVRE_PAPIER", booking_id=2)) == [
        (10_000, 8000), (9_500, 7600)]
    assert priced({2026: 200 * K}, payment(8000, subcategory_id="LIVRE_PAPIER")) == [
        (9_500, 7600)]


def test_not_reimbursed_subcategories_get_nothing_but_count_in_the_revenue():
    vod, cinema = payment(8000, subcategory_id="VOD"), payment(8000, booking_id=2)
    price_entries([vod, cinema], {2026: 20 * K - 8000})
    assert (vod.rate_basis_points, vod.reimbursed_cents) == (0, 0)
    assert (cinema.year_revenue_cents, cinema.reimbursed_cents) == (20 * K + 8000, 7600)


def test_a_new_year_starts_again_at_100_percent():
    december = payment(8000, used_on=dt.date(2025, 12, 31))
    january = payment(8000, used_on=dt.date(2026, 1, 1), booking_id=2)
    price_entries([december, january], {2025: 200 * K, 2026: 0})
    assert (december.rate_basis_points, december.reimbursed_cents) == (9_000, 7200)
    assert (january.rate_basis_points, january.year_revenue_cents) == (10_000, 8000)


def test_the_year_is_the_paris_one():
    new_year_in_paris = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert paris_day(new_year_in_paris) == dt.date(2026, 1, 1)


def test_old_rates_apply_to_bookings_used_before_1_september_2021():
    august = payment(8000, used_on=dt.date(2021, 8, 31))
    september = payment(8000, used_on=dt.date(2021, 9, 1), booking_id=2)
    price_entries([august, september], {2021: 150 * K})
    assert (august.rate_basis_points, august.reimbursed_cents) == (7_000, 5600)
    assert (september.rate_basis_points, september.reimbursed_cents) == (9_000, 7200)


def test_old_third_band_was_85_percent():
    assert priced({2021: 40 * K}, payment(8000, used_on=dt.date(2021, 3, 1))) == [(8_500, 6800)]


def test_a_correction_takes_back_what_was_paid_and_lowers_the_year():
    correction = Entry(dt.datetime(2026, 3, 9, tzinfo=dt.UTC), 7, LineKind.CORRECTION, DAY,
                       -8000, rate_basis_points=9_500, reimbursed_cents=-7600)
    after = payment(4000, booking_id=8)
    price_entries([correction, after], {2026: 20 * K + 4000})
    assert (correction.rate_basis_points, correction.reimbursed_cents) == (9_500, -7600)
    assert correction.year_revenue_cents == 20 * K - 4000
    assert (after.year_revenue_cents, after.rate_basis_points) == (20 * K, 10_000)


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2026-03-1", dt.date(2026, 3, 1), dt.date(2026, 3, 15)),
    ("2026-02-2", dt.date(2026, 2, 16), dt.date(2026, 2, 28)),
    ("2024-02-2", dt.date(2024, 2, 16), dt.date(2024, 2, 29)),
    ("2026-12-2", dt.date(2026, 12, 16), dt.date(2026, 12, 31)),
])
def test_periods_are_halves_of_a_month(text, first, last):
    period = Period.parse(text)
    assert (period.first_day, period.last_day, str(period)) == (first, last, text)


def test_periods_begin_and_end_at_paris_midnight():
    period = Period.parse("2026-03-2")
    assert period.starts_at == dt.datetime(2026, 3, 15, 23, tzinfo=dt.UTC)
    # Summer time starts on 29 March 2026: the period ends at 1 April 00:00 CEST.
    assert period.ends_at == dt.datetime(2026, 3, 31, 22, tzinfo=dt.UTC)


def test_the_last_finished_period_on_11_march_is_the_second_half_of_february():
    now = dt.datetime(2026, 3, 11, 9, 30, tzinfo=dt.UTC)
    assert Period.last_finished(now) == Period(2026, 2, 2)
    assert Period.last_finished(dt.datetime(2026, 1, 5, tzinfo=dt.UTC)) == Period(2025, 12, 2)
    assert Period.last_finished(dt.datetime(2026, 3, 16, tzinfo=dt.UTC)) == Period(2026, 3, 1)


@pytest.mark.parametrize("text", ["2026-03", "2026-13-1", "2026-03-3", "mars", "1999-01-1"])
def test_other_period_texts_are_refused(text):
    with pytest.raises(InvalidPeriod):
        Period.parse(text)
