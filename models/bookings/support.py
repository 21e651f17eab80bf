"""Support staff's commands on a person's bookings: cancel with a reason, mark used, send the
confirmation again; and what the support page reads (docs/domain/support.md).

Every command runs in the caller's unit of work, reuses the rules of the young person's and the
counter's commands, and writes one audit line (who, what, on which booking, why) in the same
transaction. A cancellation or a booking marked used is something the person did not do
themselves: they are told, with staff's reason, by e-mail and in the app (`tell`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models.audit.api import record
from models.bookings import api, exceptions, notifications
from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.credit.models import Deposit
from models.credit.repository import CreditSummary, credit_summary
from models.db import start_write_transaction
from models.finance.api import CORRECTION_REASONS, cancel_reimbursed_booking
from models.offers.models import Offer
from models.users.models import User

STAFF_REASONS = CORRECTION_REASONS  # a decision of the team, or fraud


class NotCancellableByStaff(exceptions.CancellationRefused):
    message = "Cette réservation est déjà annulée."


class NoAddress(exceptions.CancellationRefused):
    message = "Ce compte n'a plus d'adresse e-mail : rien ne peut lui être envoyé."


def credits_of(session: Session, user_id: int) -> list[CreditSummary]:
    """Every deposit of the person, newest first, with its granted, spent and remaining amounts."""
    deposits = session.scalars(
        select(Deposit).where(Deposit.user_id == user_id)
        .options(joinedload(Deposit.programme)).order_by(Deposit.created_at.desc())
    )
    return [credit_summary(session, deposit) for deposit in deposits]


def history_of(session: Session, user_id: int) -> list[Booking]:
    """The person's bookings with their offer and venue, newest first."""
    return list(session.scalars(
        select(Booking).where(Booking.user_id == user_id)
        .options(joinedload(Booking.offer).joinedload(Offer.venue), joinedload(Booking.stock))
        .order_by(Booking.booked_at.desc(), Booking.id.desc())
    ).unique())


def cancel(session: Session, staff: User, booking: Booking, kind: CancellationReason,
           reason: str, now: dt.datetime) -> Booking:
    """Cancel a booking for the person: the credit and the place come back.

    A booking already reimbursed to the pro is cancelled through finance, which takes the amount
    back on the pro's next statement with a correction line.
    """
    if kind not in STAFF_REASONS:
        raise exceptions.BookingNotCancellable()
    start_write_transaction(session)
    if booking.user_id is not None:
        api._lock_person(session, booking.user_id)
    api._lock_stock(session, booking.stock_id)
    booking = api._lock_booking(session, booking.id)
    was = booking.status
    if was is BookingStatus.CANCELLED:
        raise NotCancellableByStaff()
    if was is BookingStatus.REIMBURSED:
        booking = cancel_reimbursed_booking(session, booking.id, kind, now)
    else:
        api._cancel(session, booking, kind, now)
    record(session, staff.id, "booking.cancel", booking, reason=reason, kind=kind.value,
           previous_status=was.value, token=booking.token)
    notifications.tell_cancelled_by_staff(session, booking, reason)
    return booking


def mark_used(session: Session, staff: User, booking: Booking, reason: str,
              now: dt.datetime) -> Booking:
    """Mark a booking used with exactly the counter's rules (`api.validate_at_counter`).

    Staff get no shortcut: an event stays cancellable by the person until its cancellation limit,
    and an expired or cancelled booking is refused, as at the counter.
    """
    booking = api.validate_at_counter(session, booking, now)
    record(session, staff.id, "booking.mark_used", booking, reason=reason, token=booking.token)
    notifications.tell_marked_used_by_staff(session, booking, reason)
    return booking


def resend_confirmation(session: Session, staff: User, booking: Booking) -> None:
    """Queue the booking's confirmation again, the one sent at booking, in their language."""
    person = booking.user
    if person is None or person.anonymised_at is not None:
        raise NoAddress()
    notifications.tell_booked(session, booking)
    record(session, staff.id, "booking.resend_confirmation", booking, token=booking.token,
           recipient=person.email)
