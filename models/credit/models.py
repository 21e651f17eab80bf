"""Credit programmes as dated data, and the deposits and grants people receive from them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow


class ExpiryRule(StrEnum):
    MONTHS_AFTER_GRANT = "months_after_grant"
    BIRTHDAY = "birthday"


class CreditProgramme(Base):
    """A public credit scheme: who may join, how much they get at each age, caps and expiry.

    Programmes follow each other in time (`starts_on`/`ends_on` bound when new deposits are
    opened); a person keeps the rules of the programme their deposit was opened under, except
    for the validity, which may change later (`ValidityChange`). See docs/domain/2-credit.md.
    """

    __tablename__ = "credit_programme"
    __table_args__ = (
        CheckConstraint("min_signup_age < max_signup_age", name="age_range"),
        CheckConstraint("expiry_value > 0", name="expiry_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    # Sign-up window: from the birthday of `min_signup_age` to the day before the birthday of
    # `max_signup_age`.
    min_signup_age: Mapped[int] = mapped_column(Integer)
    max_signup_age: Mapped[int] = mapped_column(Integer)
    expiry_rule: Mapped[ExpiryRule] = mapped_column(enum_type(ExpiryRule))
    # Months after the first grant, or the birthday age at which the credit ends: the rule the
    # programme started with; later rules are its `validity_changes`.
    expiry_value: Mapped[int] = mapped_column(Integer)
    digital_cap_cents: Mapped[int | None] = mapped_column(Integer)
    physical_cap_cents: Mapped[int | None] = mapped_column(Integer)

    age_grants: Mapped[list[ProgrammeAgeGrant]] = relationship(
        back_populates="programme", order_by="ProgrammeAgeGrant.age", cascade="all, delete-orphan"
    )
    validity_changes: Mapped[list[ValidityChange]] = relationship(
        order_by="ValidityChange.effective_on", cascade="all, delete-orphan"
    )

    def validity_on(self, day: dt.date) -> tuple[ExpiryRule, int]:
        """The expiry rule and value in force on `day` for this programme's deposits."""
        rule = (self.expiry_rule, self.expiry_value)
        for change in self.validity_changes:
            if change.effective_on <= day:
                rule = (change.expiry_rule, change.expiry_value)
        return rule

    def is_open_on(self, day: dt.date) -> bool:
        """Whether new deposits may be opened under this programme on `day`."""
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class ValidityChange(Base):
    """A later rule of validity for a programme's deposits, dated.

    It applies to deposits opened from `effective_on`, and to the deposits still running when
    it was recorded: the migration that adds a change recomputes their expiry (see migration
    0008 for the 2025 change, when every running credit came to end on the 21st birthday).
    """

    __tablename__ = "credit_validity_change"
    __table_args__ = (
        UniqueConstraint("programme_id", "effective_on"),
        CheckConstraint("expiry_value > 0", name="expiry_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("credit_programme.id", ondelete="CASCADE"))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    expiry_rule: Mapped[ExpiryRule] = mapped_column(enum_type(ExpiryRule))
    expiry_value: Mapped[int] = mapped_column(Integer)


class ProgrammeAgeGrant(Base):
    """The amount a programme adds on reaching an age (50 € at 17, then 150 € at 18...)."""

    __tablename__ = "programme_age_grant"
    __table_args__ = (
        UniqueConstraint("programme_id", "age"),
        CheckConstraint("amount_cents > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("credit_programme.id", ondelete="CASCADE"))
    age: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)

    programme: Mapped[CreditProgramme] = relationship(back_populates="age_grants")


class Deposit(Base):
    """A person's wallet under one programme; its balance is its grants, plus what was carried
    over from the person's previous credit, minus its bookings.

    A deposit without any grant is the 0 € credit of 15- and 16-year-olds: free offers only.
    """

    __tablename__ = "deposit"
    __table_args__ = (UniqueConstraint("user_id", "programme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("credit_programme.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # What was left of the previous credit when this one replaced it (an under-18 credit moved
    # into the 2025 credit at 17); the previous deposit ends at this deposit's `created_at`.
    carried_over_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    programme: Mapped[CreditProgramme] = relationship()
    user = relationship("User")
    grants: Mapped[list[Grant]] = relationship(
        back_populates="deposit", order_by="Grant.granted_at", cascade="all, delete-orphan"
    )

    @property
    def granted_cents(self) -> int:
        """Everything this deposit received: its grants and the carried-over remainder."""
        return sum(grant.amount_cents for grant in self.grants) + (self.carried_over_cents or 0)


class Grant(Base):
    """Money added to a deposit, at its opening or on a later birthday."""

    __tablename__ = "credit_grant"
    __table_args__ = (
        UniqueConstraint("deposit_id", "age"),
        CheckConstraint("amount_cents > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deposit_id: Mapped[int] = mapped_column(
        ForeignKey("deposit.id", ondelete="CASCADE"), index=True
    )
    age: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)
    granted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    deposit: Mapped[Deposit] = relationship(back_populates="grants")
