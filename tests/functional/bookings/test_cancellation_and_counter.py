"""docs/domain/5-bookings.md: cancellation limits, the counter, expiry and the scheduled jobs."""

import datetime as dt

import pytest

from models.bookings import exceptions
from models.bookings.api import (
    book,
    cancel_by_person,
    cancel_stock_by_pro,
    cancellation_limit,
    change_event_date,
    expire_unused_bookings,
    mark_past_events_used,
    undo_validation,
    validate_at_counter,
)
from models.bookings.models import BookingStatus, CancellationReason
from models.credit.repository import credit_summary
from tests import factories

H = dt.timedelta(hours=1)
BOOKED = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("start_in", "limit_after_booking"),
    [
        (10 * 24 * H, 48 * H),
        (72 * H, 24 * H),
        (49 * H, 1 * H),
        (30 * H, 0 * H),
        (2 * H, 0 * H),
    ],
)
def test_event_cancellation_limit_formula(start_in, limit_after_booking):
    assert cancellation_limit(BOOKED + start_in, BOOKED) == BOOKED + limit_after_booking


def test_non_events_have_no_cancellation_limit():
    assert cancellation_limit(None, BOOKED) is None


def event_booking(session, now, start_in=10 * 24 * H, price=2000):
    person = factories.young(session)
    deposit = factories.deposit(session, person, now)
    offer = factories.offer(session, subcategory_id="SPECTACLE_REPRESENTATION")
    stock = factories.stock(session, offer=offer, price_cents=price, beginning_at=now + start_in)
    return person, deposit, stock, book(session, person.id, stock.id, 1, now)


def test_cancelling_before_the_limit_gives_the_credit_back_at_once(db_session, now):
    person, deposit, stock, booking = event_booking(db_session, now)
    cancel_by_person(db_session, booking.id, person.id, now + 47 * H)
    assert booking.status is BookingStatus.CANCELLED
    assert booking.cancellation_reason is CancellationReason.BENEFICIARY
    assert credit_summary(db_session, deposit).remaining_cents == 15000
    db_session.refresh(stock)
    assert stock.booked_quantity == 0


def test_cancelling_after_the_limit_is_refused(db_session, now):
    person, _, _, booking = event_booking(db_session, now)
    with pytest.raises(exceptions.CancellationTooLate):
        cancel_by_person(db_session, booking.id, person.id, now + 49 * H)


def test_a_non_event_can_be_cancelled_until_it_is_used(db_session, now):
    person = factories.young(db_session)
    factories.deposit(db_session, person, now)
    booking = book(db_session, person.id, factories.stock(db_session).id, 1, now)
    cancel_by_person(db_session, booking.id, person.id, now + 20 * 24 * H)
    assert booking.status is BookingStatus.CANCELLED


def test_a_used_booking_cannot_be_cancelled(db_session, now):
    person = factories.young(db_session)
    factories.deposit(db_session, person, now)
    booking = book(db_session, person.id, factories.stock(db_session).id, 1, now)
    validate_at_counter(db_session, booking, now)
    with pytest.raises(exceptions.BookingNotCancellable):
        cancel_by_person(db_session, booking.id, person.id, now)


def test_nobody_can_cancel_someone_elses_booking(db_session, now):
    _, _, _, booking = event_booking(db_session, now)
    stranger = factories.young(db_session)
    with pytest.raises(exceptions.BookingNotCancellable):
        cancel_by_person(db_session, booking.id, stranger.id, now)


def test_the_same_offer_can_be_booked_again_after_a_cancellation(db_session, now):
    person, _, stock, booking = event_booking(db_session, now)
    cancel_by_person(db_session, booking.id, person.id, now)
    assert book(db_session, person.id, stock.id, 1, now).status is BookingStatus.CONFIRMED


def test_an_event_ticket_is_validated_only_once_the_cancellation_limit_passed(db_session, now):
    _, _, _, booking = event_booking(db_session, now)
    with pytest.raises(exceptions.TooEarlyToValidate):
        validate_at_counter(db_session, booking, now + 47 * H)
    validate_at_counter(db_session, booking, now + 49 * H)
    assert booking.status is BookingStatus.USED


def test_a_used_ticket_is_refused_at_the_counter(db_session, now):
    _, _, _, booking = event_booking(db_session, now)
    validate_at_counter(db_session, booking, now + 49 * H)
    with pytest.raises(exceptions.AlreadyUsed):
        validate_at_counter(db_session, booking, now + 50 * H)


