"""What a signed-in person did with the cards of the discovery deck."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.db import Base, UtcDateTime, enum_type, utcnow


class DeckAction(StrEnum):
    """Shown without a verdict yet, liked ("J'aime") or skipped ("Pas pour moi")."""

    SEEN = "seen"
    LIKE = "like"
    SKIP = "skip"


class DeckInteraction(Base):
    """The latest thing a person did with one offer's card, and when.

    One row per person and offer keeps the table as small as the number of cards people have
    seen; a like is never overwritten by a later "seen", so what the person said stays known.
    """

    __tablename__ = "deck_interaction"
    __table_args__ = (
        UniqueConstraint("user_id", "offer_id"),
        Index("ix_deck_interaction_user_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    action: Mapped[DeckAction] = mapped_column(enum_type(DeckAction))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
