"""Writing to the audit log."""

from sqlalchemy.orm import Session

from models.audit.models import AuditEntry


def record(
    session: Session, actor_id: int | None, action: str, obj, **details
) -> AuditEntry:
    """Add an entry for `action` on `obj` in the caller's transaction."""
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        object_type=type(obj).__tablename__,
        object_id=str(obj.id),
        details=details,
    )
    session.add(entry)
    return entry
