"""Queries on an offer's stocks and price categories, for the pro's stock pages."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models.bookings.models import Booking, BookingStatus
from models.offers.models import Offer, PriceCategory, Stock

# Bookings a cancellation of their date cancels and refunds (`cancel_stock_by_pro`).
LIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.USED)


def live_stocks(session: Session, offer: Offer) -> list[Stock]:
    """The offer's stocks not cancelled, the earliest date first, with their price category."""
    return list(session.scalars(
        select(Stock)
        .where(Stock.offer_id == offer.id, Stock.is_deleted.is_(False))
        .options(selectinload(Stock.price_category))
        .order_by(Stock.beginning_at, Stock.id)
    ))


def price_categories(session: Session, offer: Offer) -> list[PriceCategory]:
    return list(session.scalars(
        select(PriceCategory).where(PriceCategory.offer_id == offer.id)
        .order_by(PriceCategory.price_cents.desc(), PriceCategory.label)
    ))


def existing_starts(session: Session, offer: Offer,
                    price_category_id: int | None) -> set[dt.datetime]:
    """The starts of the offer's live stocks in this price category: a second one is a duplicate."""
    return set(session.scalars(
        select(Stock.beginning_at).where(
            Stock.offer_id == offer.id, Stock.is_deleted.is_(False),
            Stock.price_category_id.is_(None) if price_category_id is None
            else Stock.price_category_id == price_category_id,
        )
    ))


def date_taken(session: Session, offer: Offer, beginning_at: dt.datetime,
               price_category_id: int, other_than: int | None = None) -> bool:
    """Whether another live stock of the offer has this start in this price category."""
    return session.scalar(select(Stock.id).where(
        Stock.offer_id == offer.id, Stock.is_deleted.is_(False),
        Stock.beginning_at == beginning_at, Stock.price_category_id == price_category_id,
        Stock.id != (other_than or 0),
    ).limit(1)) is not None


def live_bookings_count(session: Session, stock: Stock) -> int:
    """How many bookings cancelling this stock would cancel and refund."""
    return session.scalar(
        select(func.count(Booking.id))
        .where(Booking.stock_id == stock.id, Booking.status.in_(LIVE_STATUSES))
    )
