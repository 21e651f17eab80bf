"""Queries on structures and venues."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureInvitation,
    StructureMembership,
    StructureStatus,
    Venue,
    VenueType,
)
from models.offers.models import Offer


def structures_of_member(session: Session, user_id: int) -> list[Structure]:
    """The structures this pro account belongs to, with their venues loaded."""
    return list(
        session.scalars(
            select(Structure)
            .join(StructureMembership)
            .where(
                StructureMembership.user_id == user_id,
                StructureMembership.status == MembershipStatus.VALIDATED,
            )
            .options(selectinload(Structure.venues))
            .order_by(Structure.name)
        )
    )


def offer_counts_by_venue(session: Session, venue_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(Offer.venue_id, func.count(Offer.id))
        .where(Offer.venue_id.in_(venue_ids))
        .group_by(Offer.venue_id)
    )
    return dict(rows.all())


def count_structures_by_status(session: Session) -> dict[StructureStatus, int]:
    rows = session.execute(select(Structure.status, func.count()).group_by(Structure.status))
    return dict(rows.all())


def count_partner_venues_by_type(
    session: Session, commune_codes_query
) -> dict[VenueType, int]:
    """Physical venues of validated structures located in the given communes, by type."""
    rows = session.execute(
        select(Venue.venue_type, func.count(Venue.id))
        .join(Structure)
        .where(
            Structure.status == StructureStatus.VALIDATED,
            Venue.is_virtual.is_(False),
            Venue.commune_code.in_(commune_codes_query),
        )
        .group_by(Venue.venue_type)
        .order_by(func.count(Venue.id).desc())
    )
    return dict(rows.all())


def memberships_of(session: Session, user_id: int) -> list[StructureMembership]:
    """Every membership of an account, requests included, with its structure."""
    return list(session.scalars(
        select(StructureMembership)
        .where(StructureMembership.user_id == user_id)
        .options(selectinload(StructureMembership.structure))
        .order_by(StructureMembership.created_at, StructureMembership.id)
    ))


def join_requests_for_member(session: Session, user_id: int) -> list[StructureMembership]:
    """Pending requests to join the structures this account is a validated member of."""
    mine = select(StructureMembership.structure_id).where(
        StructureMembership.user_id == user_id,
        StructureMembership.status == MembershipStatus.VALIDATED,
    )
    return _join_requests(session, StructureMembership.structure_id.in_(mine))


def pending_join_requests(session: Session) -> list[StructureMembership]:
    """Every pending request to join, for staff, oldest first."""
    return _join_requests(session)


def _join_requests(session: Session, *conditions) -> list[StructureMembership]:
    return list(session.scalars(
        select(StructureMembership)
        .where(StructureMembership.status == MembershipStatus.PENDING, *conditions)
        .options(selectinload(StructureMembership.structure),
                 selectinload(StructureMembership.user))
        .order_by(StructureMembership.created_at, StructureMembership.id)
    ))


def structures_waiting(session: Session) -> list[Structure]:
    """Structures staff have not decided on yet, oldest first, with venues and members."""
    return list(session.scalars(
        select(Structure)
        .where(Structure.status.in_([StructureStatus.NEW, StructureStatus.PENDING]))
        .options(selectinload(Structure.venues),
                 selectinload(Structure.memberships).selectinload(StructureMembership.user))
        .order_by(Structure.created_at, Structure.id)
    ))


def members_of_structure(session: Session, structure_id: int) -> list[StructureMembership]:
    """The validated members and the pending requests of a structure, oldest first."""
    return list(session.scalars(
        select(StructureMembership)
        .where(StructureMembership.structure_id == structure_id,
               StructureMembership.status.in_([MembershipStatus.VALIDATED,
                                               MembershipStatus.PENDING]))
        .options(selectinload(StructureMembership.user))
        .order_by(StructureMembership.created_at, StructureMembership.id)
    ))


def open_invitations_of(session: Session, structure_id: int) -> list[StructureInvitation]:
    """The invitations of a structure nobody has accepted or revoked yet, newest first."""
    return list(session.scalars(
        select(StructureInvitation)
        .where(StructureInvitation.structure_id == structure_id,
               StructureInvitation.accepted_at.is_(None),
               StructureInvitation.revoked_at.is_(None))
        .options(selectinload(StructureInvitation.invited_by))
        .order_by(StructureInvitation.created_at.desc(), StructureInvitation.id.desc())
    ))


def first_offers_of_structure(session: Session, structure_id: int, limit: int = 10) -> list[Offer]:
    """The structure's first offers, oldest first: what staff look at before deciding."""
    return list(session.scalars(
        select(Offer).join(Venue, Venue.id == Offer.venue_id)
        .where(Venue.structure_id == structure_id)
        .order_by(Offer.created_at, Offer.id).limit(limit)
    ))


def decided_structures(session: Session, limit: int = 30) -> list[Structure]:
    """The structures validated or rejected, the latest declared first: staff may reopen them."""
    return list(session.scalars(
        select(Structure)
        .where(Structure.status.in_((StructureStatus.VALIDATED, StructureStatus.REJECTED)))
        .order_by(Structure.created_at.desc(), Structure.id.desc()).limit(limit)
    ))
