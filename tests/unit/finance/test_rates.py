"""docs/domain/6-reimbursement.md: dated rate bands, worked on two places at 40 €."""

import datetime as dt
from decimal import Decimal

import pytest

from models.finance.rates import reimbursed_cents, reimbursement_rate
from models.offers.catalogue import SUBCATEGORIES, ReimbursementRule

STANDARD, BOOK, NONE = (ReimbursementRule.STANDARD, ReimbursementRule.BOOK,
                        ReimbursementRule.NOT_REIMBURSED)
NEW, OLD = dt.date(2026, 5, 1), dt.date(2021, 3, 1)
TWO_PLACES = 8000
K = 1000 * 100


@pytest.mark.parametrize(
    ("rule", "year_revenue", "day", "expected"),
    [
        # The worked example: 80 € reimbursed 80, 76, 73.60 or 72 € by band.
        (STANDARD, 20 * K, NEW, 8000),
        (STANDARD, 20 * K + 1, NEW, 7600),
        (STANDARD, 40 * K, NEW, 7600),
        (STANDARD, 40 * K + 1, NEW, 7360),
        (STANDARD, 150 * K, NEW, 7360),
        (STANDARD, 150 * K + 1, NEW, 7200),
        # Before 1 September 2021: 68 or 56 € in the two upper bands.
        (STANDARD, 20 * K, OLD, 8000),
        (STANDARD, 40 * K, OLD, 7600),
        (STANDARD, 40 * K + 1, OLD, 6800),
        (STANDARD, 150 * K, OLD, 6800),
        (STANDARD, 150 * K + 1, OLD, 5600),
        # Books: 100 %, then 95 % above 20 k€, whatever the date.
        (BOOK, 20 * K, NEW, 8000),
        (BOOK, 20 * K + 1, NEW, 7600),
        (BOOK, 500 * K, NEW, 7600),
        (BOOK, 500 * K, OLD, 7600),
        # Digital goods marked N are not reimbursed.
        (NONE, 1, NEW, 0),
        (NONE, 500 * K, OLD, 0),
    ],
)
def test_two_places_at_40_euros_by_band_and_date(rule, year_revenue, day, expected):
    assert reimbursed_cents(rule, TWO_PLACES, year_revenue, day) == expected


@pytest.mark.parametrize(
    ("day", "rate"),
    [(dt.date(2021, 8, 31), Decimal("0.85")), (dt.date(2021, 9, 1), Decimal("0.92"))],
)
def test_the_new_rates_apply_from_1_september_2021(day, rate):
    assert reimbursement_rate(STANDARD, 100 * K, day) == rate


def test_half_a_cent_rounds_up():
    assert reimbursed_cents(STANDARD, 1010, 30 * K, NEW) == 960  # 959.5 cents


def test_every_subcategory_has_a_schedule_for_its_rule():
    for sub in SUBCATEGORIES.values():
        assert reimbursement_rate(sub.reimbursement, 1, NEW) in (Decimal("1"), Decimal("0"))
