"""A local government's top-up programme, its eligible categories, and who may fund one.

The rules are in docs/domain/8-local-top-ups.md. What a programme has paid is never stored as a
counter: it is the sum of `Booking.top_up_cents` over its live bookings, so every way a booking
ends (cancelled by the person, the pro, staff, the expiry job) gives the money back by itself.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow
from models.territories.models import TerritoryKind


class TopUpPermission(Base):
    """Staff allowed an officer's mandate to fund top-ups on its territory."""

    __tablename__ = "top_up_permission"

    id: Mapped[int] = mapped_column(primary_key=True)
    mandate_id: Mapped[int] = mapped_column(
        ForeignKey("local_government_mandate.id", ondelete="CASCADE"), unique=True
    )
    granted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    granted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    mandate = relationship("LocalGovernmentMandate")


class TopUpProgramme(Base):
    """An amount per person, for some categories, during some days, within a total budget."""

    __tablename__ = "top_up_programme"
    __table_args__ = (
        CheckConstraint("amount_per_person_cents > 0", name="amount_positive"),
        CheckConstraint("budget_cents >= amount_per_person_cents", name="budget_covers_one"),
        CheckConstraint("starts_on <= ends_on", name="period_in_order"),
        CheckConstraint("min_age <= max_age", name="ages_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    territory_kind: Mapped[TerritoryKind] = mapped_column(enum_type(TerritoryKind))
    territory_code: Mapped[str] = mapped_column(String(9), index=True)
    amount_per_person_cents: Mapped[int] = mapped_column(Integer)
    budget_cents: Mapped[int] = mapped_column(Integer)
    # Days in the person's own zone, both included (docs/domain/dates.md).
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    min_age: Mapped[int] = mapped_column(Integer)
    max_age: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    categories: Mapped[list[TopUpCategory]] = relationship(
        cascade="all, delete-orphan", order_by="TopUpCategory.category_id", lazy="selectin"
    )

    @property
    def category_ids(self) -> list[str]:
        return [category.category_id for category in self.categories]

    def is_open_on(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class TopUpCategory(Base):
    """A category of offers (`models.offers.catalogue.CATEGORIES`) a programme pays for."""

    __tablename__ = "top_up_category"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("top_up_programme.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[str] = mapped_column(String(40), primary_key=True)
