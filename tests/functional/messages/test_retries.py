"""A failed send is tried again with backoff, given up after MAX_ATTEMPTS, and undoes nothing.

docs/domain/messages.md. The mail server is replaced by a function that fails or succeeds.
"""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from sqlalchemy import select

from models.db import utcnow
from models.emails.api import (
    FIRST_RETRY_DELAY,
    MAX_ATTEMPTS,
    claim_for_sending,
    queue_email,
    retry_delay,
    retry_due_emails,
)
from models.emails.messages import Message
from models.emails.models import OutboundEmail
from models.jobs.registry import JOB_NAMES
from models.notifications.api import tell
from models.notifications.models import Notification
from models.unit_of_work import atomic
from tests import factories
from tests.helpers import html, login

OUTBOX_PATH = "/admin/courriels/"


class FakeRelay:
    """Stands for the SMTP server: fails while `down`, records what it was given otherwise."""

    def __init__(self):
        self.down = True
        self.sent: list[str] = []

    def __call__(self, email: OutboundEmail) -> None:
        if self.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        self.sent.append(email.subject)


@pytest.fixture
def relay(app, monkeypatch) -> FakeRelay:
    fake = FakeRelay()
    mailer = app.extensions["mail"]
    monkeypatch.setattr(mailer, "server", "smtp.exemple.test")
    monkeypatch.setattr(mailer, "_send_smtp", fake)
    return fake


def stored(db_session, email_id: int) -> OutboundEmail:
    db_session.rollback()
    db_session.expire_all()
    return db_session.get(OutboundEmail, email_id)


def queue_one(db_session) -> int:
    with atomic(db_session):
        email = queue_email(db_session, "lea@example.org", "Bonjour", "Un message.")
    return email.id


def run_retry_job(db_session) -> int:
    with atomic(db_session):
        return retry_due_emails(db_session, utcnow())


def test_the_backoff_grows_by_four_from_five_minutes():
    assert [retry_delay(attempts) for attempts in (1, 2, 3, 4)] == [
        dt.timedelta(minutes=5), dt.timedelta(minutes=20), dt.timedelta(minutes=80),
        dt.timedelta(minutes=320)]
    assert "retry_emails" in JOB_NAMES


def test_a_failed_send_is_recorded_with_the_next_try_and_nothing_is_undone(
        app, db_session, relay):
    person = factories.young(db_session)
    db_session.commit()
    with atomic(db_session):
        tell(db_session, person, Message.PASSWORD_CHANGED, link="https://exemple.test/oubli")
    db_session.expire_all()
    email = db_session.scalars(select(OutboundEmail)
                               .where(OutboundEmail.recipient == person.email)).one()
    assert email.sent_at is None and email.attempts == 1
    assert email.error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert abs(email.next_attempt_at - (utcnow() + FIRST_RETRY_DELAY)) < dt.timedelta(seconds=5)
    assert email.failed_at is None
    # The change the message told about is committed: the notification stays.
    assert db_session.scalars(select(Notification)
                              .where(Notification.user_id == person.id)).one()


def test_the_job_retries_only_when_the_delay_is_over_then_the_message_leaves(
        app, db_session, relay, frozen_clock):
    email_id = queue_one(db_session)
    frozen_clock.shift(FIRST_RETRY_DELAY - dt.timedelta(seconds=30))
    assert run_retry_job(db_session) == 0
    assert stored(db_session, email_id).attempts == 1
    frozen_clock.shift(dt.timedelta(seconds=31))
    relay.down = False
    assert run_retry_job(db_session) == 1
    email = stored(db_session, email_id)
    assert email.sent_at is not None and email.attempts == 2
    assert email.error is None and email.next_attempt_at is None
    assert relay.sent == ["Bonjour"]
    assert run_retry_job(db_session) == 0
    assert relay.sent == ["Bonjour"]


def test_after_the_last_try_the_message_is_given_up(app, db_session, relay, frozen_clock):
    email_id = queue_one(db_session)
    for attempts in range(1, MAX_ATTEMPTS):
        email = stored(db_session, email_id)
        assert email.attempts == attempts and email.failed_at is None
        frozen_clock.shift(retry_delay(attempts))
        assert run_retry_job(db_session) == 1
    email = stored(db_session, email_id)
    assert email.attempts == MAX_ATTEMPTS
    assert email.failed_at is not None and email.next_attempt_at is None
    frozen_clock.shift(dt.timedelta(days=2))
    relay.down = False
    assert run_retry_job(db_session) == 0
    assert relay.sent == []


def test_a_message_whose_delivery_never_ran_is_taken_by_the_job_after_ten_minutes(
        app, db_session, relay, frozen_clock):
    relay.down = False
    db_session.info.pop("deliver_emails", None)  # as if the server stopped before delivering
    email_id = queue_one(db_session)
    db_session.info.update(app.extensions["database"]["sessionmaker"].kw["info"])
    assert run_retry_job(db_session) == 0
    frozen_clock.shift(dt.timedelta(minutes=10))
    assert run_retry_job(db_session) == 1
    assert stored(db_session, email_id).sent_at is not None
    assert relay.sent == ["Bonjour"]


def test_a_message_is_claimed_by_one_sender_only(app, db_session):
    db_session.info.pop("deliver_emails", None)
    email_id = queue_one(db_session)
    with atomic(db_session):
        assert claim_for_sending(db_session, email_id, utcnow())
    with atomic(db_session):
        assert not claim_for_sending(db_session, email_id, utcnow())


def test_staff_see_the_given_up_messages_and_their_last_error(
        app, client, db_session, relay, frozen_clock):
    sent_id = queue_one(db_session)
    relay.down = False
    frozen_clock.shift(FIRST_RETRY_DELAY)
    run_retry_job(db_session)
    relay.down = True
    with atomic(db_session):
        failed = queue_email(db_session, "perdu@example.org", "Jamais parti", "Texte.")
    for attempts in range(1, MAX_ATTEMPTS):
        frozen_clock.shift(retry_delay(attempts))
        run_retry_job(db_session)
    assert stored(db_session, sent_id).sent_at is not None
    staff = factories.admin(db_session)
    db_session.commit()
    login(client, staff.email, factories.PASSWORD)

    page = html(client.get(OUTBOX_PATH, query_string={"etat": "echec"}))
    rows = page.select("table tbody tr")
    assert [row.find("a").get_text() for row in rows] == ["Jamais parti"]
    text = rows[0].get_text(" ", strip=True)
    assert f"Abandonné après {MAX_ATTEMPTS} essais" in text
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in text
    filters = page.find("nav", attrs={"aria-label": "Filtrer les courriels"})
    assert filters.find("a", attrs={"aria-current": "page"}).get_text() == "Abandonnés après échecs"

    everything = html(client.get(OUTBOX_PATH)).select("table tbody tr")
    assert len(everything) == 2
    detail = html(client.get(f"{OUTBOX_PATH}{failed.id}")).get_text(" ", strip=True)
    assert "Dernière erreur" in detail and "Essais d'envoi 5" in detail
