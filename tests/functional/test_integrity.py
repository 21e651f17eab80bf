"""`flask check-integrity` passes on sound data and names each kind of breach it finds."""

from __future__ import annotations

import pytest
from sqlalchemy import pool, update
from sqlalchemy.orm import Session

from models.bookings.api import book
from models.bookings.models import Booking
from models.db import make_engine, utcnow
from models.integrity.checks import check_integrity
from models.offers.models import Stock
from tests import factories


@pytest.fixture
def booked(db_session):
    """A young person with the current credit who booked two places of a paper book."""
    person = factories.young(db_session)
    factories.deposit(db_session, person)
    stock = factories.stock(db_session, price_cents=1500, quantity=5)
    booking = book(db_session, person.id, stock.id, 1, utcnow())
    db_session.commit()
    return booking


def check(runner):
    return runner.invoke(args=["check-integrity"])


def test_sound_data_passes(runner, booked):
    result = check(runner)
    assert result.exit_code == 0, result.output
    assert "checks passed" in result.output


def test_a_stock_count_that_differs_from_its_bookings_is_a_breach(runner, db_session, booked):
    db_session.execute(update(Stock).where(Stock.id == booked.stock_id).values(booked_quantity=3))
    db_session.commit()
    result = check(runner)
    assert result.exit_code == 1
    assert f"stock: stock {booked.stock_id}" in result.output


def test_spending_more_than_the_credit_is_a_breach(runner, db_session, booked):
    db_session.execute(update(Booking).where(Booking.id == booked.id)
                       .values(unit_price_cents=30000, quantity=1))
    db_session.commit()
    result = check(runner)
    assert result.exit_code == 1
    assert f"credit: deposit {booked.deposit_id}" in result.output


def test_a_digital_cap_exceeded_is_a_breach(runner, db_session):
    person = factories.young(db_session)
    factories.deposit(db_session, person)
    stock = factories.stock(db_session, offer=factories.offer(db_session, subcategory_id="VOD"),
                            price_cents=9000)
    booking = book(db_session, person.id, stock.id, 1, utcnow())
    db_session.commit()
    db_session.execute(update(Booking).where(Booking.id == booking.id)
                       .values(unit_price_cents=12000))
    db_session.commit()
    result = check(runner)
    assert result.exit_code == 1
    assert f"digital cap: deposit {booking.deposit_id}" in result.output


def test_a_paid_booking_without_deposit_is_a_breach(runner, db_session, booked):
    db_session.execute(update(Booking).where(Booking.id == booked.id).values(deposit_id=None))
    db_session.commit()
    result = check(runner)
    assert result.exit_code == 1
    assert f"payment: booking {booked.id}" in result.output


def test_the_demo_data_is_sound(demo_template_url):
    engine = make_engine(demo_template_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        assert [str(breach) for breach in check_integrity(session)] == []
    engine.dispose()
