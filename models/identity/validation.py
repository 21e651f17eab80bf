"""The checks of an identity check request and of its review: each raises an `IdentityError`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.identity import exceptions
from models.identity.models import IdentityCheck, IdentityCheckStatus
from models.users.models import User

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_REJECTION_REASON_LENGTH = 1000

# What a file is comes from its first bytes, never from its name or the type the browser
# announces: both are chosen by the sender.
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)


def document_type(data: bytes) -> str | None:
    """The content type that the file's magic bytes reveal, among those accepted; else None."""
    for signature, content_type in _SIGNATURES:
        if data.startswith(signature):
            return content_type
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_document(data: bytes) -> str:
    """Refuse an empty, oversized or unknown file; return the type of an accepted one."""
    if not data:
        raise exceptions.EmptyDocument()
    if len(data) > MAX_DOCUMENT_BYTES:
        raise exceptions.DocumentTooLarge()
    content_type = document_type(data)
    if content_type is None:
        raise exceptions.UnsupportedDocumentType()
    return content_type


def is_profile_complete(user: User) -> bool:
    """Everything staff compare with the document, and what the credit's rules depend on."""
    return all(
        (user.first_name, user.last_name, user.address, user.postal_code, user.commune_code,
         user.activity, user.date_of_birth)
    )


def check_profile_complete(user: User) -> None:
    if not is_profile_complete(user):
        raise exceptions.ProfileIncomplete()


def check_can_submit(session: Session, user: User) -> None:
    """One request at a time, and none once the identity has been verified."""
    statuses = set(
        session.scalars(select(IdentityCheck.status).where(IdentityCheck.user_id == user.id))
    )
    if IdentityCheckStatus.PENDING in statuses:
        raise exceptions.CheckAlreadyPending()
    if IdentityCheckStatus.APPROVED in statuses:
        raise exceptions.AlreadyVerified()


def check_honour_statement(signed: bool) -> None:
    if not signed:
        raise exceptions.HonourStatementMissing()


def check_pending(check: IdentityCheck) -> None:
    if check.status is not IdentityCheckStatus.PENDING:
        raise exceptions.CheckAlreadyReviewed()


def check_rejection_reason(reason: str | None) -> str:
    """A rejection always says why, in a few sentences; return the reason trimmed."""
    reason = (reason or "").strip()
    if not reason:
        raise exceptions.RejectionReasonMissing()
    return reason[:MAX_REJECTION_REASON_LENGTH]
