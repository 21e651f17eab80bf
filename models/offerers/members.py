"""Commands on a structure's members: invite a colleague by e-mail, accept, revoke, remove.

The rules are written out in docs/domain/6-structures.md ("Members and invitations"). Commands
write in the caller's session and never commit (`models.unit_of_work`); the e-mails they send
are queued in the same transaction.

The link of an invitation is a signed token carrying the invitation's id
(`models.users.tokens`, valid 7 days): it proves nothing about the person who opens it, so an
invitation is only ever accepted by a signed-in account whose confirmed address is the one
invited. A forwarded or leaked link therefore lets nobody else in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models.emails.api import queue_message
from models.emails.messages import Message
from models.notifications import links
from models.notifications.api import tell
from models.offerers.exceptions import (
    AlreadyMember,
    EmailNotConfirmed,
    InvitationClosed,
    InvitationExpired,
    InvitationForAnotherAddress,
    InvitationInvalid,
    InvitationRevoked,
    InvitationsWaitForValidation,
    InvitationUsed,
    JoinRequestWaiting,
    LastMember,
    NotAMemberOfStructure,
    NotAValidatedMember,
    StructureNotValidated,
)
from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureInvitation,
    StructureMembership,
    StructureStatus,
)
from models.users.capacities import is_validated_member
from models.users.exceptions import ExpiredLink, InvalidLink
from models.users.models import User
from models.users.repository import normalise_email
from models.users.tokens import TokenPurpose, make_token, read_token

INVITATION_VALIDITY = TokenPurpose.STRUCTURE_INVITATION.validity


def invitation_token(invitation: StructureInvitation, *, secret_key: str, now: dt.datetime) -> str:
    """The signed token of the invitation's link, valid `INVITATION_VALIDITY` from `now`."""
    return make_token(secret_key, TokenPurpose.STRUCTURE_INVITATION,
                      {"invitation": invitation.id}, now)


def invite(
    session: Session,
    inviting: User,
    structure: Structure,
    email: str,
    *,
    now: dt.datetime,
    secret_key: str,
    link_for: Callable[[str], str],
) -> StructureInvitation:
    """Invite `email` to join `structure` and send the link; an open invitation is sent again.

    Only a validated member of a validated structure may invite: while staff have not looked
    at a structure, its members may not let anybody in (as for requests to join).
    """
    _lock(session, structure)
    _check_member(session, inviting, structure)
    if structure.status is not StructureStatus.VALIDATED:
        raise InvitationsWaitForValidation()
    email = normalise_email(email)
    _check_not_joined(session, structure, email)
    invitation = open_invitation(session, structure, email)
    if invitation is None:
        invitation = StructureInvitation(structure=structure, email=email)
        session.add(invitation)
    invitation.invited_by = inviting
    invitation.created_at = now
    session.flush()
    link = link_for(invitation_token(invitation, secret_key=secret_key, now=now))
    # The person invited may have no account yet: an e-mail only, in the inviter's language.
    queue_message(session, email, inviting.locale, Message.STRUCTURE_INVITATION, link=link,
                  inviter=_display_name(inviting), name=structure.name, siren=structure.siren)
    return invitation


def invitation_from_token(
    session: Session, token: str, *, now: dt.datetime, secret_key: str
) -> StructureInvitation:
    """The open invitation of a link; raise why the link is useless otherwise."""
    try:
        payload = read_token(secret_key, TokenPurpose.STRUCTURE_INVITATION, token, now)
    except ExpiredLink as error:
        raise InvitationExpired() from error
    except InvalidLink as error:
        raise InvitationInvalid() from error
    invitation_id = payload.get("invitation")
    if type(invitation_id) is not int:
        raise InvitationInvalid()
    invitation = session.get(StructureInvitation, invitation_id)
    if invitation is None:
        raise InvitationInvalid()
    if invitation.accepted_at is not None:
        raise InvitationUsed()
    if invitation.revoked_at is not None:
        raise InvitationRevoked()
    return invitation


def check_may_accept(person: User, invitation: StructureInvitation) -> None:
    """Refuse an account that is not the invited address's, confirmed, or a closed structure."""
    if person.email_confirmed_at is None:
        raise EmailNotConfirmed()
    if normalise_email(person.email) != invitation.email:
        raise InvitationForAnotherAddress()
    if invitation.structure.status is not StructureStatus.VALIDATED:
        raise StructureNotValidated()


