"""The audit log: listed newest first, filtered, paginated, read only, and append-only in the
database itself (both engines)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError

from models.audit.api import record
from models.audit.models import AuditEntry
from models.audit.repository import PAGE_SIZE
from models.unit_of_work import atomic
from models.users.models import StaffPermission, User
from tests import factories
from tests.functional.support.conftest import reread, sign_in_staff
from tests.helpers import html

JOURNAL = "/admin/journal/"


@pytest.fixture
def manager(client, db_session):
    return sign_in_staff(client, db_session, permissions=(StaffPermission.MANAGE_STAFF,))


def write(session, actor, action, obj, at=None, **details):
    entry = record(session, actor.id if actor else None, action, obj, **details)
    if at is not None:
        entry.at = at
    session.flush()
    return entry


def rows(response) -> list[str]:
    return [row.get_text(" ", strip=True) for row in html(response).select("tbody tr")]


def test_the_journal_lists_newest_first_and_filters(client, manager, db_session, person):
    now = dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.UTC)
    write(db_session, manager, "user.suspend", person, at=now - dt.timedelta(days=3),
          reason="Fraude")
    write(db_session, manager, "user.unsuspend", person, at=now - dt.timedelta(days=1),
          reason="Vérifié")
    other = factories.staff(db_session, permissions=[StaffPermission.MODERATE])
    write(db_session, other, "structure.watch", other, at=now, reason="Signalée")
    db_session.commit()

    listed = rows(client.get(JOURNAL))
    assert ["structure.watch" in listed[0], "user.unsuspend" in listed[1],
            "user.suspend" in listed[2]] == [True, True, True]
    assert "« Fraude »" in listed[2] and manager.email in listed[2]

    assert len(rows(client.get(JOURNAL, query_string={"action": "user.suspend"}))) == 1
    assert len(rows(client.get(JOURNAL, query_string={"acteur": other.id}))) == 1
    by_object = {"objet": "user_account", "numero": str(person.id)}
    assert len(rows(client.get(JOURNAL, query_string=by_object))) == 2
    by_dates = {"du": "2026-03-09", "au": "2026-03-10"}
    assert ["user.unsuspend" in row for row in
            rows(client.get(JOURNAL, query_string=by_dates))] == [True]


def test_bad_filters_are_told_beside_their_field(client, manager):
    response = client.get(JOURNAL, query_string={"du": "2026-03-10", "au": "2026-03-01",
                                                 "acteur": "abc"})
    assert response.status_code == 422
    page = html(response)
    assert page.select_one("#au-error") is not None
    assert page.select_one("#acteur-error") is not None


def test_the_journal_is_paginated_and_keeps_its_filters(client, manager, db_session, person):
    for number in range(PAGE_SIZE + 3):
        write(db_session, manager, "user.note", person, note=number)
    db_session.commit()
    first = client.get(JOURNAL, query_string={"action": "user.note"})
    assert len(rows(first)) == PAGE_SIZE
    following = html(first).find("a", string="Page suivante")["href"]
    assert "action=user.note" in following and "page=2" in following
    assert len(rows(client.get(following))) == 3


def test_no_route_changes_the_journal(app):
    methods = {method for rule in app.url_map.iter_rules() if rule.rule.startswith(JOURNAL)
               for method in rule.methods}
    assert methods <= {"GET", "HEAD", "OPTIONS"}


def test_support_staff_without_manage_staff_get_403(client, agent):
    assert client.get(JOURNAL).status_code == 403


def test_the_database_refuses_to_change_or_delete_an_audit_line(db_session, person):
    staff = factories.staff(db_session, permissions=[StaffPermission.SUPPORT])
    entry = write(db_session, staff, "user.suspend", person, reason="Fraude")
    db_session.commit()
    changes = (
        update(AuditEntry).where(AuditEntry.id == entry.id).values(action="user.unsuspend"),
        update(AuditEntry).where(AuditEntry.id == entry.id).values(details={"reason": "Rien"}),
        update(AuditEntry).where(AuditEntry.id == entry.id).values(actor_id=person.id),
        delete(AuditEntry).where(AuditEntry.id == entry.id),
    )
    for change in changes:
        with pytest.raises(DatabaseError, match="append-only"), atomic(db_session):
            db_session.execute(change)
        reread(db_session)
    assert db_session.scalars(select(AuditEntry.action)).all() == ["user.suspend"]
    assert db_session.get(AuditEntry, entry.id).details == {"reason": "Fraude"}


def test_deleting_an_actors_account_keeps_their_lines_without_the_actor(db_session, person):
    staff = factories.staff(db_session, permissions=[StaffPermission.SUPPORT])
    entry = write(db_session, staff, "user.suspend", person, reason="Fraude")
    db_session.commit()
    with atomic(db_session):
        db_session.execute(text("DELETE FROM staff_permission WHERE user_id = :id"),
                           {"id": staff.id})
        db_session.execute(delete(User).where(User.id == staff.id))
    reread(db_session)
    kept = db_session.get(AuditEntry, entry.id)
    assert (kept.actor_id, kept.action, kept.details) == (None, "user.suspend",
                                                          {"reason": "Fraude"})
