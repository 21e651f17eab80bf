"""Reimbursement rates of the pros, as dated bands (docs/domain/6-reimbursement.md).

A pure module: it knows nothing of the database. The pro side gives it the subcategory's rule,
the booking's amount, the revenue of the pricing point over the calendar year with this booking
included, and the day the booking is priced (the day it was used), and gets the amount owed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from models.offers.catalogue import ReimbursementRule

EUROS = 100


@dataclass(frozen=True)
class Band:
    """`rate` applies while the year's revenue, this booking included, is at most `up_to_cents`
    (no upper bound when None)."""

    up_to_cents: int | None
    rate: Decimal


@dataclass(frozen=True)
class RateSchedule:
    """The bands of each reimbursement rule, in force from `effective_on`."""

    effective_on: dt.date
    bands: dict[ReimbursementRule, tuple[Band, ...]]


_BOOK_BANDS = (Band(20_000 * EUROS, Decimal("1")), Band(None, Decimal("0.95")))
_NOTHING = (Band(None, Decimal("0")),)


def _schedule(effective_on: dt.date, third_band: str, top_band: str) -> RateSchedule:
    """Standard offers: 100 % up to 20 k€ and 95 % up to 40 k€ in every schedule; what changed
    over time is the rate from 40 to 150 k€ and above. Books and digital offers never changed."""
    standard = (
        Band(20_000 * EUROS, Decimal("1")),
        Band(40_000 * EUROS, Decimal("0.95")),
        Band(150_000 * EUROS, Decimal(third_band)),
        Band(None, Decimal(top_band)),
    )
    return RateSchedule(effective_on, {
        ReimbursementRule.STANDARD: standard,
        ReimbursementRule.BOOK: _BOOK_BANDS,
        ReimbursementRule.NOT_REIMBURSED: _NOTHING,
    })


SCHEDULES = (
    _schedule(dt.date(2019, 1, 1), "0.85", "0.70"),
    # From 1 September 2021 the two upper bands of standard offers rose to 92 % and 90 %.
    _schedule(dt.date(2021, 9, 1), "0.92", "0.90"),
)


def schedule_on(day: dt.date) -> RateSchedule:
    """The schedule in force on `day`; the first one for any earlier day."""
    in_force = SCHEDULES[0]
    for schedule in SCHEDULES:
        if schedule.effective_on <= day:
            in_force = schedule
    return in_force


def reimbursement_rate(rule: ReimbursementRule, year_revenue_cents: int, day: dt.date) -> Decimal:
    """The rate of a booking, from the year's revenue of its pricing point, booking included."""
    for band in schedule_on(day).bands[rule]:
        if band.up_to_cents is None or year_revenue_cents <= band.up_to_cents:
            return band.rate
    raise AssertionError("the last band of every rule has no upper bound")


def reimbursed_cents(
    rule: ReimbursementRule, amount_cents: int, year_revenue_cents: int, day: dt.date
) -> int:
    """What the pro is paid for a booking, to the nearest cent (half a cent rounds up)."""
    rate = reimbursement_rate(rule, year_revenue_cents, day)
    return int((rate * amount_cents).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
