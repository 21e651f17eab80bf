"""Queries of the staff's moderation pages: the queue of held offers, rules, reported reviews."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models.moderation.models import ModerationMatch, ModerationRule, WatchedStructure
from models.moderation.rules import highest_price_cents
from models.offerers.models import Structure, Venue
from models.offers.models import Offer, Validation
from models.social.models import Review, ReviewReport

QUEUE_PAGE_SIZE = 100


@dataclass(frozen=True)
class HeldOffer:
    offer: Offer
    matches: list[ModerationMatch]

    @property
    def price_cents(self) -> int | None:
        return highest_price_cents(self.offer)


def _with_matches(session: Session, offers: list[Offer]) -> list[HeldOffer]:
    matches = defaultdict(list)
    for match in session.scalars(
            select(ModerationMatch).options(joinedload(ModerationMatch.rule))
            .where(ModerationMatch.offer_id.in_([offer.id for offer in offers]))
            .order_by(ModerationMatch.rule_id)):
        matches[match.offer_id].append(match)
    return [HeldOffer(offer, matches[offer.id]) for offer in offers]


def _offer_query():
    return select(Offer).options(
        joinedload(Offer.venue).joinedload(Venue.structure),
        selectinload(Offer.stocks), selectinload(Offer.price_categories))


def held_offers(session: Session, page: int = 1,
                limit: int = QUEUE_PAGE_SIZE) -> list[HeldOffer]:
    """One page of the offers waiting for staff, oldest first, with the rules each matched."""
    offers = session.scalars(_offer_query().where(Offer.validation == Validation.PENDING)
                             .order_by(Offer.updated_at, Offer.id)
                             .offset((page - 1) * limit).limit(limit)).all()
    return _with_matches(session, list(offers))


def count_held_offers(session: Session) -> int:
    return session.scalar(select(func.count(Offer.id))
                          .where(Offer.validation == Validation.PENDING))


def held_offer(session: Session, offer_id: int) -> HeldOffer | None:
    """One offer as staff decide on it (whatever its state), with the rules it matched."""
    offer = session.scalar(_offer_query().where(Offer.id == offer_id))
    return None if offer is None else _with_matches(session, [offer])[0]


def all_rules(session: Session) -> list[ModerationRule]:
    return list(session.scalars(select(ModerationRule).order_by(ModerationRule.id)))


def watched_structures(session: Session) -> list[WatchedStructure]:
    return list(session.scalars(
        select(WatchedStructure).options(joinedload(WatchedStructure.structure),
                                         joinedload(WatchedStructure.flagged_by))
        .join(Structure, Structure.id == WatchedStructure.structure_id)
        .order_by(Structure.name)))


@dataclass(frozen=True)
class ReportedReview:
    review: Review
    offer_name: str
    open_reports: int
    first_reported_at: object


def reported_reviews(session: Session) -> list[ReportedReview]:
    """Reviews with reports nobody decided on yet, the longest waiting first."""
    rows = session.execute(
        select(Review, Offer.name, func.count(ReviewReport.id), func.min(ReviewReport.created_at))
        .join(ReviewReport, ReviewReport.review_id == Review.id)
        .join(Offer, Offer.id == Review.offer_id)
        .where(ReviewReport.resolved_at.is_(None))
        .group_by(Review.id, Offer.name)
        .order_by(func.min(ReviewReport.created_at), Review.id)
        .options(selectinload(Review.author))
    ).all()
    return [ReportedReview(*row) for row in rows]


def count_reported_reviews(session: Session) -> int:
    return session.scalar(select(func.count(func.distinct(ReviewReport.review_id)))
                          .where(ReviewReport.resolved_at.is_(None)))


def reports_of(session: Session, review_id: int) -> list[ReviewReport]:
    """Every report of a review, open ones first, then by date."""
    return list(session.scalars(
        select(ReviewReport).where(ReviewReport.review_id == review_id)
        .order_by(ReviewReport.resolved_at.is_not(None), ReviewReport.created_at)))
