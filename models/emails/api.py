"""Queueing e-mail: every message is written to the outbox, then delivered by the web layer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.emails.models import OutboundEmail


def queue_email(session: Session, recipient: str, subject: str, body_text: str) -> OutboundEmail:
    """Record a message in the outbox within the caller's transaction.

    Writing it in the same transaction as the change it reports means a message is never sent
    about something that was rolled back; delivery happens after the commit.
    """
    email = OutboundEmail(recipient=recipient, subject=subject, body_text=body_text)
    session.add(email)
    session.flush()
    return email
