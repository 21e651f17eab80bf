"""Booking rules hold under concurrent requests, on SQLite and on PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from sqlalchemy import func, select

from models.bookings.api import book
from models.bookings.exceptions import BookingRefused
from models.bookings.models import Booking, BookingStatus
from models.credit.repository import credit_summary
from tests import factories


def run_together(app, attempts):
    """Run each (user_id, stock_id) booking in its own thread and session, all at once."""
    sessionmaker = app.extensions["database"]["sessionmaker"]
    barrier = Barrier(len(attempts))

    def attempt(args):
        user_id, stock_id, now = args
        with sessionmaker() as session:
            barrier.wait()
            try:
                book(session, user_id, stock_id, 1, now)
                session.commit()
                return True
            except BookingRefused:
                session.rollback()
                return False

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        return list(pool.map(attempt, attempts))


def test_fifty_simultaneous_requests_on_ten_places_give_ten_bookings(app, db_session, now):
    stock = factories.stock(db_session, quantity=10, price_cents=500)
    people = []
    for _ in range(50):
        person = factories.young(db_session)
        factories.deposit(db_session, person, now)
        people.append(person.id)
    db_session.commit()
    results = run_together(app, [(person, stock.id, now) for person in people])
    assert results.count(True) == 10
    db_session.refresh(stock)
    assert stock.booked_quantity == 10
    confirmed = db_session.scalar(
        select(func.count()).select_from(Booking).where(
            Booking.stock_id == stock.id, Booking.status == BookingStatus.CONFIRMED
        )
    )
    assert confirmed == 10


def test_one_person_booking_many_offers_at_once_never_overspends(app, db_session, now):
    person = factories.young(db_session)
    deposit = factories.deposit(db_session, person, now)
    stocks = [factories.stock(db_session, price_cents=4000, quantity=None) for _ in range(12)]
    db_session.commit()
    results = run_together(app, [(person.id, stock.id, now) for stock in stocks])
    assert results.count(True) == 3
    summary = credit_summary(db_session, deposit)
    assert summary.remaining_cents == 15000 - 3 * 4000
    assert summary.remaining_cents >= 0


def test_a_double_submit_creates_one_booking(app, db_session, now):
    person = factories.young(db_session)
    factories.deposit(db_session, person, now)
    stock = factories.stock(db_session, quantity=None)
    db_session.commit()
    results = run_together(app, [(person.id, stock.id, now)] * 8)
    assert results.count(True) == 1
    db_session.refresh(stock)
    assert stock.booked_quantity == 1
