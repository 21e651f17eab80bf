"""Money: bank details per pricing point, reimbursement statements and their lines.

The rules are in docs/domain/6-reimbursement.md. Nothing here is ever updated once written:
a new IBAN replaces the current one (the old row is only marked replaced), and an issued
statement is corrected by a line of a later statement.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow
from models.finance.periods import Period


class BankAccount(Base):
    """The account a pricing point is paid on; its history is kept, the current one has no
    `replaced_at`."""

    __tablename__ = "bank_account"
    __table_args__ = (
        Index(
            "uq_bank_account_current",
            "pricing_point_id",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pricing_point_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    holder: Mapped[str] = mapped_column(String(140))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    replaced_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    @property
    def masked_iban(self) -> str:
        """The country, check digits and last four characters: enough to recognise it."""
        return f"{self.iban[:4]} •••• {self.iban[-4:]}"


class LineKind(StrEnum):
    PAYMENT = "payment"
    CORRECTION = "correction"


class Statement(Base):
    """What a pricing point is paid for one period; written once, never changed."""

    __tablename__ = "reimbursement_statement"
    __table_args__ = (UniqueConstraint("pricing_point_id", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pricing_point_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # The account current when the statement was issued, if the pricing point had given one.
    bank_account_id: Mapped[int | None] = mapped_column(ForeignKey("bank_account.id"))
    booked_cents: Mapped[int] = mapped_column(Integer)
    reimbursed_cents: Mapped[int] = mapped_column(Integer)

    pricing_point = relationship("Venue")
    bank_account: Mapped[BankAccount | None] = relationship()

    @property
    def period(self) -> Period:
        return Period.containing(self.period_start)

    @property
    def reference(self) -> str:
        return f"R{self.period}-{self.pricing_point_id}"


class StatementLine(Base):
    """One booking paid (a payment), or taken back (a correction, with negative amounts)."""

    __tablename__ = "reimbursement_line"
    __table_args__ = (UniqueConstraint("booking_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("reimbursement_statement.id"), index=True
    )
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id"))
    kind: Mapped[LineKind] = mapped_column(enum_type(LineKind))
    # The Paris day the booking was used: it decides the schedule of rates and the year whose
    # revenue counts. A correction keeps the day of the payment it takes back.
    used_on: Mapped[dt.date] = mapped_column(Date)
    booked_cents: Mapped[int] = mapped_column(Integer)
    # 9500 is 95 %: an integer, so that both engines store it exactly.
    rate_basis_points: Mapped[int] = mapped_column(Integer)
    reimbursed_cents: Mapped[int] = mapped_column(Integer)
    # The pricing point's revenue of the year once this line is counted, which chose the rate.
    year_revenue_cents: Mapped[int] = mapped_column(BigInteger)

    statement: Mapped[Statement] = relationship()
    booking = relationship("Booking")
