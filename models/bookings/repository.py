"""Queries on bookings."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import and_, case, or_, select
from sqlalchemy.orm import Session, joinedload

from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.offerers.models import MembershipStatus, StructureMembership, Venue
from models.offers.models import ActivationCode, Offer, Stock
from models.users.capacities import can_manage
from models.users.models import User

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
    """Still to come: confirmed, not past its expiry (whether or not the job has run yet)."""
    if booking.status is not BookingStatus.CONFIRMED or is_expired(booking, now):
        return False
    beginning = booking.stock.beginning_at
    return beginning is None or beginning > now


class CounterState(StrEnum):
    """What the counter makes of a booking, in the order its refusals are checked."""

    EXPIRED = "expired"
    CANCELLED = "cancelled"
    REIMBURSED = "reimbursed"
    USED = "used"
    TOO_EARLY = "too_early"
    TO_VALIDATE = "to_validate"


def is_expired(booking: Booking, now: dt.datetime) -> bool:
    """Expired, whether the daily job already cancelled it or its midnight has just passed."""
    if booking.status is BookingStatus.CANCELLED:
        return booking.cancellation_reason is CancellationReason.EXPIRED
    return (
        booking.status is BookingStatus.CONFIRMED
        and booking.expires_at is not None
        and booking.expires_at <= now
    )


def counter_state(booking: Booking, now: dt.datetime) -> CounterState:
    if is_expired(booking, now):
        return CounterState.EXPIRED
    if booking.status is not BookingStatus.CONFIRMED:
        return CounterState(booking.status.value)
    if booking.cancellation_limit_at is not None and now <= booking.cancellation_limit_at:
        return CounterState.TOO_EARLY
    return CounterState.TO_VALIDATE


def _counter_query(person: User):
    """Bookings of the structures `person` is a validated member of, with what the counter shows."""
    member_of = select(StructureMembership.structure_id).where(
        StructureMembership.user_id == person.id,
        StructureMembership.status == MembershipStatus.VALIDATED,
    )
    return (
        select(Booking)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Venue.structure_id.in_(member_of))
        .options(
            joinedload(Booking.stock),
            joinedload(Booking.offer).joinedload(Offer.venue),
            joinedload(Booking.user),
        )
    )


def counter_booking(session: Session, person: User, token: str) -> Booking | None:
    """The booking behind `token` in the person's structures, or None, exactly as if unknown.

    A token is unique among live bookings only, so a live booking comes before cancelled ones
    sharing its token, then the newest.
    """
    live_first = case((Booking.status.in_(LIVE_STATUSES), 0), else_=1)
    found = session.scalars(
        _counter_query(person)
        .where(Booking.token == token)
        .order_by(live_first, Booking.booked_at.desc())
        .limit(1)
    ).first()
    return found if found is not None and can_manage(session, person, found) else None


def counter_booking_by_id(session: Session, person: User, booking_id: int) -> Booking | None:
    """A booking the counter showed the person, if it is still one of their structures'."""
    found = session.scalars(_counter_query(person).where(Booking.id == booking_id)).first()
    return found if found is not None and can_manage(session, person, found) else None
