"""The state shown beside each offer, from validation and stocks (models/offers/state.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.offers.models import Offer, Stock, Validation
from models.offers.state import OfferState, offer_state

NOW = dt.datetime(2026, 3, 11, 9, 30, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=3)
EARLIER = NOW - dt.timedelta(days=3)


def offer(*stocks: Stock, validation=Validation.APPROVED, is_active=True) -> Offer:
    return Offer(subcategory_id="CONCERT", validation=validation, is_active=is_active,
                 stocks=list(stocks))


def stock(*, quantity=10, booked=0, beginning_at=LATER, booking_limit_at=None,
          is_deleted=False) -> Stock:
    return Stock(price_cents=1000, quantity=quantity, booked_quantity=booked,
                 beginning_at=beginning_at, booking_limit_at=booking_limit_at,
                 is_deleted=is_deleted)


@pytest.mark.parametrize(("validation", "expected"), [
    (Validation.DRAFT, OfferState.DRAFT), (Validation.PENDING, OfferState.PENDING),
    (Validation.REJECTED, OfferState.REJECTED),
])
def test_moderation_states_come_first(validation, expected):
    assert offer_state(offer(stock(), validation=validation, is_active=False), NOW) is expected


def test_a_deactivated_offer_says_so_whatever_its_stocks():
    assert offer_state(offer(stock(), is_active=False), NOW) is OfferState.DEACTIVATED


def test_an_offer_with_a_bookable_stock_is_active():
    assert offer_state(offer(stock(), stock(booked=10)), NOW) is OfferState.ACTIVE


def test_unlimited_stock_is_active():
    assert offer_state(offer(stock(quantity=None)), NOW) is OfferState.ACTIVE


def test_no_place_left_is_sold_out():
    assert offer_state(offer(stock(quantity=5, booked=5)), NOW) is OfferState.SOLD_OUT


def test_no_stock_at_all_is_sold_out():
    assert offer_state(offer(stock(is_deleted=True)), NOW) is OfferState.SOLD_OUT


def test_every_date_past_is_expired():
    assert offer_state(offer(stock(beginning_at=EARLIER)), NOW) is OfferState.EXPIRED


def test_a_booking_limit_passed_closes_the_date():
    closed = stock(booking_limit_at=NOW - dt.timedelta(hours=1))
    assert offer_state(offer(closed), NOW) is OfferState.EXPIRED


def test_past_dates_beside_full_ones_are_sold_out_not_expired():
    state = offer_state(offer(stock(beginning_at=EARLIER), stock(quantity=2, booked=2)), NOW)
    assert state is OfferState.SOLD_OUT
