"""Bookings written straight into the database for the pro list and export tests.

The list reads bookings as they are stored; going through `book()` for each one would need a
credit and a new person per offer and tell nothing more about the list.
"""

from __future__ import annotations

import datetime as dt
from itertools import count

from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.db import utcnow
from models.offers.models import Stock
from tests import factories

_tokens = count(1)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ234567"


def next_token() -> str:
    number, letters = next(_tokens), []
    for _ in range(6):
        number, digit = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[digit])
    return "".join(reversed(letters))


def add_booking(session: Session, stock: Stock, *, person=None, booked_at=None,
                status: BookingStatus = BookingStatus.CONFIRMED, quantity: int = 1,
                **fields) -> Booking:
    """A booking of `stock` by `person` (a new young person unless given), made at `booked_at`."""
    if status is BookingStatus.CANCELLED:
        fields.setdefault("cancellation_reason", CancellationReason.BENEFICIARY)
        fields.setdefault("cancelled_at", utcnow())
    if status in (BookingStatus.USED, BookingStatus.REIMBURSED):
        fields.setdefault("used_at", utcnow())
    booking = Booking(
        user=person or factories.young(session), stock=stock, offer_id=stock.offer_id,
        quantity=quantity, unit_price_cents=stock.price_cents, token=next_token(),
        status=status, booked_at=booked_at or utcnow(), **fields,
    )
    session.add(booking)
    session.flush()
    return booking


def many_bookings(session: Session, stock: Stock, number: int, *, person,
                  newest: dt.datetime | None = None) -> list[Booking]:
    """`number` cancelled bookings of `stock` by `person`, one a minute back from `newest`.

    Cancelled, so that one person may hold many of the same offer (the unique index concerns
    confirmed bookings only).
    """
    newest = newest or utcnow()
    return [add_booking(session, stock, person=person, status=BookingStatus.CANCELLED,
                        booked_at=newest - dt.timedelta(minutes=index))
            for index in range(number)]
