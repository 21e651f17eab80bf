"""The counter commands hold under double clicks and concurrent bookings, on both engines.

Each attempt runs in its own thread and session, loads what a view would load, waits for the
others at a barrier, then runs its command in a unit of work. Afterwards the data must be sound
(`check_integrity` finds nothing) and the outcome must be one a single user would accept.
"""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from sqlalchemy import func, select

from models.bookings import exceptions
from models.bookings.api import (
    book,
    cancel_by_person,
    cancel_stock_by_pro,
    change_event_date,
    expire_unused_bookings,
    undo_validation,
    validate_at_counter,
)
from models.bookings.models import Booking, BookingStatus
from models.credit.repository import credit_summary, current_deposit
from models.errors import DomainError
from models.integrity.checks import check_integrity
from models.offers.models import Stock
from models.unit_of_work import atomic
from tests import factories

H = dt.timedelta(hours=1)


def run_together(app, attempts):
    """Run each attempt (a function of a session) in its own thread and session, all at once.

    An attempt returns a function to run in the unit of work, after the barrier: what it
    loaded before (as a view does) may be stale by then. The result is "ok" or the refusal.
    """
    sessionmaker = app.extensions["database"]["sessionmaker"]
    barrier = Barrier(len(attempts))

    def run(prepare):
        with sessionmaker() as session:
            command = prepare(session)
            barrier.wait()
            try:
                with atomic(session):
                    command()
            except DomainError as refusal:
                return type(refusal)
            return "ok"

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        return list(pool.map(run, attempts))


def _validate(booking_id, now):
    def prepare(session):
        booking = session.get(Booking, booking_id)
        return lambda: validate_at_counter(session, booking, now)
    return prepare


def _undo(booking_id):
    def prepare(session):
        booking = session.get(Booking, booking_id)
        return lambda: undo_validation(session, booking)
    return prepare


def _cancel_by_person(booking_id, user_id, now):
    def prepare(session):
        return lambda: cancel_by_person(session, booking_id, user_id, now)
    return prepare


def _expire(now):
    def prepare(session):
        return lambda: expire_unused_bookings(session, now)
    return prepare


def _book(user_id, stock_id, now):
    def prepare(session):
        return lambda: book(session, user_id, stock_id, 1, now)
    return prepare


def _cancel_stock(stock_id, now):
    def prepare(session):
        stock = session.get(Stock, stock_id)
        return lambda: cancel_stock_by_pro(session, stock, now)
    return prepare


def _move(stock_id, beginning_at, now):
    def prepare(session):
        stock = session.get(Stock, stock_id)
        return lambda: change_event_date(session, stock, beginning_at, now)
    return prepare


def _booking(session, now, **stock_fields):
    person = factories.young(session)
    factories.deposit(session, person, now)
    stock = factories.stock(session, **stock_fields)
    with atomic(session):
        booking = book(session, person.id, stock.id, 1, now)
    return person, stock, booking


def _people(session, count, now):
    people = []
    for _ in range(count):
        person = factories.young(session)
        factories.deposit(session, person, now)
        people.append(person.id)
    session.commit()
    return people


def test_a_double_click_on_validate_validates_once_and_refuses_the_second(app, db_session, now):
    _, _, booking = _booking(db_session, now)
    results = run_together(app, [_validate(booking.id, now)] * 6)
    assert results.count("ok") == 1
    assert results.count(exceptions.AlreadyUsed) == 5
    db_session.refresh(booking)
    assert booking.status is BookingStatus.USED
    assert check_integrity(db_session) == []


def test_a_double_click_on_undo_undoes_once(app, db_session, now):
    _, _, booking = _booking(db_session, now)
    with atomic(db_session):
        validate_at_counter(db_session, booking, now)
    results = run_together(app, [_undo(booking.id)] * 4)
    assert results.count("ok") == 1
    assert results.count(exceptions.NotValidated) == 3
    db_session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED
    assert check_integrity(db_session) == []


def test_validation_racing_a_cancellation_by_the_person_ends_in_exactly_one(
    app, db_session, now
):
    races = [_booking(db_session, now) for _ in range(4)]
    for person, stock, booking in races:
        results = run_together(app, [
            _validate(booking.id, now), _cancel_by_person(booking.id, person.id, now),
        ])
        assert results.count("ok") == 1, results
        db_session.rollback()  # a new snapshot: see what the threads committed
        db_session.refresh(booking)
        db_session.refresh(stock)
        if results[0] == "ok":
            assert results[1] is exceptions.BookingNotCancellable
            assert booking.status is BookingStatus.USED
            assert stock.booked_quantity == 1
        else:
            assert results[0] is exceptions.BookingCancelled
            assert booking.status is BookingStatus.CANCELLED
            assert stock.booked_quantity == 0
    assert check_integrity(db_session) == []


def test_cancelling_a_stock_while_people_book_it_refunds_everyone(app, db_session, now):
    stock = factories.stock(db_session, quantity=None, price_cents=1500)
    people = _people(db_session, 10, now)
    attempts = [_book(person, stock.id, now) for person in people]
    attempts.insert(5, _cancel_stock(stock.id, now))
    results = run_together(app, attempts)
    assert results[5] == "ok"
    live = db_session.scalar(
        select(func.count()).select_from(Booking).where(
            Booking.stock_id == stock.id, Booking.status != BookingStatus.CANCELLED
        )
    )
    assert live == 0
    db_session.refresh(stock)
    assert stock.is_deleted and stock.booked_quantity == 0
    for person in people:
        deposit = current_deposit(db_session, person, now)
        assert credit_summary(db_session, deposit).remaining_cents == deposit.granted_cents
    assert check_integrity(db_session) == []


def test_a_date_change_while_people_book_applies_to_every_booking(app, db_session, now):
    offer = factories.offer(db_session, subcategory_id="SPECTACLE_REPRESENTATION")
    stock = factories.stock(db_session, offer=offer, quantity=None, beginning_at=now + 240 * H)
    people = _people(db_session, 10, now)
    earlier = now + 30 * H
    attempts = [_book(person, stock.id, now) for person in people]
    attempts.insert(5, _move(stock.id, earlier, now))
    results = run_together(app, attempts)
    assert results.count("ok") == 11
    db_session.refresh(stock)
    assert stock.beginning_at == earlier
    limits = db_session.scalars(
        select(Booking.cancellation_limit_at).where(Booking.stock_id == stock.id)
    ).all()
    assert len(limits) == 10
    # Made before the change or after it, no booking may be cancelled after the new start.
    assert all(limit <= earlier for limit in limits), limits
    assert check_integrity(db_session) == []


def test_validation_racing_the_expiry_job_never_validates_an_expired_booking(
    app, db_session, now
):
    # Past its expiry, a booking is refused as expired whether or not the job cancelled it
    # first, and the job cancels it either way: it ends cancelled, its place given back.
    later = now + 12 * 24 * H  # past the 10 days a paper book waits to be picked up
    for _, stock, booking in [_booking(db_session, now) for _ in range(3)]:
        validated, _ = run_together(app, [_validate(booking.id, later), _expire(later)])
        db_session.rollback()  # a new snapshot: see what the threads committed
        db_session.refresh(booking)
        db_session.refresh(stock)
        assert validated is exceptions.BookingExpired
        assert booking.status is BookingStatus.CANCELLED
        assert stock.booked_quantity == 0
    assert check_integrity(db_session) == []