def accept(
    session: Session, person: User, token: str, *, now: dt.datetime, secret_key: str
) -> StructureMembership:
    """Make `person` a validated member of the structure of the invitation in `token`.

    A request to join already sent (pending or refused) becomes a validated membership: a
    member invited this very address since.
    """
    invitation = invitation_from_token(session, token, now=now, secret_key=secret_key)
    _lock(session, invitation.structure)
    session.refresh(invitation)
    if not invitation.is_open:
        raise InvitationUsed() if invitation.accepted_at else InvitationRevoked()
    check_may_accept(person, invitation)
    membership = session.scalar(select(StructureMembership).where(
        StructureMembership.user_id == person.id,
        StructureMembership.structure_id == invitation.structure_id,
    ))
    if membership is None:
        membership = StructureMembership(user=person, structure=invitation.structure,
                                         created_at=now)
        session.add(membership)
    membership.status = MembershipStatus.VALIDATED
    invitation.accepted_at = now
    invitation.accepted_by = person
    session.flush()
    return membership


def revoke(
    session: Session, person: User, invitation: StructureInvitation, *, now: dt.datetime
) -> None:
    """Cancel an open invitation: its link stops working at once."""
    _check_member(session, person, invitation.structure)
    if not invitation.is_open:
        raise InvitationClosed()
    invitation.revoked_at = now


def remove_member(
    session: Session, person: User, membership: StructureMembership, *, now: dt.datetime
) -> None:
    """Remove a validated member, or let `person` leave; the last one always stays.

    The membership is deleted, so the person's next request no longer holds the structure
    (capacities are read on every request, `webapp.security`). The invitations they sent and
    that are still open are revoked with it: nobody they invited gets in after they left.
    """
    structure = membership.structure
    _lock(session, structure)
    _check_member(session, person, structure)
    if membership.status is not MembershipStatus.VALIDATED:
        raise NotAValidatedMember()
    if _validated_count(session, structure) <= 1:
        raise LastMember()
    removed = membership.user
    session.execute(
        update(StructureInvitation)
        .where(StructureInvitation.structure_id == structure.id,
               StructureInvitation.invited_by_id == removed.id,
               StructureInvitation.accepted_at.is_(None),
               StructureInvitation.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    session.delete(membership)
    session.flush()
    if removed.id != person.id:
        tell(session, removed, Message.MEMBERSHIP_ENDED, page=links.PRO_STRUCTURES,
             name=structure.name, siren=structure.siren)


def open_invitation(session: Session, structure: Structure, email: str):
    """The invitation of `email` to `structure` still waiting for an answer, if any."""
    return session.scalar(select(StructureInvitation).where(
        StructureInvitation.structure_id == structure.id,
        StructureInvitation.email == normalise_email(email),
        StructureInvitation.accepted_at.is_(None),
        StructureInvitation.revoked_at.is_(None),
    ))


def latest_invitation_for(session: Session, person: User) -> StructureInvitation | None:
    """The latest open invitation to the person's confirmed address, to lead them to it."""
    if person.email_confirmed_at is None:
        return None
    return session.scalars(
        select(StructureInvitation)
        .where(StructureInvitation.email == normalise_email(person.email),
               StructureInvitation.accepted_at.is_(None),
               StructureInvitation.revoked_at.is_(None))
        .order_by(StructureInvitation.created_at.desc(), StructureInvitation.id.desc())
    ).first()


def _lock(session: Session, structure: Structure) -> None:
    """Take the structure's row lock: membership changes of one structure then run one by one,
    so two removals at once cannot leave it without members (SQLite serialises writers)."""
    session.execute(select(Structure.id).where(Structure.id == structure.id).with_for_update())


def _check_member(session: Session, person: User, structure: Structure) -> None:
    if not is_validated_member(session, person, structure.id):
        raise NotAMemberOfStructure()


def _check_not_joined(session: Session, structure: Structure, email: str) -> None:
    status = session.scalar(
        select(StructureMembership.status)
        .join(User, User.id == StructureMembership.user_id)
        .where(StructureMembership.structure_id == structure.id,
               func.lower(User.email) == email)
    )
    if status is MembershipStatus.VALIDATED:
        raise AlreadyMember()
    if status is MembershipStatus.PENDING:
        raise JoinRequestWaiting()


def _validated_count(session: Session, structure: Structure) -> int:
    return session.scalar(select(func.count()).select_from(StructureMembership).where(
        StructureMembership.structure_id == structure.id,
        StructureMembership.status == MembershipStatus.VALIDATED,
    ))


def _display_name(person: User) -> str:
    name = " ".join(part for part in (person.first_name, person.last_name) if part)
    return name or person.email
