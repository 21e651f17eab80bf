"""Commands on staff accounts: created from the command line only, with named permissions."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from models.users.api import create_user
from models.users.models import StaffPermission, StaffPermissionGrant, User
from models.users.validation import check_password_strength


def grant_permissions(
    person: User, permissions: Iterable[StaffPermission]
) -> list[StaffPermission]:
    """Give `person` the permissions they do not hold yet; returns those added."""
    held = {grant.permission for grant in person.staff_permissions}
    added = [permission for permission in StaffPermission
             if permission in set(permissions) and permission not in held]
    person.staff_permissions.extend(StaffPermissionGrant(permission=p) for p in added)
    return added


def create_staff(session: Session, email: str, password: str,
                 permissions: Iterable[StaffPermission], **fields) -> User:
    """A new staff account holding `permissions`, its e-mail taken as confirmed."""
    check_password_strength(password)
    person = create_user(session, email, password, **fields)
    grant_permissions(person, permissions)
    session.flush()
    return person
