"""Commands on structures and their members: declaring, joining, accepting, validating.

The rules are written out in docs/domain/6-structures.md. Commands write in the caller's session
and never commit (`models.unit_of_work`); the e-mails they send are queued in the same
transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit.api import record
from models.emails.messages import Message
from models.notifications import links
from models.notifications.api import tell
from models.offerers.exceptions import (
    AlreadyAsked,
    EmailNotConfirmed,
    NotAMember,
    NotPending,
    OffererError,
    ReasonRequired,
    StructureNotValidated,
)
from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureMembership,
    StructureStatus,
    Venue,
    VenueType,
)
from models.offerers.validation import check_siren
from models.territories.models import Commune
from models.users.capacities import has_permission, is_validated_member
from models.users.models import StaffPermission, User


def declare_structure(
    session: Session,
    person: User,
    *,
    siren: str,
    name: str,
    address: str,
    commune: Commune,
    venue_name: str,
    venue_type: VenueType,
    now: dt.datetime,
) -> StructureMembership:
    """Declare a structure with its first venue, or ask to join it if its SIREN is known.

    A new structure waits for staff (pending) while its declarant is already a member and may
    prepare offers, which young people never see before the validation. A SIREN already on the
    platform makes the declaration a request to join that structure: what else was typed is
    the existing structure's business, not this person's.
    """
    siren = siren.strip().replace(" ", "")
    check_siren(siren)
    _check_confirmed(person)
    existing = _structure_by_siren(session, siren)
    if existing is not None:
        return request_to_join(session, person, existing, now=now)
    postal_code = commune.postal_codes[0].postal_code if commune.postal_codes else None
    structure = Structure(
        siren=siren, name=name.strip(), address=address.strip(), postal_code=postal_code,
        commune_code=commune.code, status=StructureStatus.PENDING, created_at=now,
    )
    structure.venues.append(Venue(
        name=venue_name.strip(), venue_type=venue_type, address=address.strip(),
        postal_code=postal_code, commune_code=commune.code, latitude=commune.latitude,
        longitude=commune.longitude, created_at=now,
    ))
    membership = StructureMembership(
        user=person, structure=structure, status=MembershipStatus.VALIDATED, created_at=now
    )
    session.add_all([structure, membership])
    session.flush()
    return membership


def request_to_join(
    session: Session, person: User, structure: Structure, *, now: dt.datetime
) -> StructureMembership:
    """Ask to join `structure`: a pending membership its members or staff will decide on."""
    _check_confirmed(person)
    already = session.scalar(select(StructureMembership).where(
        StructureMembership.user_id == person.id,
        StructureMembership.structure_id == structure.id,
    ))
    if already is not None:
        raise AlreadyAsked()
    membership = StructureMembership(
        user=person, structure=structure, status=MembershipStatus.PENDING, created_at=now
    )
    session.add(membership)
    session.flush()
    return membership


def accept_member(session: Session, deciding: User, membership: StructureMembership) -> None:
    """Accept a request to join: by a member of the structure once it is validated, or staff."""
    _check_may_decide(session, deciding, membership)
    membership.status = MembershipStatus.VALIDATED
    _tell(session, membership.user, Message.MEMBERSHIP_ACCEPTED, membership.structure)


def refuse_member(
    session: Session, deciding: User, membership: StructureMembership, reason: str
) -> None:
    """Refuse a request to join, with a reason the person is told by e-mail."""
    reason = _required(reason)
    _check_may_decide(session, deciding, membership)
    membership.status = MembershipStatus.REJECTED
    _tell(session, membership.user, Message.MEMBERSHIP_REJECTED, membership.structure,
          reason=reason)


def validate_structure(
    session: Session, structure: Structure, *, now: dt.datetime, staff: User | None = None
) -> None:
    """Staff validate a structure: its offers may now be shown; its members are told."""
    _check_waiting(structure)
    structure.status = StructureStatus.VALIDATED
    structure.validated_at = now
    structure.rejection_reason = None
    if staff is not None:
        record(session, staff.id, "structure.validated", structure)
    for member in _validated_members(structure):
        _tell(session, member, Message.STRUCTURE_VALIDATED, structure)


def reject_structure(
    session: Session, structure: Structure, reason: str, *, staff: User | None = None
) -> None:
    """Staff reject a structure with a reason its members are told by e-mail."""
    reason = _required(reason)
    _check_waiting(structure)
    structure.status = StructureStatus.REJECTED
    structure.rejection_reason = reason
    if staff is not None:
        record(session, staff.id, "structure.rejected", structure, reason=reason)
    for member in _validated_members(structure):
        _tell(session, member, Message.STRUCTURE_REJECTED, structure, reason=reason)


def put_back_to_pending(session: Session, staff: User, structure: Structure, reason: str) -> None:
    """Staff reopen a decided structure: its offers are hidden again until a new decision.

    The members are told the reason by e-mail and in the app; the audit log keeps who, when,
    why and the previous state (docs/domain/6-structures.md).
    """
    reason = _required(reason)
    if structure.status not in (StructureStatus.VALIDATED, StructureStatus.REJECTED):
        raise OffererError("Cette structure attend déjà une décision.")
    previous = structure.status
    structure.status = StructureStatus.PENDING
    structure.validated_at = None
    structure.rejection_reason = None
    record(session, staff.id, "structure.pending_again", structure, reason=reason,
           previous_status=previous.value)
    for member in _validated_members(structure):
        _tell(session, member, Message.STRUCTURE_PENDING_AGAIN, structure, reason=reason)


def _structure_by_siren(session: Session, siren: str) -> Structure | None:
    return session.scalar(select(Structure).where(Structure.siren == siren))


def _check_confirmed(person: User) -> None:
    if person.email_confirmed_at is None:
        raise EmailNotConfirmed()


def _check_waiting(structure: Structure) -> None:
    if structure.status not in (StructureStatus.NEW, StructureStatus.PENDING):
        raise NotPending()


def _check_may_decide(session: Session, deciding: User, membership: StructureMembership) -> None:
    if not may_decide(session, deciding, membership):
        raise NotAMember()
    if membership.status is not MembershipStatus.PENDING:
        raise NotPending()
    if has_permission(deciding, StaffPermission.VALIDATE_STRUCTURES):
        return
    if membership.structure.status is not StructureStatus.VALIDATED:
        raise StructureNotValidated()


def may_decide(session: Session, person: User, membership: StructureMembership) -> bool:
    """Whether `person` may see and decide on a request to join: staff, or a member."""
    return has_permission(person, StaffPermission.VALIDATE_STRUCTURES) or is_validated_member(
        session, person, membership.structure_id
    )


def _required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    return reason


def _validated_members(structure: Structure) -> list[User]:
    return [membership.user for membership in structure.memberships
            if membership.status is MembershipStatus.VALIDATED]


def _tell(session: Session, person: User, message: Message, structure: Structure, **values):
    tell(session, person, message, page=links.PRO_STRUCTURES, name=structure.name,
         siren=structure.siren, **values)
