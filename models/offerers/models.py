"""Cultural actors: structures (legal entities, SIREN), their members and their venues."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Computed,
    FetchedValue,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow
from models.map.grid import GridCellExpression


class StructureStatus(StrEnum):
    NEW = "new"
    PENDING = "pending"
    VALIDATED = "validated"
    REJECTED = "rejected"


class MembershipStatus(StrEnum):
    PENDING = "pending"
    VALIDATED = "validated"
    REJECTED = "rejected"


class VenueType(StrEnum):
    LIBRARY = "library"
    BOOKSTORE = "bookstore"
    CINEMA = "cinema"
    CONCERT_HALL = "concert_hall"
    PERFORMING_ARTS = "performing_arts"
    MUSEUM = "museum"
    HERITAGE = "heritage"
    ARTS_SCHOOL = "arts_school"
    FESTIVAL = "festival"
    MUSIC_STORE = "music_store"
    RECORD_STORE = "record_store"
    ART_SUPPLIES = "art_supplies"
    GAMES = "games"
    SCIENCE_CENTRE = "science_centre"
    CULTURAL_CENTRE = "cultural_centre"
    DIGITAL = "digital"
    OTHER = "other"


class Structure(Base):
    """A legal entity identified by its SIREN; its offers are shown only once validated."""

    __tablename__ = "structure"

    id: Mapped[int] = mapped_column(primary_key=True)
    siren: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(140))
    address: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("commune.code"))
    status: Mapped[StructureStatus] = mapped_column(
        enum_type(StructureStatus), default=StructureStatus.NEW, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    validated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    rejection_reason: Mapped[str | None] = mapped_column(Text)

    venues: Mapped[list[Venue]] = relationship(back_populates="structure", order_by="Venue.name")
    memberships: Mapped[list[StructureMembership]] = relationship(back_populates="structure")


class StructureMembership(Base):
    """A pro account's link to a structure; a second sign-up on a SIREN asks to join it."""

    __tablename__ = "structure_membership"
    __table_args__ = (UniqueConstraint("user_id", "structure_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    structure_id: Mapped[int] = mapped_column(
        ForeignKey("structure.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[MembershipStatus] = mapped_column(
        enum_type(MembershipStatus), default=MembershipStatus.PENDING
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    structure: Mapped[Structure] = relationship(back_populates="memberships")
    user = relationship("User")


class Venue(Base):
    """A place where offers happen, or a virtual venue holding a structure's digital offers."""

    __tablename__ = "venue"
    __table_args__ = (
        Index("ix_venue_lat_lon", "latitude", "longitude"),
        Index("ix_venue_grid_cell", "grid_cell"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    structure_id: Mapped[int] = mapped_column(ForeignKey("structure.id"), index=True)
    siret: Mapped[str | None] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(140))
    public_name: Mapped[str | None] = mapped_column(String(140))
    venue_type: Mapped[VenueType] = mapped_column(enum_type(VenueType))
    is_virtual: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("commune.code"), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Computed by the database from the coordinates, for the map's index (`models.map.grid`).
    # Stored on PostgreSQL; virtual on SQLite, which cannot add a stored column to a table.
    grid_cell: Mapped[int | None] = mapped_column(
        Integer, Computed(GridCellExpression(), persisted=True)
    )
    # Kept by the database from the offers, never written here (`models.offers.bookability`).
    bookable_until: Mapped[dt.datetime | None] = mapped_column(
        UtcDateTime, server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    # Accessibility is unknown (None) until the venue declares it.
    accessibility_hearing: Mapped[bool | None] = mapped_column(Boolean)
    accessibility_mental: Mapped[bool | None] = mapped_column(Boolean)
    accessibility_motor: Mapped[bool | None] = mapped_column(Boolean)
    accessibility_visual: Mapped[bool | None] = mapped_column(Boolean)
    description: Mapped[str | None] = mapped_column(Text)
    opening_hours: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    website: Mapped[str | None] = mapped_column(String(300))
    withdrawal_details: Mapped[str | None] = mapped_column(Text)
    # Reimbursement is computed per pricing point: a venue with a SIRET, this one or another.
    pricing_point_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    structure: Mapped[Structure] = relationship(back_populates="venues")
    commune = relationship("Commune")
    pricing_point: Mapped[Venue | None] = relationship(remote_side=[id])

    @property
    def display_name(self) -> str:
        return self.public_name or self.name


# An invitation is open until it is accepted or revoked; the partial unique index below keeps
# at most one open invitation per structure and address.
_OPEN_INVITATION = "accepted_at IS NULL AND revoked_at IS NULL"


class StructureInvitation(Base):
    """A member's invitation, sent by e-mail, to join their structure (docs/domain/6-structures.md).

    The link sent carries the invitation's id, signed (`models.offerers.members`): it works
    while the invitation is open, and never again once it is accepted or revoked.
    """

    __tablename__ = "structure_invitation"
    __table_args__ = (
        Index("uq_structure_invitation_open", "structure_id", "email", unique=True,
              sqlite_where=text(_OPEN_INVITATION), postgresql_where=text(_OPEN_INVITATION)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    structure_id: Mapped[int] = mapped_column(
        ForeignKey("structure.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    structure: Mapped[Structure] = relationship()
    invited_by = relationship("User", foreign_keys=[invited_by_id])
    accepted_by = relationship("User", foreign_keys=[accepted_by_id])

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
