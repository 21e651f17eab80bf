"""Queueing e-mail: every message is written to the outbox, then delivered by the web layer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.emails.models import OutboundEmail
from models.unit_of_work import on_commit

# `Session.info` key of the function that delivers messages (given their ids), set by the web
# app on its sessions (`webapp.mail`). A session without one leaves messages in the outbox.
DELIVERY_KEY = "deliver_emails"


def queue_email(session: Session, recipient: str, subject: str, body_text: str) -> OutboundEmail:
    """Record a message in the outbox within the caller's transaction.

    Writing it in the same transaction as the change it reports means a message is never sent
    about something that was rolled back: its delivery is queued with `on_commit`, so it runs
    once the transaction commits, and never if it rolls back.
    """
    email = OutboundEmail(recipient=recipient, subject=subject, body_text=body_text)
    session.add(email)
    session.flush()
    deliver = session.info.get(DELIVERY_KEY)
    if deliver is not None:
        email_id = email.id
        on_commit(session, lambda: deliver([email_id]))
    return email
