"""The state a pro reads beside each offer, computed from its validation and its stocks.

Seven states (docs/domain/4-offers.md, "States"): draft, pending, rejected come from
moderation; an approved offer is deactivated when its structure switched it off, else active
when a stock can be booked, expired when every stock's booking time has passed, and sold out
otherwise (no stock, or no place left). `offer_state` reads one loaded offer; the SQL clause
of the same rules (`state_clause`) lets the list filter by state without loading every offer.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import and_, exists, not_, or_

from models.offers.models import Offer, Stock, Validation


class OfferState(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    REJECTED = "rejected"
    ACTIVE = "active"
    SOLD_OUT = "sold_out"
    EXPIRED = "expired"
    DEACTIVATED = "deactivated"


_FROM_VALIDATION = {
    Validation.DRAFT: OfferState.DRAFT,
    Validation.PENDING: OfferState.PENDING,
    Validation.REJECTED: OfferState.REJECTED,
}


def _still_open(stock: Stock, now: dt.datetime) -> bool:
    """Its booking time has not passed (places left or not)."""
    return ((stock.booking_limit_at is None or stock.booking_limit_at > now)
            and (stock.beginning_at is None or stock.beginning_at > now))


def offer_state(offer: Offer, now: dt.datetime) -> OfferState:
    """The state shown to the pro for `offer` at `now` (its stocks are read)."""
    if offer.validation in _FROM_VALIDATION:
        return _FROM_VALIDATION[offer.validation]
    if not offer.is_active:
        return OfferState.DEACTIVATED
    stocks = [stock for stock in offer.stocks if not stock.is_deleted]
    open_stocks = [stock for stock in stocks if _still_open(stock, now)]
    if any(stock.remaining_quantity is None or stock.remaining_quantity > 0
           for stock in open_stocks):
        return OfferState.ACTIVE
    if stocks and not open_stocks:
        return OfferState.EXPIRED
    return OfferState.SOLD_OUT


def state_clause(state: OfferState, now: dt.datetime):
    """A WHERE clause on `Offer` selecting the offers in `state` at `now`."""
    if state in _FROM_VALIDATION.values():
        validation = next(key for key, value in _FROM_VALIDATION.items() if value is state)
        return Offer.validation == validation
    published = Offer.validation == Validation.APPROVED
    if state is OfferState.DEACTIVATED:
        return and_(published, Offer.is_active.is_(False))
    live = and_(published, Offer.is_active.is_(True))
    # `bookable_until` is kept by the database: later than now exactly when a stock is bookable.
    bookable = and_(Offer.bookable_until.is_not(None), Offer.bookable_until > now)
    if state is OfferState.ACTIVE:
        return and_(live, bookable)
    has_stock = exists().where(Stock.offer_id == Offer.id, Stock.is_deleted.is_(False))
    has_open_stock = exists().where(
        Stock.offer_id == Offer.id, Stock.is_deleted.is_(False),
        or_(Stock.booking_limit_at.is_(None), Stock.booking_limit_at > now),
        or_(Stock.beginning_at.is_(None), Stock.beginning_at > now),
    )
    expired = and_(has_stock, not_(has_open_stock))
    if state is OfferState.EXPIRED:
        return and_(live, not_(bookable), expired)
    return and_(live, not_(bookable), not_(expired))
