"""Accounts of each kind, ready to sign in with `PASSWORD`.

An account holds capacities, not a role (docs/domain/access.md); `Role` only names the kinds of
account the tests ask for, each with the capacity that opens its pages.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache
from itertools import count

from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from models.db import utcnow
from models.offerers.models import MembershipStatus, Structure, StructureMembership
from models.territories.models import LocalGovernmentMandate, MandateStatus, TerritoryKind
from models.users.models import StaffPermission, StaffPermissionGrant, User
from models.users.repository import normalise_email
from tests.factories.offerers import structure as make_structure

PASSWORD = "Mot-de-passe-test-2026!"
MONTPELLIER = "34172"

_numbers = count(1)


class Role(StrEnum):
    """The kinds of account the tests ask for (the values of the former `User.role`)."""

    YOUNG = "young"
    PRO = "pro"
    TERRITORY = "territory"
    ADMIN = "admin"


@cache
def password_hash(password: str) -> str:
    # The app's hashing is deliberately slow (a quarter of a second per sign-in). Test accounts
    # get a cheap but valid hash, which the app checks through the same code: every test that
    # signs in would otherwise pay that quarter of a second.
    return generate_password_hash(password, method="pbkdf2:sha256:1000")


def _account(session: Session, kind: Role, **fields) -> User:
    email = fields.pop("email", None) or f"{kind.value}{next(_numbers)}@example.org"
    fields.setdefault("password_hash", password_hash(fields.pop("password", PASSWORD)))
    fields.setdefault("email_confirmed_at", utcnow())
    account = User(email=normalise_email(email), **fields)
    session.add(account)
    session.flush()
    return account


def born_years_ago(age: int, today: dt.date | None = None) -> dt.date:
    """A date of birth giving `age` today, the last birthday about three months ago."""
    today = today or dt.date.today()
    return dt.date(today.year - age, today.month, 1) - dt.timedelta(days=100)


def young(session: Session, *, age: int = 18, **fields) -> User:
    """A young person of `age` living in Montpellier, without a deposit yet."""
    fields.setdefault("date_of_birth", born_years_ago(age))
    fields.setdefault("commune_code", MONTPELLIER)
    fields.setdefault("postal_code", "34000")
    fields.setdefault("first_name", "Léa")
    fields.setdefault("last_name", "Martin")
    fields.setdefault("is_beneficiary", True)
    return _account(session, Role.YOUNG, **fields)


def pro(session: Session, *, structure: Structure | None = None, **fields) -> User:
    """A pro member of a validated structure (a new one unless `structure` is given)."""
    fields.setdefault("first_name", "Hugo")
    user = _account(session, Role.PRO, **fields)
    session.add(StructureMembership(
        user=user, structure=structure or make_structure(session),
        status=MembershipStatus.VALIDATED,
    ))
    session.flush()
    return user


def admin(session: Session, *, permissions=tuple(StaffPermission), **fields) -> User:
    """A member of staff holding `permissions` (every one unless told)."""
    fields.setdefault("first_name", "Nora")
    person = _account(session, Role.ADMIN, **fields)
    session.add_all(StaffPermissionGrant(user=person, permission=permission)
                    for permission in permissions)
    session.flush()
    return person


staff = admin


def young_pro(session: Session, *, structure: Structure | None = None, age: int = 19,
              **fields) -> User:
    """A young person who also works at a structure: beneficiary and pro member at once."""
    person = young(session, age=age, **fields)
    session.add(StructureMembership(
        user=person, structure=structure or make_structure(session),
        status=MembershipStatus.VALIDATED,
    ))
    session.flush()
    return person


def territory_officer(
    session: Session,
    *,
    territory_kind: TerritoryKind = TerritoryKind.DEPARTEMENT,
    territory_code: str = "34",
    **fields,
) -> User:
    """A local-government officer with a validated mandate (the Hérault by default)."""
    fields.setdefault("first_name", "Paul")
    user = _account(session, Role.TERRITORY, **fields)
    session.add(LocalGovernmentMandate(
        user_id=user.id, territory_kind=territory_kind, territory_code=territory_code,
        status=MandateStatus.VALIDATED, validated_at=utcnow(),
    ))
    session.flush()
    return user


ROLE_FACTORIES = {
    Role.YOUNG: young,
    Role.PRO: pro,
    Role.ADMIN: admin,
    Role.TERRITORY: territory_officer,
}


def user(session: Session, role: Role, **fields) -> User:
    """An account of the kind `role`, with the capacity that kind needs to reach its pages."""
    return ROLE_FACTORIES[role](session, **fields)
