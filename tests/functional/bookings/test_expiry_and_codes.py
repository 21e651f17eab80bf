"""docs/domain/5-bookings.md: the daily job expires unused bookings at the right midnight, and
one person holds one code of an offer with activation codes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from models.bookings import exceptions
from models.bookings.api import book, cancel_by_person, expire_unused_bookings
from models.bookings.models import BookingStatus, CancellationReason
from models.offers.models import ActivationCode
from tests import factories
from tests.helpers import html, login

PARIS = ZoneInfo("Europe/Paris")
BOOKED = dt.datetime(2027, 1, 1, 15, tzinfo=PARIS)


def dvd_booking(session, booked_at=BOOKED):
    person = factories.young(session, date_of_birth=dt.date(2008, 6, 1))
    factories.deposit(session, person, booked_at)
    offer = factories.offer(session, subcategory_id="SUPPORT_PHYSIQUE_FILM")
    stock = factories.stock(session, offer=offer, price_cents=2000)
    return book(session, person.id, stock.id, 1, booked_at)


@pytest.mark.parametrize(
    ("job_runs_at", "expired"),
    [
        (dt.datetime(2027, 1, 31, 15, tzinfo=PARIS), False),
        (dt.datetime(2027, 1, 31, 16, tzinfo=PARIS), False),
        (dt.datetime(2027, 1, 31, 23, 59, 59, tzinfo=PARIS), False),
        (dt.datetime(2027, 2, 1, 0, 0, tzinfo=PARIS), True),
        (dt.datetime(2027, 2, 1, 3, 0, tzinfo=PARIS), True),
    ],
)
def test_a_dvd_booked_1_january_at_15_expires_at_midnight_on_1_february(
    db_session, job_runs_at, expired
):
    booking = dvd_booking(db_session)
    assert expire_unused_bookings(db_session, job_runs_at) == int(expired)
    assert (booking.status is BookingStatus.CANCELLED) is expired


def test_a_trial_art_class_expires_like_any_x_subcategory(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2008, 6, 1))
    factories.deposit(db_session, person, BOOKED)
    offer = factories.offer(db_session, subcategory_id="SEANCE_ESSAI_PRATIQUE_ART")
    stock = factories.stock(db_session, offer=offer, price_cents=1000,
                            beginning_at=BOOKED + dt.timedelta(days=40))
    booking = book(db_session, person.id, stock.id, 1, BOOKED)
    assert booking.expires_at == dt.datetime(2027, 2, 1, tzinfo=PARIS)
    assert expire_unused_bookings(db_session, booking.expires_at) == 1
    assert booking.cancellation_reason is CancellationReason.EXPIRED


def test_the_ticket_shows_the_exact_expiry(client, db_session):
    booking = dvd_booking(db_session)
    email = booking.user.email
    db_session.commit()
    login(client, email, factories.PASSWORD)
    page = html(client.get(f"/reservations/{booking.id}"))
    facts = {term.get_text(strip=True): term.find_next("dd") for term in page.select("dl.facts dt")}
    expiry = facts["À utiliser au plus tard le"]
    assert expiry.find("time")["datetime"] == "2027-02-01T00:00:00+01:00"
    assert expiry.find("time").get_text(strip=True) == "31 janvier 2027"
    assert "annulée le 1 février 2027 à 00:00" in expiry.get_text(" ", strip=True)


def codes_handed_out(session) -> int:
    return session.query(ActivationCode).filter(ActivationCode.booking_id.isnot(None)).count()


def code_offer(session, codes=3):
    offer = factories.offer(session, subcategory_id="ABO_PLATEFORME_MUSIQUE")
    stock = factories.stock(session, offer=offer, price_cents=1000, quantity=None)
    for number in range(codes):
        session.add(ActivationCode(stock_id=stock.id, code=f"CODE-{number}"))
    session.flush()
    return stock


def test_one_person_gets_one_code_of_an_offer(db_session, now):
    person = factories.young(db_session, age=18)
    factories.deposit(db_session, person, now)
    stock = code_offer(db_session)
    first = book(db_session, person.id, stock.id, 1, now)
    assert first.status is BookingStatus.USED
    with pytest.raises(exceptions.AlreadyBooked):
        book(db_session, person.id, stock.id, 1, now + dt.timedelta(days=1))
    assert codes_handed_out(db_session) == 1


def test_another_person_gets_the_next_code(db_session, now):
    stock = code_offer(db_session)
    for _ in range(2):
        person = factories.young(db_session, age=18)
        factories.deposit(db_session, person, now)
        book(db_session, person.id, stock.id, 1, now)
    assert codes_handed_out(db_session) == 2


def test_offers_without_codes_can_be_booked_again_once_used(db_session, now):
    person = factories.young(db_session, age=18)
    factories.deposit(db_session, person, now)
    offer = factories.offer(db_session, subcategory_id="SUPPORT_PHYSIQUE_FILM")
    stock = factories.stock(db_session, offer=offer, price_cents=1000)
    first = book(db_session, person.id, stock.id, 1, now)
    first.status, first.used_at = BookingStatus.USED, now
    db_session.flush()
    assert book(db_session, person.id, stock.id, 1, now).status is BookingStatus.CONFIRMED


def test_a_cancelled_booking_does_not_block_booking_again(db_session, now):
    person = factories.young(db_session, age=18)
    factories.deposit(db_session, person, now)
    stock = factories.stock(db_session, price_cents=1000)
    first = book(db_session, person.id, stock.id, 1, now)
    cancel_by_person(db_session, first.id, person.id, now)
    book(db_session, person.id, stock.id, 1, now)


def test_the_daily_job_runs(runner):
    result = runner.invoke(args=["jobs", "daily"])
    assert result.exit_code == 0, result.output
    assert "bookings expired" in result.output
