"""Queries on bookings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models.bookings.models import Booking, BookingStatus

LIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.USED)


def active_booking(session: Session, user_id: int, offer_id: int) -> Booking | None:
    """The person's confirmed booking of this offer, if any."""
    return session.scalars(
        select(Booking).where(
            Booking.user_id == user_id,
            Booking.offer_id == offer_id,
            Booking.status == BookingStatus.CONFIRMED,
        )
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
