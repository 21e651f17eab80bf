"""Pricing points and used bookings for the finance tests, written straight into the database."""

from __future__ import annotations

import datetime as dt
from itertools import count

from sqlalchemy import update
from sqlalchemy.orm import Session

from models.bookings.models import TOKEN_ALPHABET, Booking, BookingStatus
from models.db import utcnow
from models.finance.models import Statement
from models.finance.periods import PARIS
from models.offerers.models import Structure, Venue
from models.offers.models import Offer, Stock
from tests import factories

_tokens = count(1)


def token() -> str:
    """A token no other test booking holds: its number written in the token alphabet."""
    number, letters = next(_tokens), []
    for _ in range(6):
        number, digit = divmod(number, len(TOKEN_ALPHABET))
        letters.append(TOKEN_ALPHABET[digit])
    return "".join(reversed(letters))


def pricing_point(session: Session, structure: Structure | None = None, **fields) -> Venue:
    """A venue with a SIRET, paid in its own name."""
    venue = factories.venue(session, structure=structure, **fields)
    venue.pricing_point_id = venue.id
    session.flush()
    return venue


def paris(year, month, day, hour=12, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(dt.UTC)


def used_booking(session: Session, offer: Offer | None = None, *, used_at: dt.datetime,
                 price_cents: int = 1000, quantity: int = 1, user=None,
                 stock: Stock | None = None) -> Booking:
    """A booking validated at the counter at `used_at` (its booking made a day before)."""
    # A stock costs at most 300 €; a booking of a larger amount stands for many places sold.
    stock = stock or factories.stock(session, offer=offer, price_cents=min(price_cents, 30_000),
                                     quantity=None)
    booking = Booking(
        user=user, stock=stock, offer_id=stock.offer_id, quantity=quantity,
        unit_price_cents=price_cents, token=token(), status=BookingStatus.USED,
        booked_at=used_at - dt.timedelta(days=1), used_at=used_at,
    )
    session.add(booking)
    session.execute(update(Stock).where(Stock.id == stock.id)
                    .values(booked_quantity=Stock.booked_quantity + quantity))
    session.flush()
    return booking


def empty_statement(session: Session, venue: Venue) -> Statement:
    """A statement of `venue` (as its pricing point) for the second half of February 2026,
    without lines: what the URL-map tests need to name one."""
    statement = Statement(pricing_point_id=venue.id, period_start=dt.date(2026, 2, 16),
                          period_end=dt.date(2026, 2, 28), issued_at=utcnow(), booked_cents=0,
                          reimbursed_cents=0)
    session.add(statement)
    session.flush()
    return statement
