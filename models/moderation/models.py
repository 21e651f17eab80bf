"""Moderation rules, the structures staff watch, and which rules an offer held for review matched.

The rules are written out in docs/domain/moderation.md.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow


class RuleKind(StrEnum):
    """What a rule looks at; each kind reads only its own settings."""

    WORDS = "words"
    PRICE = "price"
    NEW_STRUCTURE = "new_structure"
    WATCHED_STRUCTURE = "watched_structure"


class ModerationRule(Base):
    """A rule sending a published offer to the staff's queue instead of young people."""

    __tablename__ = "moderation_rule"
    __table_args__ = (
        CheckConstraint("price_threshold_cents IS NULL OR price_threshold_cents >= 0",
                        name="threshold_positive"),
        CheckConstraint("first_offers IS NULL OR first_offers > 0", name="first_offers_positive"),
        CheckConstraint("structure_age_days IS NULL OR structure_age_days > 0",
                        name="structure_age_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RuleKind] = mapped_column(enum_type(RuleKind))
    label: Mapped[str] = mapped_column(String(120))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # WORDS: the words or expressions, one per line.
    words: Mapped[str | None] = mapped_column(Text)
    # PRICE: above this price; for one subcategory, or for all when none is named.
    subcategory_id: Mapped[str | None] = mapped_column(String(40))
    price_threshold_cents: Mapped[int | None] = mapped_column(Integer)
    # NEW_STRUCTURE: the first offers of a structure validated less than so many days ago.
    first_offers: Mapped[int | None] = mapped_column(Integer)
    structure_age_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    @property
    def word_list(self) -> list[str]:
        return [line.strip() for line in (self.words or "").splitlines() if line.strip()]


class WatchedStructure(Base):
    """A structure staff flagged for review: every offer it publishes waits for them."""

    __tablename__ = "watched_structure"
    __table_args__ = (UniqueConstraint("structure_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    structure_id: Mapped[int] = mapped_column(ForeignKey("structure.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    flagged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    flagged_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    structure = relationship("Structure")
    flagged_by = relationship("User")


class ModerationMatch(Base):
    """One rule an offer matched when it was last held for review, and what in it matched."""

    __tablename__ = "moderation_match"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("moderation_rule.id", ondelete="CASCADE"),
                                         index=True)
    detail: Mapped[str] = mapped_column(String(300))
    matched_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    rule: Mapped[ModerationRule] = relationship()
