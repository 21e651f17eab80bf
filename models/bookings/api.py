"""Commands on bookings: book, cancel, validate at the counter, and the scheduled jobs.

Every command runs in the caller's session, inside the caller's unit of work
(`models.unit_of_work.atomic`), and never commits: a refusal (a `DomainError`) leaving the unit
rolls everything back, so nothing is ever half-written.
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, joinedload

from models.bookings import exceptions, notifications, validation
from models.bookings.models import (
    TOKEN_ALPHABET,
    TOKEN_LENGTH,
    Booking,
    BookingStatus,
    CancellationReason,
)
from models.bookings.repository import active_booking, is_expired, token_in_use
from models.credit.api import person_timezone
from models.credit.models import Deposit
from models.credit.repository import credit_summary, current_deposit
from models.db import start_write_transaction
from models.offerers.models import Venue
from models.offers.catalogue import Subcategory, unused_booking_expiry_days
from models.offers.models import ActivationCode, Offer, Stock
from models.top_ups.api import Share, share_of
from models.users.models import User

CANCELLATION_DELAY = dt.timedelta(hours=48)
AUTO_USE_DELAY = dt.timedelta(hours=48)


def new_token(session: Session) -> str:
    """A contremarque not used by any live booking."""
    while True:
        token = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
        if not token_in_use(session, token):
            return token


def cancellation_limit(beginning_at: dt.datetime | None, booked_at: dt.datetime):
    """Events: until max(booked, min(start − 48 h, booked + 48 h)); other offers: no limit."""
    if beginning_at is None:
        return None
    return max(booked_at, min(beginning_at - CANCELLATION_DELAY, booked_at + CANCELLATION_DELAY))


def expiry_of_unused(
    subcategory: Subcategory, booked_at: dt.datetime, zone: ZoneInfo
) -> dt.datetime | None:
    """When an unused booking of an "x" subcategory expires, events included; None if never.

    The booking expires at the first midnight, in the person's zone, at or after `booked_at` +
    the delay counted in whole days of 24 hours: never earlier, even across a change to summer
    time, so a DVD booked on 1 January at 15:00 is still valid on 31 January at 16:00 and expires
    at 00:00 on 1 February (docs/domain/5-bookings.md).
    """
    days = unused_booking_expiry_days(subcategory)
    if days is None:
        return None
    # In UTC: adding days to a local time would add days of the wall clock, not of 24 hours.
    deadline = (booked_at.astimezone(dt.UTC) + dt.timedelta(days=days)).astimezone(zone)
    expiry_day = deadline.date() + dt.timedelta(days=deadline.time() != dt.time())
    return dt.datetime.combine(expiry_day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def _lock_person(session: Session, user_id: int) -> User:
    # Every credit-changing command locks the person first, so two bookings by one person are
    # checked one after the other and can never overspend together.
    return session.scalars(select(User).where(User.id == user_id).with_for_update()).one()


def _load_stock(session: Session, stock_id: int) -> Stock:
    stock = session.scalars(
        select(Stock)
        .where(Stock.id == stock_id)
        .options(
            joinedload(Stock.offer).joinedload(Offer.venue).joinedload(Venue.structure),
            joinedload(Stock.price_category),
        )
        .with_for_update(of=Stock)
    ).first()
    if stock is None:
        raise exceptions.OfferNotBookable()
    return stock


def _reserve_places(session: Session, stock: Stock, quantity: int) -> None:
    """Take places with one conditional UPDATE, which no concurrent booking can overtake."""
    result = session.execute(
        update(Stock)
        .where(
            Stock.id == stock.id,
            or_(Stock.quantity.is_(None), Stock.booked_quantity + quantity <= Stock.quantity),
        )
        .values(booked_quantity=Stock.booked_quantity + quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise exceptions.SoldOut()
    session.refresh(stock)


def _release_places(session: Session, booking: Booking) -> None:
    session.execute(
        update(Stock)
        .where(Stock.id == booking.stock_id)
        .values(booked_quantity=Stock.booked_quantity - booking.quantity)
        .execution_options(synchronize_session=False)
    )


def _take_activation_code(session: Session, stock: Stock) -> ActivationCode | None:
    """Hand out one unused code if the offer works with codes; None if it does not."""
    has_codes = session.scalar(select(ActivationCode.id).where(ActivationCode.stock_id == stock.id))
    if has_codes is None:
        return None
    code = session.scalars(
        select(ActivationCode)
        .where(ActivationCode.stock_id == stock.id, ActivationCode.booking_id.is_(None))
        .order_by(ActivationCode.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
    if code is None:
        raise exceptions.SoldOut()
    return code


def _check_rules(
    session: Session, user: User, stock: Stock, quantity: int, now: dt.datetime,
    *, lock: bool = False,
) -> tuple[Deposit | None, Share | None]:
    """Run every check of docs/domain/5-bookings.md in order; return the deposit to debit and
    the share a local top-up pays first (docs/domain/8-local-top-ups.md), the programme locked
    when `lock` says so."""
    offer = stock.offer
    validation.check_not_suspended(user)
    validation.check_stock_bookable(stock, offer, now)
    validation.check_quantity(offer, quantity)
    if active_booking(session, user.id, offer.id) is not None:
        raise exceptions.AlreadyBooked()
    amount = stock.price_cents * quantity
    deposit = current_deposit(session, user.id, now)
    day = now.astimezone(person_timezone(user)).date()
    validation.check_age_rules(user.age_on(day), offer.subcategory, amount, deposit is not None)
    share = share_of(session, user, deposit, offer, amount, day, lock=lock)
    national = amount - (share.cents if share is not None else 0)
    if national > 0:
        validation.check_credit(credit_summary(session, deposit), offer.subcategory, national)
    return deposit, share


def refusal_reason(
    session: Session, user: User, stock: Stock, quantity: int, now: dt.datetime
) -> exceptions.BookingRefused | None:
    """Why this person cannot book this stock now, or None: the same checks, nothing written."""
    try:
        _check_rules(session, user, stock, quantity, now)
    except exceptions.BookingRefused as refusal:
        return refusal
    return None


def book(session: Session, user_id: int, stock_id: int, quantity: int, now: dt.datetime) -> Booking:
    """Book `quantity` places of a stock for a person, enforcing every rule in one transaction."""
    start_write_transaction(session)
    user = _lock_person(session, user_id)
    stock = _load_stock(session, stock_id)
    deposit, share = _check_rules(session, user, stock, quantity, now, lock=True)
    offer = stock.offer
    amount = stock.price_cents * quantity
    _reserve_places(session, stock, quantity)
    code = _take_activation_code(session, stock)
    booking = Booking(
        user_id=user_id,
        deposit_id=deposit.id if deposit is not None and amount > 0 else None,
        top_up_id=share.programme.id if share is not None else None,
        top_up_cents=share.cents if share is not None else 0,
        stock_id=stock.id,
        offer_id=offer.id,
        quantity=quantity,
        unit_price_cents=stock.price_cents,
        price_category_label=stock.price_category.label if stock.price_category else None,
        token=new_token(session),
        booked_at=now,
        cancellation_limit_at=cancellation_limit(stock.beginning_at, now),
        expires_at=expiry_of_unused(offer.subcategory, now, person_timezone(user)),
    )
    session.add(booking)
    session.flush()
    if code is not None:
        # A code is revealed at once: the good is delivered, so the booking counts as used.
        code.booking_id = booking.id
        booking.status, booking.used_at = BookingStatus.USED, now
    session.flush()
    notifications.tell_booked(session, booking)
    return booking


def _lock_stock(session: Session, stock_id: int) -> Stock:
    """The stock row, locked and read afresh (an object loaded earlier is refreshed)."""
    return session.scalars(
        select(Stock)
        .where(Stock.id == stock_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _lock_booking(session: Session, booking_id: int) -> Booking:
    """The booking row, locked and read afresh: the state checked is the state changed."""
    return session.scalars(
        select(Booking)
        .where(Booking.id == booking_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _lock_live_bookings(session: Session, stock_id: int, statuses) -> list[Booking]:
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.stock_id == stock_id, Booking.status.in_(statuses))
            .order_by(Booking.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )


def cancel_by_person(session: Session, booking_id: int, user_id: int, now: dt.datetime) -> Booking:
    """The young person cancels; the credit comes back at once."""
    start_write_transaction(session)
    _lock_person(session, user_id)
    stock_id = session.scalar(
        select(Booking.stock_id).where(Booking.id == booking_id, Booking.user_id == user_id)
    )
    if stock_id is None:
        raise exceptions.BookingNotCancellable()
    # Locks are always taken person, stock, then booking (as `book` and the pro's commands do),
    # so that two commands never wait for each other on PostgreSQL.
    _lock_stock(session, stock_id)
    booking = _lock_booking(session, booking_id)
    if booking.status is not BookingStatus.CONFIRMED:
        raise exceptions.BookingNotCancellable()
    if booking.cancellation_limit_at is not None and now > booking.cancellation_limit_at:
        raise exceptions.CancellationTooLate()
    _cancel(session, booking, CancellationReason.BENEFICIARY, now)
    notifications.tell_cancelled_by_person(session, booking)
    return booking


def _cancel(session: Session, booking: Booking, reason: CancellationReason, now) -> None:
    booking.status = BookingStatus.CANCELLED
    booking.cancellation_reason = reason
    booking.cancelled_at = now
    _release_places(session, booking)
    session.flush()


# The counter commands below run inside the caller's unit of work (`models.unit_of_work.atomic`).
# Each locks the rows it changes (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the unit of work
# holds the database's write lock) and checks the state again once it holds the lock: a double
# click, a cancellation by the person or a booking made meanwhile is seen, never overwritten.


def validate_at_counter(session: Session, booking: Booking, now: dt.datetime) -> Booking:
    """The pro marks a ticket as used; events only once the person can no longer cancel.

    A booking past its expiry is refused as expired even before the daily job cancels it.
    """
    start_write_transaction(session)
    booking = _lock_booking(session, booking.id)
    if is_expired(booking, now):
        raise exceptions.BookingExpired()
    if booking.status is BookingStatus.CANCELLED:
        raise exceptions.BookingCancelled()
    if booking.status in (BookingStatus.USED, BookingStatus.REIMBURSED):
        raise exceptions.AlreadyUsed()
    if booking.cancellation_limit_at is not None and now <= booking.cancellation_limit_at:
        raise exceptions.TooEarlyToValidate()
    booking.status, booking.used_at = BookingStatus.USED, now
    session.flush()
    return booking


def undo_validation(session: Session, booking: Booking) -> Booking:
    """Put a used ticket back to confirmed, as long as it was not reimbursed."""
    start_write_transaction(session)
    booking = _lock_booking(session, booking.id)
    if booking.status is BookingStatus.REIMBURSED:
        raise exceptions.AlreadyReimbursed()
    if booking.status is not BookingStatus.USED:
        raise exceptions.NotValidated()
    booking.status, booking.used_at = BookingStatus.CONFIRMED, None
    session.flush()
    return booking


def cancel_stock_by_pro(session: Session, stock: Stock, now: dt.datetime) -> list[Booking]:
    """The pro cancels a date: every live booking on it is cancelled, refunded, and told so.

    The stock is locked first: a booking in progress either committed before (it is found and
    cancelled here) or waits and then finds the stock deleted.
    """
    start_write_transaction(session)
    stock = _lock_stock(session, stock.id)
    bookings = _lock_live_bookings(
        session, stock.id, (BookingStatus.CONFIRMED, BookingStatus.USED)
    )
    for booking in bookings:
        _cancel(session, booking, CancellationReason.OFFERER, now)
        notifications.tell_cancelled(session, booking, stock.beginning_at)
    stock.is_deleted = True
    session.flush()
    return bookings


def change_event_date(
    session: Session, stock: Stock, beginning_at: dt.datetime, now: dt.datetime
) -> list[Booking]:
    """Move an event: bookings are kept and may be cancelled until min(start, now + 48 h).

    Every person booked is told the new date (`notifications`, queued in this unit of work).

    The stock is locked first, so a booking made meanwhile is either found here or made after,
    with the new date.
    """
    start_write_transaction(session)
    stock = _lock_stock(session, stock.id)
    old_start = stock.beginning_at
    stock.beginning_at = beginning_at
    if stock.booking_limit_at is not None and stock.booking_limit_at > beginning_at:
        stock.booking_limit_at = beginning_at
    new_limit = min(beginning_at, now + CANCELLATION_DELAY)
    bookings = _lock_live_bookings(session, stock.id, (BookingStatus.CONFIRMED,))
    for booking in bookings:
        booking.cancellation_limit_at = new_limit
        notifications.tell_date_changed(session, booking, old_start, beginning_at)
    session.flush()
    return bookings


def expire_unused_bookings(session: Session, now: dt.datetime) -> int:
    """Cancel confirmed bookings whose pick-up delay has passed; the credit comes back.

    Stocks are locked before bookings, in the order the counter commands use, and the bookings
    are read again under their lock: one validated meanwhile is not expired.
    """
    due = (
        Booking.status == BookingStatus.CONFIRMED,
        Booking.expires_at.is_not(None),
        Booking.expires_at <= now,
    )
    stock_ids = select(Booking.stock_id).where(*due).scalar_subquery()
    session.execute(
        select(Stock.id).where(Stock.id.in_(stock_ids)).order_by(Stock.id).with_for_update()
    ).all()
    expired = list(
        session.scalars(
            select(Booking)
            .where(*due)
            .order_by(Booking.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )
    for booking in expired:
        _cancel(session, booking, CancellationReason.EXPIRED, now)
        notifications.tell_expired(session, booking)
    return len(expired)


def mark_past_events_used(session: Session, now: dt.datetime) -> int:
    """Event bookings nobody validated become used 48 h after the start."""
    past_stocks = select(Stock.id).where(
        and_(Stock.beginning_at.is_not(None), Stock.beginning_at <= now - AUTO_USE_DELAY)
    )
    result = session.execute(
        update(Booking)
        .where(Booking.status == BookingStatus.CONFIRMED, Booking.stock_id.in_(past_stocks))
        .values(status=BookingStatus.USED, used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
