"""Crowds through HTTP against a live server: the places, the credit and the tokens stay right.

Every test fires its requests from a pool of threads at a threaded server, then asks for no
5xx answer, the expected number of bookings, and `check_integrity` finding nothing.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from models.bookings.api import book
from models.bookings.models import Booking, BookingStatus
from models.db import utcnow
from models.integrity.checks import check_integrity
from models.offers.models import Stock
from tests import factories
from tests.live_server import HttpClient, serving

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def base_url(app):
    with serving(app) as url:
        yield url


def young_with_credit(session, base_url: str) -> tuple[HttpClient, int]:
    person = factories.young(session)
    factories.deposit(session, person)
    session.commit()
    client = HttpClient(base_url)
    client.sign_in(person.email)
    return client, person.id


def attempt_booking(client: HttpClient, stock: Stock) -> int:
    token = client.csrf_token(f"/offres/{stock.offer_id}")
    status, _body = client.request(
        f"/offres/{stock.offer_id}/reserver",
        {"csrf_token": token, "stock_id": stock.id, "quantity": 1},
    )
    return status


def run_all(calls, workers: int = 16) -> list[int]:
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda call: call(), calls))


def live_bookings(session, **where) -> int:
    session.expire_all()
    return session.scalar(
        select(func.count()).select_from(Booking)
        .where(Booking.status == BookingStatus.CONFIRMED)
        .filter_by(**where)
    )


def assert_sound(session, statuses: list[int]) -> None:
    assert [status for status in statuses if status >= 500] == []
    session.expire_all()
    assert [str(breach) for breach in check_integrity(session)] == []


def test_a_hundred_attempts_on_ten_places_make_ten_bookings(db_session, base_url):
    stock = factories.stock(db_session, price_cents=500, quantity=10)
    db_session.commit()
    clients = [young_with_credit(db_session, base_url)[0] for _ in range(25)]
    statuses = run_all([lambda c=c: attempt_booking(c, stock) for c in clients for _ in range(4)])
    assert_sound(db_session, statuses)
    assert live_bookings(db_session, stock_id=stock.id) == 10
    assert db_session.get(Stock, stock.id).booked_quantity == 10


def test_twenty_offers_at_once_with_credit_for_five_make_five_bookings(db_session, base_url):
    client, person_id = young_with_credit(db_session, base_url)
    # The current credit at 18 is 150 €: five books at 30 € exhaust it.
    stocks = [factories.stock(db_session, price_cents=3000) for _ in range(20)]
    db_session.commit()
    statuses = run_all([lambda s=s: attempt_booking(client, s) for s in stocks])
    assert_sound(db_session, statuses)
    assert live_bookings(db_session, user_id=person_id) == 5


def test_a_double_submit_books_once(db_session, base_url):
    client, person_id = young_with_credit(db_session, base_url)
    stock = factories.stock(db_session, price_cents=1000)
    db_session.commit()
    statuses = run_all([lambda: attempt_booking(client, stock) for _ in range(6)])
    assert_sound(db_session, statuses)
    assert live_bookings(db_session, user_id=person_id) == 1


def test_cancelling_while_others_book_the_last_place_never_double_books(db_session, base_url):
    stock = factories.stock(db_session, price_cents=800, quantity=1)
    holder, holder_id = young_with_credit(db_session, base_url)
    booking = book(db_session, holder_id, stock.id, 1, utcnow())
    db_session.commit()
    others = [young_with_credit(db_session, base_url)[0] for _ in range(6)]
    cancel_token = holder.csrf_token(f"/reservations/{booking.id}")

    def cancel() -> int:
        return holder.request(f"/reservations/{booking.id}/annuler",
                              {"csrf_token": cancel_token})[0]

    statuses = run_all([cancel] + [lambda c=c: attempt_booking(c, stock) for c in others])
    assert_sound(db_session, statuses)
    assert live_bookings(db_session, stock_id=stock.id) <= 1
