"""No identity document outlives its decision (docs/domain/jobs.md).

The rule is the one `models.identity.api` applies when staff decide: the file is erased in the
same transaction as the decision, and the decision itself (status, date, reviewer, reason) stays.
The scheduled job is the safety net for files a decision left behind (a check decided before the
rule, or written by an import): any decided check whose document still holds its bytes has them
erased, at once, since the retention after a decision is none.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.identity.api import erase_document
from models.identity.models import IdentityCheck, IdentityCheckStatus, IdentityDocument

DECIDED = (IdentityCheckStatus.APPROVED, IdentityCheckStatus.REJECTED)


def erase_decided_documents(session: Session, now: dt.datetime) -> int:
    """Erase the files of decided checks still holding one; return how many were erased."""
    documents = session.scalars(
        select(IdentityDocument)
        .join(IdentityCheck, IdentityCheck.document_id == IdentityDocument.id)
        .where(
            IdentityCheck.status.in_(DECIDED),
            IdentityCheck.reviewed_at <= now,
            IdentityDocument.erased_at.is_(None),
        )
        .order_by(IdentityDocument.id)
        .with_for_update(of=IdentityDocument)
    ).all()
    for document in documents:
        erase_document(document, now)
    session.flush()
    return len(documents)
