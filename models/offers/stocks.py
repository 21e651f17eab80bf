"""Commands on an offer's stocks: add, edit, a recurrence of dates, price categories, cancel.

The rules are those of docs/domain/4-offers.md, "Stocks and dates". Every command runs in the
caller's unit of work (`models.unit_of_work.atomic`) and never commits. Moving a date and
cancelling one go through the counter commands of `models.bookings.api`, which lock the stock,
keep or refund its bookings and tell every person booked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.bookings.api import cancel_stock_by_pro, change_event_date
from models.bookings.models import Booking
from models.db import start_write_transaction
from models.offers import stock_exceptions as errors
from models.offers.models import Offer, PriceCategory, Stock
from models.offers.moderation import hold_edited_offer
from models.offers.recurrence import Recurrence, booking_limit_before, occurrences
from models.offers.stock_repository import date_taken, existing_starts
from models.offers.stock_validation import (
    check_booking_limit,
    check_price,
    check_quantity,
    check_start,
)


@dataclass(frozen=True)
class BookingLimitRule:
    """"N hours (or days) before the start", for every date of a recurrence."""

    amount: int
    unit: str  # "hours" or "days"


@dataclass(frozen=True)
class RecurrencePlan:
    """The dates a recurrence would create, and those skipped as already existing."""

    new: list[dt.datetime]
    duplicates: list[dt.datetime]


def _category_of(session: Session, offer: Offer, price_category_id: int | None) -> PriceCategory:
    category = session.get(PriceCategory, price_category_id) if price_category_id else None
    if category is None or category.offer_id != offer.id:
        raise errors.PriceCategoryRequired()
    return category


def _require_event(offer: Offer) -> None:
    if not offer.subcategory.is_event:
        raise errors.NotAnEvent()


def _locked(session: Session, stock: Stock) -> Stock:
    """The stock row locked and read afresh, so the places booked checked are the current ones."""
    start_write_transaction(session)
    return session.scalars(
        select(Stock).where(Stock.id == stock.id).with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _lock_offer(session: Session, offer: Offer) -> None:
    """Serialise the commands adding stocks to one offer: a double click on "create" finds the
    dates of the first click and skips them instead of doubling them. No existing stock is
    locked after the offer, so this never waits in a cycle with a booking (person, stock)."""
    start_write_transaction(session)
    session.execute(select(Offer.id).where(Offer.id == offer.id).with_for_update()).all()


def add_stock(session: Session, offer: Offer, *, now: dt.datetime, price_cents: int = 0,
              quantity: int | None = None, beginning_at: dt.datetime | None = None,
              booking_limit_at: dt.datetime | None = None,
              price_category_id: int | None = None) -> Stock:
    """A date of an event (priced by its category) or the single stock of a thing."""
    _lock_offer(session, offer)
    if offer.subcategory.is_event:
        category = _category_of(session, offer, price_category_id)
        price_cents = category.price_cents
        check_start(beginning_at, now)
        check_booking_limit(booking_limit_at, beginning_at)
        if date_taken(session, offer, beginning_at, category.id):
            raise errors.DateAlreadyExists()
    else:
        if session.scalar(select(Stock.id).where(Stock.offer_id == offer.id,
                                                 Stock.is_deleted.is_(False))):
            raise errors.StockAlreadyExists()
        category, beginning_at, booking_limit_at = None, None, None
    check_price(price_cents)
    check_quantity(quantity)
    stock = Stock(offer=offer, price_category=category, price_cents=price_cents,
                  quantity=quantity, beginning_at=beginning_at, booking_limit_at=booking_limit_at)
    session.add(stock)
    session.flush()
    hold_edited_offer(session, offer, "price")
    return stock


def update_stock(session: Session, stock: Stock, *, now: dt.datetime, price_cents: int = 0,
                 quantity: int | None = None, beginning_at: dt.datetime | None = None,
                 booking_limit_at: dt.datetime | None = None,
                 price_category_id: int | None = None) -> list[Booking]:
    """Change a stock; a new date keeps its bookings and tells each person (returned)."""
    stock = _locked(session, stock)
    if stock.is_deleted:
        raise errors.StockCancelled()
    check_quantity(quantity, stock.booked_quantity)
    offer = stock.offer
    moved: list[Booking] = []
    if offer.subcategory.is_event:
        category = _category_of(session, offer, price_category_id)
        if beginning_at is None:
            raise errors.StartRequired()
        check_booking_limit(booking_limit_at, beginning_at)
        if date_taken(session, offer, beginning_at, category.id, other_than=stock.id):
            raise errors.DateAlreadyExists()
        if beginning_at != stock.beginning_at:
            check_start(beginning_at, now)
            moved = change_event_date(session, stock, beginning_at, now)
        stock.price_category_id, stock.price_cents = category.id, category.price_cents
        stock.booking_limit_at = booking_limit_at
    else:
        check_price(price_cents)
        stock.price_cents = price_cents
    stock.quantity = quantity
    session.flush()
    hold_edited_offer(session, offer, "price")
    return moved


def cancel_stock(session: Session, stock: Stock, now: dt.datetime) -> list[Booking]:
    """Cancel a date (or a thing's stock): every booking is cancelled, refunded and told."""
    stock = _locked(session, stock)
    if stock.is_deleted:
        raise errors.StockCancelled()
    return cancel_stock_by_pro(session, stock, now)


def add_price_category(session: Session, offer: Offer, label: str,
                       price_cents: int) -> PriceCategory:
    _require_event(offer)
    check_price(price_cents)
    _check_label_free(session, offer, label, None)
    category = PriceCategory(offer=offer, label=label, price_cents=price_cents)
    session.add(category)
    session.flush()
    hold_edited_offer(session, offer, "price")
    return category


def update_price_category(session: Session, category: PriceCategory, label: str,
                          price_cents: int) -> None:
    """Rename or reprice a category; its dates take the new price (bookings keep theirs)."""
    check_price(price_cents)
    _check_label_free(session, category.offer, label, category.id)
    category.label, category.price_cents = label, price_cents
    session.execute(
        update(Stock)
        .where(Stock.price_category_id == category.id, Stock.is_deleted.is_(False))
        .values(price_cents=price_cents)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    hold_edited_offer(session, category.offer, "price")


def _check_label_free(session: Session, offer: Offer, label: str, own_id: int | None) -> None:
    taken = session.scalar(select(PriceCategory.id).where(
        PriceCategory.offer_id == offer.id, PriceCategory.label == label,
        PriceCategory.id != (own_id or 0),
    ))
    if taken is not None:
        raise errors.LabelTaken()


def plan_recurrence(session: Session, offer: Offer, recurrence: Recurrence, *,
                    price_category_id: int | None, zone: ZoneInfo,
                    now: dt.datetime) -> RecurrencePlan:
    """What `add_recurrence` would create, read only: the preview shows exactly this."""
    _require_event(offer)
    category = _category_of(session, offer, price_category_id)
    starts = occurrences(recurrence, zone)
    if starts[0] <= now:
        raise errors.RecurrenceInPast()
    existing = existing_starts(session, offer, category.id)
    return RecurrencePlan(new=[start for start in starts if start not in existing],
                          duplicates=[start for start in starts if start in existing])


def add_recurrence(session: Session, offer: Offer, recurrence: Recurrence, *,
                   price_category_id: int | None, quantity: int | None,
                   booking_limit: BookingLimitRule | None, zone: ZoneInfo,
                   now: dt.datetime) -> RecurrencePlan:
    """Create every date of the recurrence, skipping those that exist in the same category."""
    _lock_offer(session, offer)
    check_quantity(quantity)
    plan = plan_recurrence(session, offer, recurrence, price_category_id=price_category_id,
                           zone=zone, now=now)
    category = session.get(PriceCategory, price_category_id)
    session.add_all([
        Stock(offer=offer, price_category=category, price_cents=category.price_cents,
              quantity=quantity, beginning_at=start,
              booking_limit_at=booking_limit_before(start, booking_limit.amount,
                                                    booking_limit.unit, zone)
              if booking_limit else None)
        for start in plan.new
    ])
    session.flush()
    return plan
