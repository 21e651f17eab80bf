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
    opened); a person keeps the rules of the programme their deposit was opened under.
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
    # Months after the first grant, or the birthday age at which the credit ends.
    expiry_value: Mapped[int] = mapped_column(Integer)
    digital_cap_cents: Mapped[int | None] = mapped_column(Integer)
    physical_cap_cents: Mapped[int | None] = mapped_column(Integer)

    age_grants: Mapped[list[ProgrammeAgeGrant]] = relationship(
        back_populates="programme", order_by="ProgrammeAgeGrant.age", cascade="all, delete-orphan"
    )


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
    """A person's wallet under one programme; its balance is its grants minus its bookings."""

    __tablename__ = "deposit"
    __table_args__ = (UniqueConstraint("user_id", "programme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("credit_programme.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    programme: Mapped[CreditProgramme] = relationship()
    user = relationship("User")
    grants: Mapped[list[Grant]] = relationship(
        back_populates="deposit", order_by="Grant.granted_at", cascade="all, delete-orphan"
    )


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
