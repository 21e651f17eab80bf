"""Queries on people's accounts."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.users.models import User


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalars(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).first()
