"""Queries on in-app notifications (docs/domain/messages.md)."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload

from models.notifications.models import Notification
from models.users.capacities import Capacity, _capacities, _held_flags
from models.users.models import User


def unread_count(session: Session, user_id: int) -> int:
    """How many notifications the person has not read yet: one COUNT on an index."""
    return session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    ) or 0


def latest_notifications(session: Session, user_id: int, limit: int = 50) -> list[Notification]:
    """The person's notifications, the most recent first."""
    return list(session.scalars(
        select(Notification).where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ))


def notification_of(session: Session, user_id: int, notification_id: int) -> Notification | None:
    """One notification, only if it is the person's own."""
    return session.scalars(
        select(Notification)
        .where(Notification.id == notification_id, Notification.user_id == user_id)
    ).first()


def _unread_of(user_id):
    return (select(func.count()).select_from(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .scalar_subquery())


# Built once with a bound parameter: every signed-in request runs it (the user loader), and
# building this select with its four subqueries cost more CPU than running it (bench/README.md,
# "Fourth pass"). The profile's commune comes with it: the time zone of dates and the position
# of the deck, search and the map read it on most signed-in pages, a statement of its own.
_PERSON_WITH_CAPACITIES_AND_UNREAD = (
    select(User, *_held_flags(User.id), _unread_of(User.id))
    .where(User.id == bindparam("user_id"))
    .options(joinedload(User.commune))
)


def person_with_capacities_and_unread(
    session: Session, user_id: int
) -> tuple[User, tuple[Capacity, ...], int] | None:
    """The signed-in account, its capacities and its unread count, in the one query a page makes.

    The navigation shows the capacities' spaces and the unread count on every page: reading them
    with the account (`models.users.capacities.user_with_capacities` plus one COUNT subquery)
    costs no query of its own; nor does the profile's commune, loaded with the account.
    """
    row = session.execute(_PERSON_WITH_CAPACITIES_AND_UNREAD, {"user_id": user_id}).first()
    if row is None:
        return None
    person, *flags, unread = row
    return person, _capacities(person, *flags), unread or 0
