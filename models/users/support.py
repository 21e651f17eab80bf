"""Support staff's commands on accounts: find a person, suspend and lift a suspension.

The rules are in docs/domain/support.md. Each command runs in the caller's unit of work and
writes its audit line there (`models.audit.api.record`), so an action and its trace are kept or
rolled back together.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models.audit.api import record
from models.bookings.models import TOKEN_LENGTH, Booking
from models.db import start_write_transaction
from models.users.api import end_sessions
from models.users.exceptions import (
    AccountSuspended,
    AlreadySuspended,
    CannotSuspendYourself,
    NotSuspended,
)
from models.users.models import User

SEARCH_LIMIT = 50


def check_not_suspended(user: User) -> None:
    """Refuse a suspended account; said only once the password was right (nothing more leaks)."""
    if user.suspended_at is not None:
        raise AccountSuspended()


def find_people(session: Session, text: str) -> list[User]:
    """People whose e-mail, name or booking token matches `text`, at most `SEARCH_LIMIT`.

    A whole token finds the person who booked; part of an e-mail or of a name finds the people
    whose e-mail, first name, last name or "first last" contain it, whatever the case.
    """
    text = " ".join(text.split())[:254]
    if len(text) < 2:
        return []
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    full_name = func.lower(func.coalesce(User.first_name, "") + " "
                           + func.coalesce(User.last_name, ""))
    conditions = [func.lower(User.email).like(pattern, escape="\\"),
                  full_name.like(pattern, escape="\\")]
    if len(text) == TOKEN_LENGTH and text.isalnum():
        conditions.append(User.id.in_(select(Booking.user_id).where(Booking.token == text.upper())))
    return list(session.scalars(
        select(User).where(User.anonymised_at.is_(None), or_(*conditions))
        .order_by(User.last_name, User.first_name, User.email, User.id).limit(SEARCH_LIMIT)
    ))


def _lock(session: Session, user_id: int) -> User:
    start_write_transaction(session)
    return session.scalars(
        select(User).where(User.id == user_id).with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def suspend(session: Session, staff: User, user_id: int, reason: str, now: dt.datetime) -> User:
    """Suspend an account: every session ends at once, signing in and booking are refused."""
    if user_id == staff.id:
        raise CannotSuspendYourself()
    user = _lock(session, user_id)
    if user.suspended_at is not None:
        raise AlreadySuspended()
    user.suspended_at, user.suspension_reason = now, reason
    end_sessions(user)
    record(session, staff.id, "user.suspend", user, reason=reason)
    session.flush()
    return user


def unsuspend(session: Session, staff: User, user_id: int, reason: str) -> User:
    """Lift a suspension: the person may sign in and book again."""
    user = _lock(session, user_id)
    if user.suspended_at is None:
        raise NotSuspended()
    record(session, staff.id, "user.unsuspend", user, reason=reason,
           suspended_at=user.suspended_at.isoformat(), suspension_reason=user.suspension_reason)
    user.suspended_at, user.suspension_reason = None, None
    session.flush()
    return user
