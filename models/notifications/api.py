"""Telling a person something: by e-mail and on their notifications page (docs/domain/messages.md).

`tell` is the one way a domain command informs a person of an event about them: the e-mail
(plain text and HTML, in the person's language) and the in-app notification are queued in the
command's unit of work, so both exist only if the change they report is committed. A person
without access to their mailbox still learns, next time they open the app, that their concert
moved.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session

from models.emails.api import queue_message
from models.emails.messages import Message
from models.notifications.exceptions import NotificationNotFound
from models.notifications.models import Notification
from models.notifications.repository import notification_of
from models.users.models import User


def notify(session: Session, person_id: int, message: Message, page: str | None = None,
           **values) -> Notification:
    """Record an in-app notification in the caller's unit of work.

    The values are kept, not the text: the page writes the message in the person's language
    when they read it. Values are kept as text (they are already formatted by the caller).
    `page` is the path in the app where the person can see or act on what happened.
    """
    notification = Notification(user_id=person_id, kind=message.value, link=page,
                                values={name: str(value) for name, value in values.items()})
    session.add(notification)
    session.flush()
    return notification


def tell(session: Session, person: User, message: Message, page: str | None = None,
         **values) -> None:
    """E-mail `message` to `person` and notify them in the app, in one unit of work."""
    queue_message(session, person.email, person.locale, message, **values)
    notify(session, person.id, message, page=page, **values)


def mark_read(session: Session, person_id: int, notification_id: int, now: dt.datetime) -> None:
    """Mark one of the person's own notifications read; another's is reported as not found."""
    notification = notification_of(session, person_id, notification_id)
    if notification is None:
        raise NotificationNotFound()
    if notification.read_at is None:
        notification.read_at = now
        session.flush()


def mark_all_read(session: Session, person_id: int, now: dt.datetime) -> int:
    """Mark every unread notification of the person read; return how many were."""
    return session.execute(
        update(Notification)
        .where(Notification.user_id == person_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
