"""Commands on a territory's list: add the structures an officer read, invite one of them,
take one off the list.

Both write in the caller's unit of work and never commit (docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.emails.api import queue_message
from models.emails.messages import Message
from models.partnership_candidates.exceptions import (
    AlreadyOnThePass,
    InvitedRecently,
    ListTooLong,
    NoAddress,
    NotListed,
)
from models.partnership_candidates.models import ListedStructure, PartnershipInvitation
from models.partnership_candidates.reading import ListedLine
from models.partnership_candidates.repository import (
    STATUS_OF,
    PartnerStatus,
    last_invitation_of_siren,
    listed_structure,
    structure_of_siren,
    territory_list,
)
from models.territories.models import LocalGovernmentMandate, MandateStatus
from models.users.models import User

MAX_LISTED = 2000
# A structure gets one invitation at most in this time, whichever territory sends it.
INVITATION_INTERVAL = dt.timedelta(days=30)


@dataclass(frozen=True)
class Added:
    added: int
    updated: int
    unchanged: int


def add_to_list(session: Session, officer: User, mandate: LocalGovernmentMandate,
                lines: list[ListedLine], now: dt.datetime) -> Added:
    """Put `lines` on the mandate's territory list; a SIREN already there keeps its row and
    takes the name and the address a line gives."""
    _lock_territory(session, mandate)
    kind, code = mandate.territory_kind, mandate.territory_code
    rows = {listed.siren: listed
            for listed in session.scalars(territory_list(kind, code, removed=True))}
    existing = {siren: listed for siren, listed in rows.items() if listed.removed_at is None}
    new = [line for line in lines if line.siren not in existing]
    if len(existing) + len(new) > MAX_LISTED:
        raise ListTooLong()
    updated = 0
    for line in lines:
        listed = existing.get(line.siren)
        if listed is None:
            continue
        changes = {name: value for name, value in (("name", line.name), ("email", line.email))
                   if value and getattr(listed, name) != value}
        for name, value in changes.items():
            setattr(listed, name, value)
        updated += bool(changes)
    for line in new:
        # A structure taken off the list earlier comes back on its own row, with its
        # invitations: the 30 days between two of them still count.
        listed = rows.get(line.siren) or ListedStructure(
            territory_kind=kind, territory_code=code, siren=line.siren)
        listed.name, listed.email, listed.added_by_id, listed.added_at = (
            line.name, line.email, officer.id, now)
        listed.removed_at = listed.removed_by_id = None
        session.add(listed)
    session.flush()
    return Added(added=len(new), updated=updated, unchanged=len(lines) - len(new) - updated)


def remove_from_list(session: Session, officer: User, mandate: LocalGovernmentMandate,
                     siren: str, now: dt.datetime) -> ListedStructure:
    """Take `siren` off the mandate's territory list. The row stays, marked removed, without
    the name and the address the officers gave (nothing keeps them once the territory no longer
    wants them); its invitations stay, so a structure is never invited twice in 30 days by
    being removed and listed again."""
    _lock_territory(session, mandate)
    listed = listed_structure(session, mandate.territory_kind, mandate.territory_code, siren)
    if listed is None:
        raise NotListed()
    listed.removed_at, listed.removed_by_id = now, officer.id
    listed.name = listed.email = None
    session.flush()
    return listed


def _lock_territory(session: Session, mandate: LocalGovernmentMandate) -> None:
    """Two officers of one territory adding at once wait for each other (PostgreSQL; SQLite's
    unit of work holds the write lock already): the list's size and its SIRENs stay unique."""
    session.execute(
        select(LocalGovernmentMandate.id)
        .where(LocalGovernmentMandate.territory_kind == mandate.territory_kind,
               LocalGovernmentMandate.territory_code == mandate.territory_code,
               LocalGovernmentMandate.status == MandateStatus.VALIDATED)
        .order_by(LocalGovernmentMandate.id)
        .with_for_update()
    ).all()


def invite(session: Session, officer: User, mandate: LocalGovernmentMandate, siren: str, *,
           territory_name: str, signup_link: str, now: dt.datetime) -> PartnershipInvitation:
    """E-mail the listed structure `siren` an invitation to the pro sign-up, `signup_link`
    carrying its SIREN; once per `INVITATION_INTERVAL` whichever territory asks."""
    _lock_siren(session, siren)
    listed = listed_structure(session, mandate.territory_kind, mandate.territory_code, siren)
    if listed is None:
        raise NotListed()
    structure = structure_of_siren(session, siren)
    if STATUS_OF[structure.status if structure else None] is not PartnerStatus.NOT_PARTNER:
        raise AlreadyOnThePass()
    if not listed.email:
        raise NoAddress()
    last = last_invitation_of_siren(session, siren)
    if last is not None and last.sent_at > now - INVITATION_INTERVAL:
        raise InvitedRecently(last.sent_at, last.sent_at + INVITATION_INTERVAL)
    invitation = PartnershipInvitation(listed_structure_id=listed.id, email=listed.email,
                                       sent_by_id=officer.id, sent_at=now)
    session.add(invitation)
    # The structure has no account, hence no language of its own: French, as in France.
    queue_message(
        session, listed.email, None, Message.PARTNERSHIP_INVITATION,
        officer=officer.full_name or officer.email, territory=territory_name,
        structure=described(listed), link=signup_link,
    )
    session.flush()
    return invitation


def described(listed: ListedStructure) -> str:
    """"Name, SIREN 123456789", or the SIREN alone: how the message names the structure."""
    return f"{listed.name}, SIREN {listed.siren}" if listed.name else f"SIREN {listed.siren}"


def _lock_siren(session: Session, siren: str) -> None:
    """Every territory's row of `siren`, locked in id order: two invitations to one structure,
    from one territory or two, are decided one after the other (PostgreSQL)."""
    session.execute(
        select(ListedStructure.id).where(ListedStructure.siren == siren)
        .order_by(ListedStructure.id).with_for_update()
    ).all()
