"""`flask staff create` makes the first staff account; `flask staff grant` adds permissions."""

from __future__ import annotations

from models.users.capacities import Capacity, capacities_of, permissions_of
from models.users.models import StaffPermission
from models.users.repository import find_by_email

STRONG = "Mot-de-passe-staff-2026!"


def staff_person(db_session, email):
    db_session.rollback()
    db_session.expire_all()
    return find_by_email(db_session, email)


def test_create_makes_a_staff_account_with_the_permissions_given(runner, db_session):
    result = runner.invoke(args=[
        "staff", "create", "nora@example.org", "--permission", "moderate",
        "--permission", "support", "--password", STRONG,
    ])
    assert result.exit_code == 0, result.output
    person = staff_person(db_session, "nora@example.org")
    assert capacities_of(db_session, person) == (Capacity.STAFF,)
    assert permissions_of(person) == {StaffPermission.MODERATE, StaffPermission.SUPPORT}
    assert person.check_password(STRONG)


def test_create_with_all_grants_every_permission(runner, db_session):
    result = runner.invoke(args=["staff", "create", "sam@example.org", "--all",
                                 "--password", STRONG])
    assert result.exit_code == 0, result.output
    assert permissions_of(staff_person(db_session, "sam@example.org")) == set(StaffPermission)


def test_create_without_a_permission_is_refused(runner, db_session):
    result = runner.invoke(args=["staff", "create", "x@example.org", "--password", STRONG])
    assert result.exit_code != 0
    assert staff_person(db_session, "x@example.org") is None


def test_create_refuses_a_weak_password(runner, db_session):
    result = runner.invoke(args=["staff", "create", "x@example.org", "--all",
                                 "--password", "court"])
    assert result.exit_code != 0
    assert staff_person(db_session, "x@example.org") is None


def test_grant_adds_permissions_to_an_existing_account(runner, db_session):
    runner.invoke(args=["staff", "create", "nora@example.org", "--permission", "moderate",
                        "--password", STRONG])
    result = runner.invoke(args=["staff", "grant", "nora@example.org", "--permission",
                                 "review_identities"])
    assert result.exit_code == 0, result.output
    assert permissions_of(staff_person(db_session, "nora@example.org")) == {
        StaffPermission.MODERATE, StaffPermission.REVIEW_IDENTITIES,
    }
