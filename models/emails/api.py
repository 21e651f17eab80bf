"""Queueing e-mail: every message is written to the outbox, then delivered by the web layer.

Delivery may fail (a mail server down, a timeout): the message is tried again later with a
growing delay, and given up after `MAX_ATTEMPTS` (docs/domain/messages.md). A failed send never
undoes anything: the change the message reports is committed before the message leaves.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from models.emails.messages import Message, compose, compose_html
from models.emails.models import OutboundEmail
from models.emails.repository import due_email_ids
from models.unit_of_work import on_commit

# `Session.info` key of the function that delivers messages (given their ids), set by the web
# app on its sessions (`webapp.mail`). A session without one leaves messages in the outbox.
DELIVERY_KEY = "deliver_emails"

# Tries before a message is marked failed, and the wait after the first failed try; each later
# wait is `BACKOFF_FACTOR` times the one before (5 min, 20 min, 1 h 20, 5 h 20).
MAX_ATTEMPTS = 5
FIRST_RETRY_DELAY = dt.timedelta(minutes=5)
BACKOFF_FACTOR = 4
# How long a sender holds a message it is sending: nobody else sends it meanwhile.
SENDING_LEASE = dt.timedelta(minutes=15)


def queue_email(session: Session, recipient: str, subject: str, body_text: str,
                body_html: str | None = None) -> OutboundEmail:
    """Record a message in the outbox within the caller's transaction.

    Writing it in the same transaction as the change it reports means a message is never sent
    about something that was rolled back: its delivery is queued with `on_commit`, so it runs
    once the transaction commits, and never if it rolls back.
    """
    email = OutboundEmail(recipient=recipient, subject=subject, body_text=body_text,
                          body_html=body_html, attempts=0)
    session.add(email)
    session.flush()
    deliver = session.info.get(DELIVERY_KEY)
    if deliver is not None:
        email_id = email.id
        on_commit(session, lambda: deliver([email_id]))
    return email


def queue_message(session: Session, recipient: str, locale: str | None, message: Message,
                  **values) -> OutboundEmail:
    """Queue `message` of the catalogue in `locale`: its plain text and its HTML part."""
    subject, body = compose(message, locale, **values)
    return queue_email(session, recipient, subject, body, compose_html(message, locale, **values))


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait before the next try, after `attempts` failed tries (1 or more)."""
    return FIRST_RETRY_DELAY * BACKOFF_FACTOR ** (max(attempts, 1) - 1)


def claim_for_sending(session: Session, email_id: int, now: dt.datetime,
                      at_once: bool = False) -> bool:
    """Take the message for sending, unless it is sent, given up, or held by another sender.

    One conditional UPDATE, so that the delivery after a commit and the retry job never send
    the same message twice. `at_once` (staff running `flask mail deliver`) takes any unsent
    message, even one given up or waiting for its next try.
    """
    conditions = [OutboundEmail.id == email_id, OutboundEmail.sent_at.is_(None)]
    if not at_once:
        conditions += [
            OutboundEmail.failed_at.is_(None),
            or_(OutboundEmail.next_attempt_at.is_(None), OutboundEmail.next_attempt_at <= now),
        ]
    claimed = session.execute(
        update(OutboundEmail)
        .where(*conditions)
        .values(next_attempt_at=now + SENDING_LEASE)
        .execution_options(synchronize_session=False)
    ).rowcount
    return claimed == 1


def sent_outcome(attempts_before: int, now: dt.datetime) -> dict:
    """The columns recording a successful try."""
    return {"sent_at": now, "attempts": attempts_before + 1, "next_attempt_at": None,
            "error": None}


def failed_outcome(attempts_before: int, now: dt.datetime, error: str) -> dict:
    """The columns recording a failed try: the next one is due later, or the message given up."""
    attempts = attempts_before + 1
    if attempts >= MAX_ATTEMPTS:
        return {"attempts": attempts, "error": error[:1000], "next_attempt_at": None,
                "failed_at": now}
    return {"attempts": attempts, "error": error[:1000],
            "next_attempt_at": now + retry_delay(attempts)}


def retry_due_emails(session: Session, now: dt.datetime) -> int:
    """The scheduled job: send again, after the commit, every message whose next try is due."""
    ids = due_email_ids(session, now)
    deliver = session.info.get(DELIVERY_KEY)
    if ids and deliver is not None:
        on_commit(session, lambda: deliver(ids))
    return len(ids)
