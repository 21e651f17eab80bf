"""Queries on bookings."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, joinedload

from models.bookings.models import Booking, BookingStatus
from models.offers.models import ActivationCode, Offer, Stock

LIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.USED)


def active_booking(session: Session, user_id: int, offer_id: int) -> Booking | None:
    """The booking that keeps the person from booking this offer again, if any.

    That is a confirmed booking; and for an offer that hands out activation codes, also a used
    one: its booking is used the moment the code is revealed, and the person still holds the
    code, so one person gets one code per offer (docs/domain/5-bookings.md).
    """
    hands_out_codes = (
        select(ActivationCode.id)
        .join(Stock, Stock.id == ActivationCode.stock_id)
        .where(Stock.offer_id == offer_id)
        .exists()
    )
    return session.scalars(
        select(Booking)
        .where(
            Booking.user_id == user_id,
            Booking.offer_id == offer_id,
            or_(
                Booking.status == BookingStatus.CONFIRMED,
                and_(
                    Booking.status.in_((BookingStatus.USED, BookingStatus.REIMBURSED)),
                    hands_out_codes,
                ),
            ),
        )
        .order_by(Booking.booked_at.desc())
        .limit(1)
    ).first()


def token_in_use(session: Session, token: str) -> bool:
    return (
        session.scalar(
            select(Booking.id).where(Booking.token == token, Booking.status.in_(LIVE_STATUSES))
        )
        is not None
    )


def find_live_by_token(session: Session, token: str) -> Booking | None:
    """The booking a counter is shown, whatever its status, newest first."""
    return session.scalars(
        select(Booking)
        .where(Booking.token == token.strip().upper())
        .options(joinedload(Booking.stock), joinedload(Booking.offer))
        .order_by(Booking.booked_at.desc())
    ).first()


def bookings_of(session: Session, user_id: int) -> list[Booking]:
    """All the person's bookings with their offer, venue and stock, newest first."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.user_id == user_id)
            .options(
                joinedload(Booking.stock),
                joinedload(Booking.offer).joinedload(Offer.venue),
                joinedload(Booking.offer).joinedload(Offer.image),
            )
            .order_by(Booking.booked_at.desc())
        ).unique()
    )


def booking_of(session: Session, user_id: int, booking_id: int) -> Booking | None:
    """One of the person's bookings, or None if it is not theirs."""
    return session.scalars(
        select(Booking).where(Booking.id == booking_id, Booking.user_id == user_id)
    ).first()


def activation_code_of(session: Session, booking_id: int) -> str | None:
    return session.scalar(
        select(ActivationCode.code).where(ActivationCode.booking_id == booking_id)
    )


def is_current(booking: Booking, now) -> bool:
    """Still to come: confirmed, or used for a digital good the person keeps using."""
    if booking.status is not BookingStatus.CONFIRMED:
        return False
    beginning = booking.stock.beginning_at
    return beginning is None or beginning > now
