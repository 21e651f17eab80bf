"""A local top-up's budget under a crowd (docs/domain/8-local-top-ups.md): many residents book
at once through HTTP against a live server, and the programme never pays more than its budget
nor a person more than their amount, on both engines; the national credit pays the rest."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.bookings.models import Booking, BookingStatus
from models.top_ups.repository import spent_in_all
from tests import factories
from tests.functional.concurrency.test_booking_races import (
    assert_sound,
    attempt_booking,
    run_all,
)
from tests.functional.top_ups.top_up_data import programme, show
from tests.live_server import HttpClient, serving

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def base_url(app):
    with serving(app) as url:
        yield url


def resident_client(session, base_url: str) -> HttpClient:
    person = factories.young(session)
    factories.deposit(session, person)
    session.commit()
    client = HttpClient(base_url)
    client.sign_in(person.email)
    return client


def paid_by(session, programme_id: int) -> list[int]:
    session.expire_all()
    return list(session.scalars(
        select(Booking.top_up_cents)
        .where(Booking.top_up_id == programme_id, Booking.status == BookingStatus.CONFIRMED)))


def test_twenty_residents_at_once_never_spend_more_than_the_budget(db_session, base_url):
    # 20 € each, a budget of 50 €: two shows paid in full, a third in part, the rest nationally.
    local = programme(db_session, amount=2000, budget=5000)
    stocks = [show(db_session, 2000) for _ in range(20)]
    db_session.commit()
    clients = [resident_client(db_session, base_url) for _ in range(20)]
    statuses = run_all([lambda c=c, s=s: attempt_booking(c, s)
                        for c, s in zip(clients, stocks, strict=True)])
    assert_sound(db_session, statuses)
    assert db_session.scalar(select(func.count()).select_from(Booking)
                             .where(Booking.status == BookingStatus.CONFIRMED)) == 20
    assert spent_in_all(db_session, local.id) == 5000
    assert sorted(cents for cents in paid_by(db_session, local.id) if cents) == [1000, 2000, 2000]


def test_one_person_booking_many_shows_at_once_gets_the_amount_once(db_session, base_url):
    local = programme(db_session, amount=2000, budget=100_000)
    stocks = [show(db_session, 1500) for _ in range(8)]
    db_session.commit()
    client = resident_client(db_session, base_url)
    statuses = run_all([lambda s=s: attempt_booking(client, s) for s in stocks])
    assert_sound(db_session, statuses)
    assert sum(paid_by(db_session, local.id)) == 2000
