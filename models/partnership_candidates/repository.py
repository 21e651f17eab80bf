"""The territory's list as its officers read it: each SIREN with where it stands on the pro side,
its number of bookable offers when it is a partner, and the territory's last invitation.

Everything shown is public-level: the name a structure gave the pro side, its SIREN, whether it
is a partner, and how many offers anyone can book from it. No money figure, nobody's booking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from models.offerers.models import Structure, StructureStatus
from models.offers.models import Offer
from models.offers.repository import bookable_offers_query
from models.partnership_candidates.models import ListedStructure, PartnershipInvitation
from models.territories.models import TerritoryKind


class PartnerStatus(StrEnum):
    """Where a listed SIREN stands, in the order the list shows them by default."""

    PARTNER = "partenaire"
    PENDING = "en_attente"
    NOT_PARTNER = "non_partenaire"


# A rejected structure is not a partner; why it was rejected is between it and staff.
STATUS_OF = {
    StructureStatus.VALIDATED: PartnerStatus.PARTNER,
    StructureStatus.PENDING: PartnerStatus.PENDING,
    StructureStatus.NEW: PartnerStatus.PENDING,
    StructureStatus.REJECTED: PartnerStatus.NOT_PARTNER,
    None: PartnerStatus.NOT_PARTNER,
}


@dataclass(frozen=True)
class ListedRow:
    listed: ListedStructure
    status: PartnerStatus
    # The name the structure gave the pro side when it is on it, else the officer's.
    name: str | None
    bookable_offers: int | None
    last_invitation: PartnershipInvitation | None

    @property
    def siren(self) -> str:
        return self.listed.siren

    @property
    def may_be_invited(self) -> bool:
        return self.status is PartnerStatus.NOT_PARTNER


def territory_list(kind: TerritoryKind, code: str, *, removed: bool = False):
    """A subquery-ready selection of the territory's listed rows; with `removed`, the rows
    taken off the list too (they keep their invitations' history)."""
    query = select(ListedStructure).where(ListedStructure.territory_kind == kind,
                                          ListedStructure.territory_code == code)
    return query if removed else query.where(ListedStructure.removed_at.is_(None))


def listed_structures(session: Session, kind: TerritoryKind, code: str,
                      now: dt.datetime) -> list[ListedRow]:
    """The territory's list in the order it was made, with statuses: three statements."""
    found = session.execute(
        territory_list(kind, code)
        .add_columns(Structure.status, Structure.name)
        .outerjoin(Structure, Structure.siren == ListedStructure.siren)
        .order_by(ListedStructure.id)
    ).all()
    offers = bookable_offer_counts(session, kind, code, now)
    invitations = _last_invitations(session, kind, code)
    rows = []
    for listed, structure_status, structure_name in found:
        status = STATUS_OF[structure_status]
        rows.append(ListedRow(
            listed=listed, status=status,
            name=structure_name if structure_status is not None else listed.name,
            bookable_offers=offers.get(listed.siren, 0) if status is PartnerStatus.PARTNER
            else None,
            last_invitation=invitations.get(listed.id),
        ))
    return rows


def bookable_offer_counts(session: Session, kind: TerritoryKind, code: str,
                          now: dt.datetime) -> dict[str, int]:
    """The offers young people can book now, per listed SIREN that has any."""
    sirens = territory_list(kind, code).with_only_columns(ListedStructure.siren)
    return dict(session.execute(
        bookable_offers_query(now)
        .with_only_columns(Structure.siren, func.count(Offer.id))
        .where(Structure.siren.in_(sirens.scalar_subquery()))
        .group_by(Structure.siren)
    ).all())


def _last_invitations(session: Session, kind: TerritoryKind,
                      code: str) -> dict[int, PartnershipInvitation]:
    ids = territory_list(kind, code).with_only_columns(ListedStructure.id)
    invitations = session.scalars(
        select(PartnershipInvitation)
        .where(PartnershipInvitation.listed_structure_id.in_(ids.scalar_subquery()))
        .options(joinedload(PartnershipInvitation.sent_by))
        .order_by(PartnershipInvitation.sent_at, PartnershipInvitation.id)
    ).all()
    return {invitation.listed_structure_id: invitation for invitation in invitations}


def listed_structure(session: Session, kind: TerritoryKind, code: str,
                     siren: str) -> ListedStructure | None:
    return session.scalars(
        territory_list(kind, code).where(ListedStructure.siren == siren)).first()


def last_invitation_of_siren(session: Session, siren: str) -> PartnershipInvitation | None:
    """The latest invitation any territory sent to `siren`."""
    return session.scalars(
        select(PartnershipInvitation)
        .join(ListedStructure, ListedStructure.id == PartnershipInvitation.listed_structure_id)
        .where(ListedStructure.siren == siren)
        .order_by(PartnershipInvitation.sent_at.desc(), PartnershipInvitation.id.desc())
        .limit(1)
    ).first()


def structure_of_siren(session: Session, siren: str) -> Structure | None:
    return session.scalars(select(Structure).where(Structure.siren == siren)).first()


def invited_siren_for(session: Session, email: str) -> str | None:
    """The SIREN a territory last invited `email` to sign up with, to fill the declaration."""
    return session.scalar(
        select(ListedStructure.siren)
        .join(PartnershipInvitation,
              PartnershipInvitation.listed_structure_id == ListedStructure.id)
        .where(PartnershipInvitation.email == email.strip().lower())
        .order_by(PartnershipInvitation.sent_at.desc())
        .limit(1)
    )
