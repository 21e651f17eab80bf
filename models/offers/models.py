"""Offers, their price categories and stocks, activation codes and images."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow
from models.offers.catalogue import SUBCATEGORIES, Subcategory

MAX_STOCK_PRICE_CENTS = 30000


class Validation(StrEnum):
    """Where an offer stands in moderation; sold out and expired are read from its stocks."""

    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class WithdrawalType(StrEnum):
    ON_SITE = "on_site"
    BY_EMAIL = "by_email"
    NO_TICKET = "no_ticket"


class Image(Base):
    """An image stored in the database so that every app server can serve it."""

    __tablename__ = "image"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))
    alt_text: Mapped[str | None] = mapped_column(String(250))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    variants: Mapped[list[ImageVariant]] = relationship(
        foreign_keys="ImageVariant.image_id", cascade="all, delete-orphan",
        order_by="ImageVariant.name",
    )

    def variant(self, name: str) -> Image:
        """The rendition called `name` ("card"), or this image when it has none."""
        for variant in self.variants:
            if variant.name == name:
                return variant.variant_image
        return self


class ImageVariant(Base):
    """A smaller rendition of an uploaded image, itself an image served like any other.

    An offer references the page-sized image; the card's rendition hangs from it
    (`models.offers.images`, docs/domain/4-offers.md "Images").
    """

    __tablename__ = "image_variant"

    image_id: Mapped[int] = mapped_column(ForeignKey("image.id", ondelete="CASCADE"),
                                          primary_key=True)
    name: Mapped[str] = mapped_column(String(10), primary_key=True)
    variant_image_id: Mapped[int] = mapped_column(ForeignKey("image.id", ondelete="CASCADE"))

    variant_image: Mapped[Image] = relationship(foreign_keys=[variant_image_id])


class Offer(Base):
    __tablename__ = "offer"
    __table_args__ = (
        Index("ix_offer_shown", "validation", "is_active", "subcategory_id"),
        # "Has this venue a shown offer?" answered from the index alone, and the venue's
        # `bookable_until` recounted by one probe (see `models.offers.bookability`).
        Index("ix_offer_venue_bookable", "venue_id", "validation", "is_active", "bookable_until",
              "id"),
        CheckConstraint(
            "withdrawal_delay_seconds IS NULL OR withdrawal_delay_seconds >= 0",
            name="withdrawal_delay_positive",
        ),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0",
                        name="duration_positive"),
        # A venue sells a book or a record once: a catalogue re-upload updates it in place.
        Index("uq_offer_venue_ean", "venue_id", "ean", unique=True,
              sqlite_where=text("ean IS NOT NULL"), postgresql_where=text("ean IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    subcategory_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(140))
    description: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(140))
    performer: Mapped[str | None] = mapped_column(String(140))
    # The 13 digits of a book's or a record's EAN (checksum checked by `models.offers.validation`).
    ean: Mapped[str | None] = mapped_column(String(13))
    url: Mapped[str | None] = mapped_column(String(500))
    # The fields a subcategory asks (`models.offers.fields`): genres and a film's duration.
    show_type: Mapped[str | None] = mapped_column(String(40))
    show_subtype: Mapped[str | None] = mapped_column(String(40))
    music_type: Mapped[str | None] = mapped_column(String(40))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    # A digital offer handing one activation code per booking rather than a URL.
    uses_activation_codes: Mapped[bool] = mapped_column(Boolean, default=False,
                                                        server_default=false())
    # The last step of the creation flow a draft went through (`models.offers.api`).
    draft_step: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_duo: Mapped[bool] = mapped_column(Boolean, default=False)
    accessibility_hearing: Mapped[bool] = mapped_column(Boolean)
    accessibility_mental: Mapped[bool] = mapped_column(Boolean)
    accessibility_motor: Mapped[bool] = mapped_column(Boolean)
    accessibility_visual: Mapped[bool] = mapped_column(Boolean)
    withdrawal_type: Mapped[WithdrawalType | None] = mapped_column(enum_type(WithdrawalType))
    withdrawal_delay_seconds: Mapped[int | None] = mapped_column(Integer)
    withdrawal_details: Mapped[str | None] = mapped_column(Text)
    booking_email: Mapped[str | None] = mapped_column(String(254))
    validation: Mapped[Validation] = mapped_column(enum_type(Validation), default=Validation.DRAFT)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    image_id: Mapped[int | None] = mapped_column(ForeignKey("image.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    # Kept by the database from the stocks, never written here (`models.offers.bookability`).
    bookable_until: Mapped[dt.datetime | None] = mapped_column(
        UtcDateTime, server_default=FetchedValue(), server_onupdate=FetchedValue()
    )

    venue = relationship("Venue")
    image: Mapped[Image | None] = relationship()
    stocks: Mapped[list[Stock]] = relationship(
        back_populates="offer", order_by="Stock.beginning_at", cascade="all, delete-orphan"
    )
    price_categories: Mapped[list[PriceCategory]] = relationship(
        back_populates="offer", cascade="all, delete-orphan"
    )

    @property
    def subcategory(self) -> Subcategory:
        return SUBCATEGORIES[self.subcategory_id]


class PriceCategory(Base):
    """A named price level of an event ("Catégorie 1", "Tarif réduit")."""

    __tablename__ = "price_category"
    __table_args__ = (
        UniqueConstraint("offer_id", "label"),
        CheckConstraint(
            f"price_cents >= 0 AND price_cents <= {MAX_STOCK_PRICE_CENTS}", name="price_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(50))
    price_cents: Mapped[int] = mapped_column(Integer)

    offer: Mapped[Offer] = relationship(back_populates="price_categories")


class Stock(Base):
    """What can be booked: a price, a quantity or unlimited, and for events a date.

    `booked_quantity` counts the places held by live bookings. It is kept on the row so that a
    booking can reserve places with one conditional UPDATE, and the CHECK constraint makes
    overbooking impossible whatever the concurrency.
    """

    __tablename__ = "stock"
    __table_args__ = (
        CheckConstraint(
            f"price_cents >= 0 AND price_cents <= {MAX_STOCK_PRICE_CENTS}", name="price_range"
        ),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity_positive"),
        CheckConstraint(
            "booked_quantity >= 0 AND (quantity IS NULL OR booked_quantity <= quantity)",
            name="not_overbooked",
        ),
        CheckConstraint(
            "booking_limit_at IS NULL OR beginning_at IS NULL OR booking_limit_at <= beginning_at",
            name="booking_limit_before_start",
        ),
        Index("ix_stock_beginning_at", "beginning_at"),
        # "Has this offer a bookable stock?" answered from the index alone.
        Index("ix_stock_bookable", "offer_id", "is_deleted", "beginning_at", "booking_limit_at",
              "quantity", "booked_quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    price_category_id: Mapped[int | None] = mapped_column(
        ForeignKey("price_category.id", ondelete="SET NULL")
    )
    price_cents: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int | None] = mapped_column(Integer)
    booked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    beginning_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    booking_limit_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    offer: Mapped[Offer] = relationship(back_populates="stocks")
    price_category: Mapped[PriceCategory | None] = relationship()

    @property
    def remaining_quantity(self) -> int | None:
        return None if self.quantity is None else self.quantity - self.booked_quantity


class ActivationCode(Base):
    """One code of a digital offer's list, handed to exactly one booking."""

    __tablename__ = "activation_code"
    __table_args__ = (UniqueConstraint("stock_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(100))
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"), unique=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class OfferChange(Base):
    """One field of a published offer changed by a member: who, when, from what to what."""

    __tablename__ = "offer_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)

    user = relationship("User")

    @property
    def is_staff_decision(self) -> bool:
        """A moderation decision (approved, rejected, and its reason): its author is shown to
        the structure as the pass Culture team, not by name (docs/domain/moderation.md)."""
        return self.field == "rejection_reason" or (
            self.field == "validation" and self.new in ("approved", "rejected"))


class OfferPageVersion(Base):
    """The version of what an offer's page shows, kept by triggers (migration 0026): a new
    random value at every write of the offer, its stocks, price categories, reviews or image.
    Read only, by the page cache (docs/domain/caching.md)."""

    __tablename__ = "offer_page_version"

    offer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)


class VenuePageVersion(Base):
    """The same for what the offer page shows of a venue (and of its commune's name)."""

    __tablename__ = "venue_page_version"

    venue_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)
