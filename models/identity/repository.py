"""Queries on identity checks."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.identity.models import IdentityCheck, IdentityCheckStatus


def count_pending_checks(session: Session) -> int:
    return session.scalar(
        select(func.count())
        .select_from(IdentityCheck)
        .where(IdentityCheck.status == IdentityCheckStatus.PENDING)
    )
