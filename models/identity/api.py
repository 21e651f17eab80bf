"""Commands on identity checks: a person sends a document, staff approve or reject it.

The document is only needed for the review: it is erased (bytes removed, `erased_at` set) in the
same transaction as the decision, so no copy of an ID outlives the reason it was collected for.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit.api import record
from models.credit.api import open_deposit
from models.credit.models import Deposit
from models.db import start_write_transaction
from models.identity import validation
from models.identity.exceptions import (
    AlreadyVerified,
    CheckAlreadyReviewed,
    CreditNotOpenAtThisAge,
)
from models.identity.models import IdentityCheck, IdentityCheckStatus, IdentityDocument
from models.identity.repository import eligibility, first_registration
from models.users.models import User

MAX_FILENAME_LENGTH = 200


def submit_check(
    session: Session, user: User, *, data: bytes, filename: str | None, honour_signed: bool,
    now: dt.datetime,
) -> IdentityCheck:
    """Store the person's document and signed statement as a check waiting for staff."""
    start_write_transaction(session)
    user = _lock_person(session, user.id)
    validation.check_profile_complete(user)
    standing = eligibility(session, user, now)
    if standing.has_credit:
        raise AlreadyVerified()
    if not standing.can_ask:
        raise CreditNotOpenAtThisAge()
    validation.check_can_submit(session, user)
    validation.check_honour_statement(honour_signed)
    content_type = validation.check_document(data)
    document = IdentityDocument(
        content_type=content_type,
        filename=(filename or "document")[-MAX_FILENAME_LENGTH:],
        size=len(data),
        data=data,
        uploaded_at=now,
    )
    check = IdentityCheck(
        user_id=user.id, document=document, status=IdentityCheckStatus.PENDING,
        honour_statement_at=now, submitted_at=now,
    )
    session.add(check)
    session.flush()
    record(session, user.id, "identity_check.submitted", check)
    return check


def approve_check(session: Session, check_id: int, reviewer: User, now: dt.datetime) -> Deposit:
    """Open the person's credit, close the check and erase its document.

    `NotEligible` and `AlreadyHasDeposit` from the credit domain leave the check pending, so
    staff can read why and reject it with that reason.
    """
    check = _lock_check(session, check_id)
    registered_at = first_registration(session, check.user_id)
    deposit = open_deposit(session, check.user, now, registered_at=registered_at)
    _close(check, IdentityCheckStatus.APPROVED, reviewer, now)
    record(session, reviewer.id, "identity_check.approved", check, deposit_id=deposit.id)
    session.flush()
    return deposit


def reject_check(
    session: Session, check_id: int, reviewer: User, reason: str | None, now: dt.datetime
) -> IdentityCheck:
    """Refuse the check with a reason the person will read, and erase its document."""
    check = _lock_check(session, check_id)
    check.rejection_reason = validation.check_rejection_reason(reason)
    _close(check, IdentityCheckStatus.REJECTED, reviewer, now)
    record(session, reviewer.id, "identity_check.rejected", check, reason=check.rejection_reason)
    session.flush()
    return check


def erase_document(document: IdentityDocument | None, now: dt.datetime) -> None:
    if document is not None and document.erased_at is None:
        document.data = None
        document.erased_at = now


def _close(check: IdentityCheck, status: IdentityCheckStatus, reviewer: User, now) -> None:
    check.status = status
    check.reviewer_id = reviewer.id
    check.reviewed_at = now
    erase_document(check.document, now)


def _lock_person(session: Session, user_id: int) -> User:
    # Two submissions sent together (a double click) are then checked one after the other, and
    # a credit is opened while nothing else changes the person's deposits.
    return session.scalars(select(User).where(User.id == user_id).with_for_update()).one()


def _lock_check(session: Session, check_id: int) -> IdentityCheck:
    """The pending check, locked with its person so that two reviewers cannot both decide."""
    start_write_transaction(session)
    user_id = session.scalar(select(IdentityCheck.user_id).where(IdentityCheck.id == check_id))
    if user_id is None:
        raise CheckAlreadyReviewed()
    _lock_person(session, user_id)
    check = session.scalars(
        select(IdentityCheck)
        .where(IdentityCheck.id == check_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    validation.check_pending(check)
    return check
