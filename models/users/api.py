"""Commands that change accounts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.db import utcnow
from models.users.exceptions import EmailAlreadyUsed, InvalidCredentials
from models.users.models import Role, User
from models.users.repository import find_by_email, normalise_email


def create_user(session: Session, email: str, password: str, role: Role, **fields) -> User:
    """Create an account; the e-mail is unique whatever its case."""
    if find_by_email(session, email) is not None:
        raise EmailAlreadyUsed()
    user = User(email=normalise_email(email), role=role, **fields)
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User:
    """Return the account matching these credentials, or raise `InvalidCredentials`."""
    user = find_by_email(session, email)
    if user is None or user.anonymised_at is not None or not user.check_password(password):
        raise InvalidCredentials()
    user.last_login_at = utcnow()
    return user
