"""French territories: régions, départements, EPCI and communes with their official codes."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow


class TerritoryKind(StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    DEPARTEMENT = "departement"
    REGION = "region"


class Region(Base):
    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class Departement(Base):
    __tablename__ = "departement"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    # Overseas départements live in their own zone; dates shown to people there use it.
    timezone: Mapped[str] = mapped_column(String(40), default="Europe/Paris")
    boundary_wkb: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    region: Mapped[Region] = relationship()


class Epci(Base):
    """An intercommunality, identified by its SIREN."""

    __tablename__ = "epci"

    siren: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(10))


class Commune(Base):
    __tablename__ = "commune"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    # Lower-case name without accents or punctuation, for autocomplete by prefix.
    search_name: Mapped[str] = mapped_column(String(80), index=True)
    population: Mapped[int | None] = mapped_column(Integer)
    epci_siren: Mapped[str | None] = mapped_column(ForeignKey("epci.siren"), index=True)
    departement_code: Mapped[str] = mapped_column(ForeignKey("departement.code"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    boundary_wkb: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    departement: Mapped[Departement] = relationship()
    epci: Mapped[Epci | None] = relationship()
    postal_codes: Mapped[list[CommunePostalCode]] = relationship(
        back_populates="commune", order_by="CommunePostalCode.postal_code"
    )


class CommunePostalCode(Base):
    """A postal code serves several communes and a commune may have several postal codes."""

    __tablename__ = "commune_postal_code"

    postal_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    commune_code: Mapped[str] = mapped_column(
        ForeignKey("commune.code", ondelete="CASCADE"), primary_key=True, index=True
    )

    commune: Mapped[Commune] = relationship(back_populates="postal_codes")


class GeographyDataset(Base):
    """Which vintage of the official code list is loaded (communes merge every 1 January)."""

    __tablename__ = "geography_dataset"

    vintage: Mapped[str] = mapped_column(String(10), primary_key=True)
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    commune_count: Mapped[int] = mapped_column(Integer)


class MandateStatus(StrEnum):
    PENDING = "pending"
    VALIDATED = "validated"
    REJECTED = "rejected"


class LocalGovernmentMandate(Base):
    """Binds a local-government officer's account to the one territory they may read."""

    __tablename__ = "local_government_mandate"
    __table_args__ = (UniqueConstraint("user_id", "territory_kind", "territory_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    territory_kind: Mapped[TerritoryKind] = mapped_column(enum_type(TerritoryKind))
    territory_code: Mapped[str] = mapped_column(String(9))
    status: Mapped[MandateStatus] = mapped_column(
        enum_type(MandateStatus), default=MandateStatus.PENDING
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    validated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
