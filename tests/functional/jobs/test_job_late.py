"""The product stays right when the nightly job is late (docs/domain/jobs.md): a booking past its
expiry reads as expired before the job cancels it."""

from __future__ import annotations

import datetime as dt

from models.bookings.api import book
from models.bookings.models import Booking, BookingStatus
from models.bookings.repository import CounterState, counter_state
from models.credit.models import Deposit
from models.credit.repository import credit_summary
from models.db import utcnow
from models.jobs.api import run_jobs
from tests import factories
from tests.helpers import html, login

DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


def paper_book_past_expiry(session, frozen_clock) -> Booking:
    """A paper book whose expiry passed an hour ago; the job has not run."""
    person = factories.young(session)
    factories.deposit(session, person)
    stock = factories.stock(session, price_cents=1500)
    booking = book(session, person.id, stock.id, 1, utcnow())
    session.commit()
    frozen_clock.move_to(booking.expires_at + HOUR)
    return booking


def test_the_bookings_page_lists_it_as_ended_and_expired(client, db_session, frozen_clock):
    booking = paper_book_past_expiry(db_session, frozen_clock)
    login(client, booking.user.email, factories.PASSWORD)
    page = html(client.get("/reservations/"))
    current = page.find("section", attrs={"aria-labelledby": "current-title"})
    ended = page.find("section", attrs={"aria-labelledby": "ended-title"})
    assert current.select("li.booking-item") == []
    [item] = ended.select("li.booking-item")
    assert "Expirée : non retirée à temps" in item.get_text(" ", strip=True)
    assert item.find("form") is None


def test_the_ticket_says_it_expired_and_offers_no_cancellation(client, db_session, frozen_clock):
    booking = paper_book_past_expiry(db_session, frozen_clock)
    login(client, booking.user.email, factories.PASSWORD)
    page = html(client.get(f"/reservations/{booking.id}"))
    assert "Cette réservation a expiré" in page.select_one(".notice").get_text()
    assert page.find("form", action=f"/reservations/{booking.id}/annuler") is None
    terms = [dt_.get_text(strip=True) for dt_ in page.select("dl.facts dt")]
    assert "À utiliser au plus tard le" not in terms


def test_the_counter_refuses_it_as_expired(db_session, frozen_clock):
    booking = paper_book_past_expiry(db_session, frozen_clock)
    assert counter_state(db_session.get(Booking, booking.id), utcnow()) is CounterState.EXPIRED


def test_the_credit_gets_the_price_back_only_when_the_job_runs(db_session, frozen_clock):
    """What happens today: until the job cancels it, the booking still holds its price.

    The credit is computed from booking statuses; counting an expired booking as given back
    before the job runs would need the balance, the booking checks and `flask check-integrity`
    to agree on the instant. Holding the money a few hours more never overspends, and the ticket
    says the price "will be" given back.
    """
    booking = paper_book_past_expiry(db_session, frozen_clock)
    deposit = db_session.get(Deposit, booking.deposit_id)
    granted = credit_summary(db_session, deposit).granted_cents
    assert credit_summary(db_session, deposit).remaining_cents == granted - 1500
    run_jobs(db_session, utcnow(), only=["expire_unused_bookings"])
    db_session.expire_all()
    assert db_session.get(Booking, booking.id).status is BookingStatus.CANCELLED
    assert credit_summary(db_session, deposit).remaining_cents == granted
