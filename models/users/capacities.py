"""Who may do what: the capacities a person holds together, staff permissions, `can_manage`.

The rules are written out in docs/domain/access.md. In short: a person may be a beneficiary, a
member of structures, a territory officer and staff all at once; a structure's objects are
managed by its validated members, and by staff holding the permission that fits the object.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.offerers.models import MembershipStatus, Structure, StructureMembership, Venue
from models.offers.models import Offer, Stock
from models.territories.models import LocalGovernmentMandate, MandateStatus
from models.users.models import StaffPermission, StaffPermissionGrant, User


class Capacity(StrEnum):
    """A part of the product a person may enter; declared in the order homes are chosen."""

    BENEFICIARY = "beneficiary"
    PRO = "pro"
    TERRITORY = "territory"
    STAFF = "staff"


# Which staff permission lets staff act on a structure's object in its members' stead.
STAFF_PERMISSION_FOR = {
    Structure: StaffPermission.VALIDATE_STRUCTURES,
    Venue: StaffPermission.VALIDATE_STRUCTURES,
    Offer: StaffPermission.MODERATE,
    Stock: StaffPermission.MODERATE,
    Booking: StaffPermission.SUPPORT,
}


def _held_flags(user_id):
    """Whether the account `user_id` (a value or a column) is a member, an officer, staff."""
    return (
        exists().where(
            StructureMembership.user_id == user_id,
            StructureMembership.status == MembershipStatus.VALIDATED,
        ),
        exists().where(
            LocalGovernmentMandate.user_id == user_id,
            LocalGovernmentMandate.status == MandateStatus.VALIDATED,
        ),
        exists().where(StaffPermissionGrant.user_id == user_id),
    )


def _capacities(person: User, member: bool, officer: bool, staff: bool) -> tuple[Capacity, ...]:
    if person.anonymised_at is not None:
        return ()
    held = {
        Capacity.BENEFICIARY: person.is_beneficiary,
        Capacity.PRO: member,
        Capacity.TERRITORY: officer,
        Capacity.STAFF: staff,
    }
    return tuple(capacity for capacity in Capacity if held[capacity])


# Built once with a bound parameter (sign-in's landing page, the navigation when the account
# was not read by the user loader): building the three EXISTS cost more than running them.
_HELD_BY = select(*_held_flags(bindparam("user_id")))


def capacities_of(session: Session, person: User | None) -> tuple[Capacity, ...]:
    """Every capacity `person` holds, in the order of `Capacity`; none for nobody."""
    if person is None or person.id is None:
        return ()
    return _capacities(person, *session.execute(_HELD_BY, {"user_id": person.id}).one())


def user_with_capacities(
    session: Session, user_id: int
) -> tuple[User, tuple[Capacity, ...]] | None:
    """The account and its capacities in one query: the web layer asks on every page."""
    row = session.execute(select(User, *_held_flags(User.id)).where(User.id == user_id)).first()
    if row is None:
        return None
    person, *flags = row
    return person, _capacities(person, *flags)


def permissions_of(person: User | None) -> frozenset[StaffPermission]:
    if person is None:
        return frozenset()
    return frozenset(grant.permission for grant in person.staff_permissions)


def has_permission(person: User | None, permission: StaffPermission) -> bool:
    """Whether `person` is staff holding `permission`."""
    return permission in permissions_of(person)


def structure_id_of(session: Session, obj) -> int | None:
    """The structure owning a structure, venue, offer, stock or booking, read in one query."""
    if isinstance(obj, Structure):
        return obj.id
    if isinstance(obj, Venue):
        return obj.structure_id
    if isinstance(obj, Offer):
        query = select(Venue.structure_id).where(Venue.id == obj.venue_id)
    elif isinstance(obj, Stock | Booking):
        query = (select(Venue.structure_id).join(Offer, Offer.venue_id == Venue.id)
                 .where(Offer.id == obj.offer_id))
    else:
        raise TypeError(f"can_manage knows nothing of {type(obj).__name__}")
    return session.scalar(query)


def is_validated_member(session: Session, person: User, structure_id: int) -> bool:
    return bool(session.scalar(select(exists().where(
        StructureMembership.user_id == person.id,
        StructureMembership.structure_id == structure_id,
        StructureMembership.status == MembershipStatus.VALIDATED,
    ))))


def can_manage(session: Session, person: User | None, obj) -> bool:
    """Whether `person` may act on `obj` (structure, venue, offer, stock or booking) as a pro.

    A validated member of the owning structure may; so may staff holding the permission that
    fits the object (`STAFF_PERMISSION_FOR`). Anybody else may not, and a view must then answer
    as if the object did not exist.
    """
    if person is None or person.id is None or person.anonymised_at is not None:
        return False
    if type(obj) not in STAFF_PERMISSION_FOR:
        raise TypeError(f"can_manage knows nothing of {type(obj).__name__}")
    if has_permission(person, STAFF_PERMISSION_FOR[type(obj)]):
        return True
    structure_id = structure_id_of(session, obj)
    return structure_id is not None and is_validated_member(session, person, structure_id)


def managed_structure_ids(session: Session, person: User) -> list[int]:
    """The structures `person` is a validated member of, for pro pages listing their objects."""
    return list(session.scalars(
        select(StructureMembership.structure_id).where(
            StructureMembership.user_id == person.id,
            StructureMembership.status == MembershipStatus.VALIDATED,
        ).order_by(StructureMembership.structure_id)
    ))
