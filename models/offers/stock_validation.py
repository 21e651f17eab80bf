"""The rules a stock must follow (docs/domain/4-offers.md, "Stocks and dates")."""

from __future__ import annotations

import datetime as dt

from models.offers import stock_exceptions as errors
from models.offers.models import MAX_STOCK_PRICE_CENTS


def check_price(price_cents: int) -> None:
    if not 0 <= price_cents <= MAX_STOCK_PRICE_CENTS:
        raise errors.PriceOutOfRange()


def check_quantity(quantity: int | None, booked_quantity: int = 0) -> None:
    """A quantity, or None for unlimited, never below the places already booked."""
    if quantity is None:
        return
    if quantity < 0:
        raise errors.NegativeQuantity()
    if quantity < booked_quantity:
        raise errors.QuantityBelowBooked()


def check_start(beginning_at: dt.datetime | None, now: dt.datetime) -> None:
    if beginning_at is None:
        raise errors.StartRequired()
    if beginning_at <= now:
        raise errors.StartInPast()


def check_booking_limit(booking_limit_at: dt.datetime | None,
                        beginning_at: dt.datetime | None) -> None:
    if booking_limit_at is None or beginning_at is None:
        return
    if booking_limit_at > beginning_at:
        raise errors.BookingLimitAfterStart()
