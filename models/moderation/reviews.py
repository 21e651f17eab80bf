"""Staff decisions on reported reviews: hide the review, or keep it (docs/domain/moderation.md).

Either way every open report of the review is resolved, the reporters are told what staff
decided (e-mail and in-app notification, `tell`), and the audit log keeps who decided, when
and why. A hidden review's author is told the reason; a kept review's author is not bothered,
as nothing changes for them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit.api import record
from models.emails.messages import Message
from models.moderation.exceptions import ReportsAlreadyResolved
from models.moderation.validation import check_reason
from models.notifications import links
from models.notifications.api import tell
from models.offers.models import Offer
from models.social.models import Review, ReviewReport
from models.users.models import User


def _open_reports(session: Session, review_id: int) -> tuple[Review, list[ReviewReport]]:
    """The review locked and read again, with its reports still waiting; none is refused."""
    review = session.scalar(select(Review).where(Review.id == review_id).with_for_update()
                            .execution_options(populate_existing=True))
    reports = session.scalars(
        select(ReviewReport).where(ReviewReport.review_id == review_id,
                                   ReviewReport.resolved_at.is_(None))
        .order_by(ReviewReport.id).execution_options(populate_existing=True)).all()
    if review is None or not reports:
        raise ReportsAlreadyResolved()
    return review, reports


def _tell(session: Session, person: User | None, message: Message, offer: Offer,
          **values) -> None:
    """E-mail and notify the person, with a link to the offer; an anonymised one is not told."""
    if person is None or person.anonymised_at is not None:
        return
    tell(session, person, message, page=links.offer(offer.id), offer=offer.name, **values)


def _resolve(session: Session, reports: list[ReviewReport], offer: Offer, message: Message,
             now: dt.datetime) -> None:
    for report in reports:
        report.resolved_at = now
        if report.reporter_id is not None:
            _tell(session, session.get(User, report.reporter_id), message, offer)


def hide_review(session: Session, staff: User, review_id: int, reason: str,
                now: dt.datetime) -> Review:
    """Hide a reported review with a reason its author reads; its reporters are thanked."""
    reason = check_reason(reason)
    review, reports = _open_reports(session, review_id)
    offer = session.get(Offer, review.offer_id)
    review.hidden_at = now
    review.hidden_by_id = staff.id
    _resolve(session, reports, offer, Message.REPORT_UPHELD, now)
    _tell(session, review.author, Message.REVIEW_HIDDEN, offer, reason=reason)
    record(session, staff.id, "review.hide", review, reason=reason,
           reports=[report.id for report in reports])
    session.flush()
    return review


def keep_review(session: Session, staff: User, review_id: int, now: dt.datetime) -> Review:
    """Keep a reported review visible; its reporters learn it follows the rules."""
    review, reports = _open_reports(session, review_id)
    offer = session.get(Offer, review.offer_id)
    _resolve(session, reports, offer, Message.REPORT_DISMISSED, now)
    record(session, staff.id, "review.keep", review,
           reason="Signalements jugés sans fondement",
           reports=[report.id for report in reports])
    session.flush()
    return review
