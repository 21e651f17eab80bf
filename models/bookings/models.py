"""Bookings: a person's claim on a stock, paid from their deposit, shown as a ticket."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow

# The contremarque alphabet: A–Z without I and O, and the digits 2–7, so that no character can
# be mistaken for another when read aloud or typed at a counter.
TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ234567"
TOKEN_LENGTH = 6


class BookingStatus(StrEnum):
    CONFIRMED = "confirmed"
    USED = "used"
    CANCELLED = "cancelled"
    REIMBURSED = "reimbursed"


class CancellationReason(StrEnum):
    BENEFICIARY = "beneficiary"
    OFFERER = "offerer"
    EXPIRED = "expired"
    FRAUD = "fraud"
    STAFF = "staff"


class Booking(Base):
    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint("quantity IN (1, 2)", name="quantity_one_or_two"),
        CheckConstraint("unit_price_cents >= 0", name="price_positive"),
        CheckConstraint(
            "(status = 'cancelled') = (cancellation_reason IS NOT NULL)",
            name="cancellation_reason_iff_cancelled",
        ),
        # One active booking per offer and person, guaranteed by the database itself.
        Index(
            "uq_booking_active_offer_per_user",
            "user_id",
            "offer_id",
            unique=True,
            sqlite_where=text("status = 'confirmed'"),
            postgresql_where=text("status = 'confirmed'"),
        ),
        # A token is unique among the bookings a counter may still be shown.
        Index(
            "uq_booking_live_token",
            "token",
            unique=True,
            sqlite_where=text("status IN ('confirmed', 'used')"),
            postgresql_where=text("status IN ('confirmed', 'used')"),
        ),
        Index("ix_booking_token", "token"),
        Index("ix_booking_user_status", "user_id", "status"),
        Index("ix_booking_booked_at", "booked_at"),
        # The pro bookings list and export: a structure's bookings by offer, newest first,
        # with the status, read from the index alone (docs/domain/5-bookings.md).
        Index("ix_booking_offer_booked", "offer_id", "booked_at", "id", "status"),
        # What a local top-up paid, in all and per person (docs/domain/8-local-top-ups.md).
        Index("ix_booking_top_up_user", "top_up_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Null once the person deleted their account: the booking stays for the pro's accounting.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    deposit_id: Mapped[int | None] = mapped_column(ForeignKey("deposit.id"), index=True)
    # The local top-up that paid `top_up_cents` of the price; the deposit paid the rest. No
    # foreign key: SQLite cannot drop a column a foreign key uses and this table is never
    # rebuilt (its triggers); a programme that paid a booking is never deleted.
    top_up_id: Mapped[int | None] = mapped_column(Integer)
    top_up_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"), index=True)
    # Copied from the stock (which never changes offer) so the uniqueness rule can be indexed.
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    price_category_label: Mapped[str | None] = mapped_column(String(50))
    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH))
    status: Mapped[BookingStatus] = mapped_column(
        enum_type(BookingStatus), default=BookingStatus.CONFIRMED
    )
    cancellation_reason: Mapped[CancellationReason | None] = mapped_column(
        enum_type(CancellationReason)
    )
    booked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    cancellation_limit_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # When the expiry reminder was sent (models/bookings/reminders.py): it is sent once.
    reminded_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    reimbursed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    user = relationship("User")
    deposit = relationship("Deposit")
    stock = relationship("Stock")
    offer = relationship("Offer")

    @property
    def amount_cents(self) -> int:
        return self.unit_price_cents * self.quantity

    @property
    def national_cents(self) -> int:
        """The part of the price paid by the national credit."""
        return self.amount_cents - (self.top_up_cents or 0)
