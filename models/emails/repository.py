"""Queries on the outbox."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.emails.models import OutboundEmail


def latest_emails(session: Session, limit: int = 50) -> list[OutboundEmail]:
    """The most recent messages first."""
    return list(
        session.scalars(
            select(OutboundEmail)
            .order_by(OutboundEmail.created_at.desc(), OutboundEmail.id.desc())
            .limit(limit)
        )
    )


def undelivered_email_ids(session: Session) -> list[int]:
    """Messages never sent, oldest first: those whose delivery failed or never ran."""
    return list(
        session.scalars(
            select(OutboundEmail.id)
            .where(OutboundEmail.sent_at.is_(None))
            .order_by(OutboundEmail.id)
        )
    )
