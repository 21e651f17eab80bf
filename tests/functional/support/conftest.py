"""What the support tests share: a young person with bookings, a signed-in support agent."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.audit.models import AuditEntry
from models.bookings.api import book
from models.db import utcnow
from models.users.models import StaffPermission
from tests import factories
from tests.helpers import csrf_token, login


@pytest.fixture
def person(db_session):
    """Lou Martin, 18, with the current credit and one paper book booked."""
    young = factories.young(db_session, first_name="Lou", last_name="Martin",
                            email="lou.martin@example.org")
    factories.deposit(db_session, young)
    db_session.commit()
    return young


@pytest.fixture
def booking(db_session, person):
    stock = factories.stock(db_session, price_cents=1200)
    made = book(db_session, person.id, stock.id, 1, utcnow())
    db_session.commit()
    return made


def sign_in_staff(client, session, permissions=(StaffPermission.SUPPORT,)):
    staff = factories.staff(session, permissions=list(permissions), email="agent@example.org")
    session.commit()
    assert login(client, staff.email, factories.PASSWORD).status_code == 303
    return staff


@pytest.fixture
def agent(client, db_session):
    """A member of staff holding only the support permission, signed in."""
    return sign_in_staff(client, db_session)


def post_form(client, page: str, action: str, data: dict):
    """Send a form of `page` as a browser would: its CSRF token, then the fields."""
    return client.post(action, data={"csrf_token": csrf_token(client.get(page)), **data})


def reread(session) -> None:
    """Forget what the session read: the next reads see what the requests committed."""
    session.rollback()
    session.expire_all()


def audit_of(session, obj) -> list[AuditEntry]:
    reread(session)
    return list(session.scalars(
        select(AuditEntry).where(AuditEntry.object_type == type(obj).__tablename__,
                                 AuditEntry.object_id == str(obj.id)).order_by(AuditEntry.id)))
