"""What became of a demo booking by now: confirmed, used, reimbursed or cancelled, and when.

The rules are those of docs/domain/5-bookings.md: event tickets are validated at the door or
become used 48 h after the start; unused bookings of "x" subcategories (events included) expire
at the first midnight after their delay; reimbursement follows use.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from models.bookings.api import expiry_of_unused
from models.bookings.models import BookingStatus, CancellationReason
from models.offers.catalogue import Subcategory, unused_booking_expiry_days

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
CANCELLATION_WINDOW = dt.timedelta(hours=48)
PARIS = ZoneInfo("Europe/Paris")


def cancellation_limit(booked_at: dt.datetime, start: dt.datetime) -> dt.datetime:
    """`max(booked_at, min(start − 48 h, booked_at + 48 h))` (docs/domain/5-bookings.md)."""
    return max(booked_at, min(start - CANCELLATION_WINDOW, booked_at + CANCELLATION_WINDOW))


def expiry_delay(sub: Subcategory) -> dt.timedelta | None:
    days = unused_booking_expiry_days(sub)
    return None if days is None else DAY * days


def next_payment(after: dt.datetime) -> dt.datetime:
    """Reimbursements are paid twice a month, on the 1st and the 16th."""
    day = after.date() + DAY
    while day.day not in (1, 16):
        day += DAY
    return dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC)


def _between(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    return start + (end - start) * rng.random() if end > start else start


def _fields(status: BookingStatus, **values) -> dict:
    return {"status": status, "cancellation_reason": None, "cancelled_at": None,
            "used_at": None, "reimbursed_at": None, **values}


def _used(rng: random.Random, now: dt.datetime, sub: Subcategory, used_at: dt.datetime) -> dict:
    """Used; the statements the demo then issues (`webapp.demo.pro_scenario`) reimburse it."""
    return _fields(BookingStatus.USED, used_at=used_at)


def _cancelled(reason: CancellationReason, at: dt.datetime) -> dict:
    return _fields(BookingStatus.CANCELLED, cancellation_reason=reason, cancelled_at=at)


def settle_event(rng: random.Random, now: dt.datetime, sub: Subcategory, booked_at: dt.datetime,
                 start: dt.datetime) -> dict:
    limit = cancellation_limit(booked_at, start)
    roll = rng.random()
    if roll < 0.07:
        return _cancelled(CancellationReason.BENEFICIARY, _between(rng, booked_at, min(limit, now)))
    if start > now:
        return _fields(BookingStatus.CONFIRMED)
    if roll < 0.085:
        return _cancelled(CancellationReason.OFFERER, _between(rng, booked_at, start - HOUR))
    # Most tickets are scanned at the door; the others become used 48 h after the start.
    used_at = start - dt.timedelta(minutes=rng.randint(0, 45))
    if rng.random() < 0.2 and start + CANCELLATION_WINDOW <= now:
        used_at = start + CANCELLATION_WINDOW
    return _used(rng, now, sub, used_at)


def settle_thing(rng: random.Random, now: dt.datetime, sub: Subcategory,
                 booked_at: dt.datetime, zone: ZoneInfo = PARIS) -> dict:
    if sub.is_online_only:
        return _used(rng, now, sub, min(now, booked_at + dt.timedelta(minutes=2)))
    expires = expiry_of_unused(sub, booked_at, zone)
    deadline = expires or booked_at + 20 * DAY
    roll = rng.random()
    if deadline <= now:
        if expires is not None and roll < 0.08:
            return _cancelled(CancellationReason.EXPIRED, deadline)
        if roll < 0.13:
            return _cancelled(CancellationReason.BENEFICIARY, _between(rng, booked_at, deadline))
        return _used(rng, now, sub, _between(rng, booked_at + HOUR, deadline - HOUR))
    if roll < 0.05:
        return _cancelled(CancellationReason.BENEFICIARY, _between(rng, booked_at, now))
    if roll < 0.45:
        return _used(rng, now, sub, _between(rng, booked_at, now))
    return _fields(BookingStatus.CONFIRMED)


def settle(rng: random.Random, now: dt.datetime, sub: Subcategory, booked_at: dt.datetime,
           start: dt.datetime | None, *, keep: bool = False, zone: ZoneInfo = PARIS) -> dict:
    """Status and dates of a booking made at `booked_at` by a person living in `zone`; `keep`
    forces a live confirmation."""
    if keep:
        fields = _fields(BookingStatus.CONFIRMED)
    elif start is not None:
        fields = settle_event(rng, now, sub, booked_at, start)
    else:
        fields = settle_thing(rng, now, sub, booked_at, zone)
    expires = expiry_of_unused(sub, booked_at, zone)
    fields["cancellation_limit_at"] = cancellation_limit(booked_at, start) if start else None
    fields["expires_at"] = expires
    if (not keep and expires is not None and expires <= now
            and fields["status"] is BookingStatus.CONFIRMED):
        # An expiring event (a trial class) booked long before its date.
        fields.update(_cancelled(CancellationReason.EXPIRED, expires))
    return fields
