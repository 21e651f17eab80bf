"""Who may do what, asked of the domain directly (docs/domain/access.md)."""

from __future__ import annotations

import pytest

from models.bookings.api import book
from models.db import utcnow
from models.offerers.models import MembershipStatus, StructureMembership
from models.territories.models import LocalGovernmentMandate, MandateStatus
from models.users.capacities import Capacity, can_manage, capacities_of, has_permission
from models.users.models import StaffPermission, User
from tests import factories

KINDS = ("structure", "venue", "offer", "stock", "booking")


@pytest.fixture
def theatre(db_session):
    """A structure with a venue, an offer, a stock and a booking, each reachable by its kind."""
    structure = factories.structure(db_session)
    venue = factories.venue(db_session, structure=structure)
    offer = factories.offer(db_session, venue=venue)
    stock = factories.stock(db_session, offer=offer, price_cents=0, quantity=5)
    booker = factories.young(db_session)
    factories.deposit(db_session, booker)
    booking = book(db_session, booker.id, stock.id, 1, utcnow())
    return {"structure": structure, "venue": venue, "offer": offer, "stock": stock,
            "booking": booking}


def test_a_young_person_is_a_beneficiary_only(db_session):
    assert capacities_of(db_session, factories.young(db_session)) == (Capacity.BENEFICIARY,)


def test_a_pro_is_a_member_only(db_session):
    assert capacities_of(db_session, factories.pro(db_session)) == (Capacity.PRO,)


def test_an_officer_holds_the_territory_capacity(db_session):
    officer = factories.territory_officer(db_session)
    assert capacities_of(db_session, officer) == (Capacity.TERRITORY,)


def test_staff_hold_the_staff_capacity(db_session):
    assert capacities_of(db_session, factories.staff(db_session)) == (Capacity.STAFF,)


def test_a_young_person_working_at_a_theatre_holds_both(db_session):
    person = factories.young_pro(db_session)
    assert capacities_of(db_session, person) == (Capacity.BENEFICIARY, Capacity.PRO)


def test_a_pending_membership_gives_no_capacity(db_session):
    person = factories.pro(db_session)
    membership = db_session.query(StructureMembership).filter_by(user_id=person.id).one()
    membership.status = MembershipStatus.PENDING
    assert capacities_of(db_session, person) == ()


def test_a_pending_mandate_gives_no_capacity(db_session):
    officer = factories.territory_officer(db_session)
    db_session.query(LocalGovernmentMandate).filter_by(user_id=officer.id).update(
        {"status": MandateStatus.PENDING})
    assert capacities_of(db_session, officer) == ()


def test_nobody_holds_nothing(db_session):
    assert capacities_of(db_session, None) == ()


def test_staff_hold_only_the_permissions_granted(db_session):
    moderator = factories.staff(db_session, permissions=[StaffPermission.MODERATE])
    assert has_permission(moderator, StaffPermission.MODERATE)
    assert not has_permission(moderator, StaffPermission.REVIEW_IDENTITIES)


def test_people_who_are_not_staff_hold_no_permission(db_session):
    person = factories.young_pro(db_session)
    assert not any(has_permission(person, permission) for permission in StaffPermission)


@pytest.mark.parametrize("kind", KINDS)
def test_a_member_manages_the_structures_objects(db_session, theatre, kind):
    member = factories.pro(db_session, structure=theatre["structure"])
    assert can_manage(db_session, member, theatre[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_a_member_of_another_structure_manages_none_of_them(db_session, theatre, kind):
    stranger = factories.pro(db_session)
    assert not can_manage(db_session, stranger, theatre[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_a_pending_member_manages_nothing(db_session, theatre, kind):
    applicant = factories.pro(db_session, structure=theatre["structure"])
    db_session.query(StructureMembership).filter_by(user_id=applicant.id).update(
        {"status": MembershipStatus.PENDING})
    assert not can_manage(db_session, applicant, theatre[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_a_young_person_manages_nothing_even_their_own_booking(db_session, theatre, kind):
    booker = db_session.get(User, theatre["booking"].user_id)
    assert not can_manage(db_session, booker, theatre[kind])


@pytest.mark.parametrize(("kind", "permission"), [
    ("structure", StaffPermission.VALIDATE_STRUCTURES),
    ("venue", StaffPermission.VALIDATE_STRUCTURES),
    ("offer", StaffPermission.MODERATE),
    ("stock", StaffPermission.MODERATE),
    ("booking", StaffPermission.SUPPORT),
])
def test_staff_manage_an_object_with_the_permission_that_fits_it(
    db_session, theatre, kind, permission
):
    fitting = factories.staff(db_session, permissions=[permission])
    others = factories.staff(
        db_session, permissions=[other for other in StaffPermission if other != permission]
    )
    assert can_manage(db_session, fitting, theatre[kind])
    assert not can_manage(db_session, others, theatre[kind])


def test_nobody_manages_anything(db_session, theatre):
    assert not can_manage(db_session, None, theatre["structure"])


def test_can_manage_refuses_objects_it_knows_nothing_of(db_session):
    with pytest.raises(TypeError):
        can_manage(db_session, factories.pro(db_session), factories.young(db_session))
