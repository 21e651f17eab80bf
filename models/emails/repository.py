"""Queries on the outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from models.emails.models import OutboundEmail

# A message never tried is left to the delivery that follows its commit for this long before
# the retry job takes it (that delivery was lost: a crash, a server stopped).
UNTRIED_GRACE = dt.timedelta(minutes=10)


def latest_emails(session: Session, limit: int = 50, failed_only: bool = False
                  ) -> list[OutboundEmail]:
    """The most recent messages first; with `failed_only`, those given up after every try."""
    query = select(OutboundEmail)
    if failed_only:
        query = query.where(OutboundEmail.failed_at.is_not(None))
    return list(session.scalars(
        query.order_by(OutboundEmail.created_at.desc(), OutboundEmail.id.desc()).limit(limit)
    ))


def undelivered_email_ids(session: Session) -> list[int]:
    """Messages never sent, oldest first: those whose delivery failed or never ran."""
    return list(
        session.scalars(
            select(OutboundEmail.id)
            .where(OutboundEmail.sent_at.is_(None))
            .order_by(OutboundEmail.id)
        )
    )


def due_email_ids(session: Session, now: dt.datetime) -> list[int]:
    """Messages whose next try is due: a failed try's delay is over, or an old one never tried."""
    return list(session.scalars(
        select(OutboundEmail.id)
        .where(
            OutboundEmail.sent_at.is_(None),
            OutboundEmail.failed_at.is_(None),
            or_(
                OutboundEmail.next_attempt_at <= now,
                and_(OutboundEmail.next_attempt_at.is_(None),
                     OutboundEmail.created_at <= now - UNTRIED_GRACE),
            ),
        )
        .order_by(OutboundEmail.id)
    ))