def test_a_cancelled_ticket_is_refused_at_the_counter(db_session, now):
    person, _, _, booking = event_booking(db_session, now)
    cancel_by_person(db_session, booking.id, person.id, now)
    with pytest.raises(exceptions.BookingCancelled):
        validate_at_counter(db_session, booking, now + 49 * H)


def test_a_validation_can_be_undone_until_reimbursed(db_session, now):
    _, _, _, booking = event_booking(db_session, now)
    validate_at_counter(db_session, booking, now + 49 * H)
    undo_validation(db_session, booking)
    assert booking.status is BookingStatus.CONFIRMED
    validate_at_counter(db_session, booking, now + 49 * H)
    booking.status = BookingStatus.REIMBURSED
    with pytest.raises(exceptions.AlreadyReimbursed):
        undo_validation(db_session, booking)


@pytest.mark.parametrize(
    ("subcategory", "expires_after_days"),
    [("LIVRE_PAPIER", 10), ("SUPPORT_PHYSIQUE_FILM", 30), ("ACHAT_INSTRUMENT", 30)],
)
def test_unused_bookings_expire_and_give_the_credit_back(
    db_session, now, subcategory, expires_after_days
):
    person = factories.young(db_session)
    deposit = factories.deposit(db_session, person, now)
    offer = factories.offer(db_session, subcategory_id=subcategory)
    stock = factories.stock(db_session, offer=offer, price_cents=3000)
    booking = book(db_session, person.id, stock.id, 1, now)
    # The first midnight at or after the delay, in the person's zone (Montpellier, Paris time).
    assert now + dt.timedelta(days=expires_after_days) <= booking.expires_at
    assert booking.expires_at < now + dt.timedelta(days=expires_after_days + 1)
    assert expire_unused_bookings(db_session, booking.expires_at - dt.timedelta(seconds=1)) == 0
    assert expire_unused_bookings(db_session, booking.expires_at) == 1
    assert booking.cancellation_reason is CancellationReason.EXPIRED
    assert credit_summary(db_session, deposit).remaining_cents == 15000
    db_session.refresh(stock)
    assert stock.booked_quantity == 0


def test_bookings_of_subcategories_without_expiry_never_expire(db_session, now):
    person = factories.young(db_session)
    factories.deposit(db_session, person, now)
    offer = factories.offer(db_session, subcategory_id="ESCAPE_GAME")
    booking = book(db_session, person.id, factories.stock(db_session, offer=offer).id, 1, now)
    assert booking.expires_at is None
    assert expire_unused_bookings(db_session, now + dt.timedelta(days=365)) == 0


def test_event_bookings_become_used_48_hours_after_the_start(db_session, now):
    _, _, stock, booking = event_booking(db_session, now, start_in=72 * H)
    assert mark_past_events_used(db_session, stock.beginning_at + 47 * H) == 0
    assert mark_past_events_used(db_session, stock.beginning_at + 48 * H) == 1
    db_session.refresh(booking)
    assert booking.status is BookingStatus.USED


def test_a_date_change_keeps_bookings_and_reopens_cancellation(db_session, now):
    _, _, stock, booking = event_booking(db_session, now, start_in=10 * 24 * H)
    later = now + 5 * 24 * H
    change_event_date(db_session, stock, later + 2 * 24 * H, later)
    assert booking.status is BookingStatus.CONFIRMED
    assert booking.cancellation_limit_at == later + 48 * H
    change_event_date(db_session, stock, later + 10 * H, later)
    assert booking.cancellation_limit_at == later + 10 * H


def test_a_cancellation_by_the_pro_refunds_every_booking(db_session, now):
    _, deposit, stock, booking = event_booking(db_session, now)
    other = factories.young(db_session)
    other_deposit = factories.deposit(db_session, other, now)
    book(db_session, other.id, stock.id, 1, now)
    cancel_stock_by_pro(db_session, stock, now)
    assert booking.cancellation_reason is CancellationReason.OFFERER
    assert credit_summary(db_session, deposit).remaining_cents == 15000
    assert credit_summary(db_session, other_deposit).remaining_cents == 15000
    db_session.refresh(stock)
    assert stock.booked_quantity == 0 and stock.is_deleted
