"""Commands on favorites, reactions, reviews and reports."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.bookings.models import BookingStatus
from models.social.exceptions import (
    AlreadyReported,
    AlreadyReviewed,
    FavoritesFull,
    ReviewNotAllowed,
)
from models.social.models import (
    MAX_FAVORITES,
    Favorite,
    OfferReaction,
    ReactionKind,
    Review,
    ReviewReport,
)


def add_favorite(session: Session, user_id: int, offer_id: int, now: dt.datetime) -> Favorite:
    """Add an offer to the person's favorites; adding it twice keeps one."""
    existing = session.scalars(
        select(Favorite).where(Favorite.user_id == user_id, Favorite.offer_id == offer_id)
    ).first()
    if existing is not None:
        return existing
    count = session.scalar(
        select(func.count()).select_from(Favorite).where(Favorite.user_id == user_id)
    )
    if count >= MAX_FAVORITES:
        raise FavoritesFull()
    favorite = Favorite(user_id=user_id, offer_id=offer_id, created_at=now)
    session.add(favorite)
    session.flush()
    return favorite


def remove_favorite(session: Session, user_id: int, offer_id: int) -> None:
    favorite = session.scalars(
        select(Favorite).where(Favorite.user_id == user_id, Favorite.offer_id == offer_id)
    ).first()
    if favorite is not None:
        session.delete(favorite)
        session.flush()


def react_and_review(
    session: Session, user_id: int, booking, kind: ReactionKind, text: str, now: dt.datetime
) -> OfferReaction:
    """Record a like or dislike, and a short public review if written, on a used booking."""
    if booking.user_id != user_id or booking.status not in (
        BookingStatus.USED, BookingStatus.REIMBURSED,
    ):
        raise ReviewNotAllowed()
    text = (text or "").strip()
    if text and session.scalar(select(Review.id).where(Review.booking_id == booking.id)):
        raise AlreadyReviewed()
    reaction = session.scalars(
        select(OfferReaction).where(
            OfferReaction.user_id == user_id, OfferReaction.offer_id == booking.offer_id
        )
    ).first()
    if reaction is None:
        reaction = OfferReaction(user_id=user_id, offer_id=booking.offer_id)
        session.add(reaction)
    reaction.kind, reaction.created_at = kind, now
    if text:
        session.add(Review(booking_id=booking.id, user_id=user_id, offer_id=booking.offer_id,
                           text=text, created_at=now))
    session.flush()
    return reaction


def report_review(
    session: Session, review: Review, reporter_id: int, reason: str, now: dt.datetime
) -> ReviewReport:
    """Flag a review for staff; one report per reader and review."""
    exists = session.scalar(
        select(ReviewReport.id).where(
            ReviewReport.review_id == review.id, ReviewReport.reporter_id == reporter_id
        )
    )
    if exists is not None:
        raise AlreadyReported()
    report = ReviewReport(review_id=review.id, reporter_id=reporter_id, reason=reason.strip(),
                          created_at=now)
    session.add(report)
    session.flush()
    return report
