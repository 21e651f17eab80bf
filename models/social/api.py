"""Commands on favorites, reactions, reviews and reports."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.social.exceptions import FavoritesFull
from models.social.models import MAX_FAVORITES, Favorite


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
