"""Queries on favorites, reactions and reviews."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models.offers.models import Offer
from models.social.models import Favorite, Review


def visible_reviews(session: Session, offer_id: int, limit: int = 20) -> list[Review]:
    return list(
        session.scalars(
            select(Review)
            .where(Review.offer_id == offer_id, Review.hidden_at.is_(None))
            .options(joinedload(Review.author))
            .order_by(Review.created_at.desc())
            .limit(limit)
        )
    )


def is_favorite(session: Session, user_id: int, offer_id: int) -> bool:
    return (
        session.scalar(
            select(Favorite.id).where(Favorite.user_id == user_id, Favorite.offer_id == offer_id)
        )
        is not None
    )


def favorites_of(session: Session, user_id: int) -> list[Favorite]:
    """The person's favorites with their offer, venue and stocks loaded, newest first."""
    return list(
        session.scalars(
            select(Favorite)
            .where(Favorite.user_id == user_id)
            .options(
                joinedload(Favorite.offer).joinedload(Offer.venue),
                joinedload(Favorite.offer).joinedload(Offer.image),
                joinedload(Favorite.offer).selectinload(Offer.stocks),
            )
            .order_by(Favorite.created_at.desc())
        ).unique()
    )
