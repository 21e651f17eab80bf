"""A territory's list of structures (by SIREN) and the invitations its officers sent them.

The list belongs to the territory, not to an officer: every officer of the territory reads and
extends the same one. Whether a listed structure is a partner is never stored here: it is read
from the pro side (`structure.siren`) each time, so it can never be out of date.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow
from models.territories.models import TerritoryKind


class ListedStructure(Base):
    """A SIREN on a territory's list, with the name and address its officers gave.

    A structure taken off the list keeps its row, marked removed and without the name and
    address: its invitations still count for the 30 days between two of them."""

    __tablename__ = "territory_structure"
    __table_args__ = (UniqueConstraint("territory_kind", "territory_code", "siren"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_kind: Mapped[TerritoryKind] = mapped_column(enum_type(TerritoryKind))
    territory_code: Mapped[str] = mapped_column(String(9))
    siren: Mapped[str] = mapped_column(String(9), index=True)
    name: Mapped[str | None] = mapped_column(String(140))
    email: Mapped[str | None] = mapped_column(String(254))
    added_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    removed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    removed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class PartnershipInvitation(Base):
    """An invitation to the pro sign-up, sent to a listed structure: who sent it, when, where."""

    __tablename__ = "territory_structure_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    listed_structure_id: Mapped[int] = mapped_column(
        ForeignKey("territory_structure.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    sent_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    sent_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    listed_structure: Mapped[ListedStructure] = relationship()
    sent_by = relationship("User")
