"""What a person is told when staff decide their identity check (docs/domain/messages.md).

The e-mail and the in-app notification are queued in the decision's unit of work (`tell`);
amounts and dates are written in the person's language, the last day in their own zone.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency
from sqlalchemy.orm import Session

from models.credit.api import person_timezone
from models.credit.models import Deposit
from models.emails.messages import Message, language_of
from models.notifications import links
from models.notifications.api import tell
from models.users.models import User


def tell_approved(session: Session, person: User, deposit: Deposit) -> None:
    """The credit is open: its amount and its last day."""
    language = language_of(person.locale)
    # The credit can be spent until the instant before it expires, in the person's own zone.
    last_day = (deposit.expires_at - dt.timedelta(microseconds=1)).astimezone(
        person_timezone(person))
    tell(session, person, Message.IDENTITY_APPROVED, page=links.PROFILE,
         first_name=person.first_name or "",
         amount=format_currency(deposit.granted_cents / 100, "EUR", locale=language),
         last_day=format_date(last_day.date(), "long", locale=language))


def tell_rejected(session: Session, person: User, reason: str) -> None:
    """The check is refused, why, and how to send another document."""
    tell(session, person, Message.IDENTITY_REJECTED, page=links.PROFILE,
         first_name=person.first_name or "", reason=reason)
