"""Reading the audit log: newest first, filtered, a page at a time (docs/domain/support.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from models.audit.models import AuditEntry
from models.users.models import User

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilters:
    actor_id: int | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


@dataclass(frozen=True)
class AuditPage:
    entries: list[tuple[AuditEntry, str | None]]  # each line with its actor's e-mail
    number: int
    has_next: bool


def audit_page(session: Session, filters: AuditFilters, number: int = 1) -> AuditPage:
    """The entries matching every filter given, newest first, `PAGE_SIZE` per page."""
    query = select(AuditEntry, User.email).outerjoin(User, User.id == AuditEntry.actor_id)
    if filters.actor_id is not None:
        query = query.where(AuditEntry.actor_id == filters.actor_id)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.object_type:
        query = query.where(AuditEntry.object_type == filters.object_type)
    if filters.object_id:
        query = query.where(AuditEntry.object_id == filters.object_id)
    if filters.since is not None:
        query = query.where(AuditEntry.at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEntry.at < filters.until)
    rows = session.execute(
        query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    ).all()
    return AuditPage([(entry, email) for entry, email in rows[:PAGE_SIZE]], number,
                     len(rows) > PAGE_SIZE)


def actions(session: Session) -> list[str]:
    """The actions the log holds, for the filter's suggestions."""
    return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def entries_about(session: Session, objects: list[tuple[str, str]],
                  limit: int = 20) -> list[tuple[AuditEntry, str | None]]:
    """The latest entries on any of `objects` (pairs of table name and id), newest first."""
    if not objects:
        return []
    rows = session.execute(
        select(AuditEntry, User.email).outerjoin(User, User.id == AuditEntry.actor_id)
        .where(or_(*(and_(AuditEntry.object_type == kind, AuditEntry.object_id == str(key))
                     for kind, key in objects)))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    ).all()
    return [(entry, email) for entry, email in rows]
