"""docs/domain/2-credit.md, "Programmes in the back-office": the calendar, a future programme
previewed then created, the refusals, and a programme that has started left untouched."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select, update

from models.audit.models import AuditEntry
from models.credit.api import programme_for
from models.credit.exceptions import ProgrammesOverlap, ProgrammeStarted
from models.credit.models import CreditProgramme, ExpiryRule, ProgrammeAgeGrant
from models.credit.programmes import (
    ProgrammeDraft,
    check_draft,
    create_programme,
    delete_future_programme,
    preview_programme,
)
from models.users.models import StaffPermission
from tests import factories
from tests.helpers import csrf_token, html, login

TODAY = dt.date(2026, 3, 11)  # the frozen instant of the suite
START = dt.date(2026, 9, 1)
PAGE, NEW = "/admin/programmes/", "/admin/programmes/nouveau"


@pytest.fixture(autouse=True)
def programmes_restored(app):
    """Programmes are reference data, kept between tests: put them back as they were."""
    engine = app.extensions["database"]["engine"]
    with engine.connect() as connection:
        before = dict(connection.execute(select(CreditProgramme.id, CreditProgramme.ends_on)).all())
    yield
    with engine.begin() as connection:
        connection.execute(delete(ProgrammeAgeGrant).where(
            ProgrammeAgeGrant.programme_id.not_in(before)))
        connection.execute(delete(CreditProgramme).where(CreditProgramme.id.not_in(before)))
        for programme_id, ends_on in before.items():
            connection.execute(update(CreditProgramme).where(CreditProgramme.id == programme_id)
                               .values(ends_on=ends_on))


@pytest.fixture
def manager(client, db_session):
    staff = factories.staff(db_session, permissions=[StaffPermission.MANAGE_PROGRAMMES],
                            email="programmes@example.org")
    db_session.commit()
    assert login(client, staff.email, factories.PASSWORD).status_code == 303
    return staff


def form_data(**changes) -> dict:
    data = {"name": "Réforme 2026", "starts_on": "01/09/2026", "min_signup_age": "15",
            "max_signup_age": "19", "amount_15": "", "amount_16": "0", "amount_17": "60",
            "amount_18": "160,50", "expiry_rule": "birthday", "expiry_value": "21",
            "digital_cap": "100", "physical_cap": ""}
    return {**data, **changes}


def draft(**changes) -> ProgrammeDraft:
    values = {"name": "Réforme 2026", "starts_on": START, "min_signup_age": 15,
              "max_signup_age": 19, "amounts": {17: 6000, 18: 16050},
              "expiry_rule": ExpiryRule.BIRTHDAY, "expiry_value": 21}
    return ProgrammeDraft(**{**values, **changes})


def post(client, data: dict, page: str = NEW):
    return client.post(NEW, data={"csrf_token": csrf_token(client.get(page)), **data})


def by_code(session, code: str) -> CreditProgramme:
    session.rollback()
    session.expire_all()
    return session.scalar(select(CreditProgramme).where(CreditProgramme.code == code))


def born(age_on_start: int, days_after_birthday: int = 10) -> dt.date:
    return START.replace(year=START.year - age_on_start) - dt.timedelta(days=days_after_birthday)


def test_the_calendar_shows_the_programme_in_force_and_the_past_ones_read_only(client, manager):
    page = html(client.get(PAGE))
    in_force, future, past = page.find_all("table")[0], None, page.find_all("table")[-1]
    assert "Réforme 2025" in in_force.get_text() or "2025" in in_force.get_text()
    assert "150,00" in in_force.get_text() and "jusqu'aux 21 ans" in in_force.get_text()
    assert "2019" in past.get_text()
    assert future is None and "Aucun programme à venir." in page.get_text()
    assert page.find("button", string=lambda text: text and "Supprimer" in text) is None


def test_the_preview_counts_todays_accounts_by_their_age_on_the_first_day(
    client, manager, db_session
):
    for age in (14, 15, 17, 17, 18, 19):
        factories.young(db_session, date_of_birth=born(age))
    factories.young(db_session, date_of_birth=born(16, days_after_birthday=-1))  # 15 that day
    db_session.commit()
    response = post(client, form_data())
    assert response.status_code == 200
    page = html(response)
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True)
            for row in page.select("section.programme-preview tbody tr")}
    assert rows == {"15 ans": "2", "16 ans": "0", "17 ans": "2", "18 ans": "1"}
    text = page.get_text(" ", strip=True)
    assert "5 personnes inscrites aujourd'hui" in text and "estimation" in text
    assert "n'ouvrira plus de nouveaux crédits après le 31 août 2026" in text
    assert page.find("button", attrs={"value": "create"}) is not None
    assert by_code(db_session, "reforme_2026_20260901") is None  # a preview writes nothing


def test_creating_after_the_preview_adds_the_programme_and_closes_the_one_it_replaces(
    client, manager, db_session
):
    preview = html(post(client, form_data()))
    fingerprint = preview.find("input", attrs={"name": "previewed"})["value"]
    response = client.post(NEW, data={"csrf_token": csrf_token(client.get(NEW)),
                                      **form_data(), "previewed": fingerprint,
                                      "action": "create"})
    assert response.status_code == 303 and response.location.endswith(PAGE)
    created = by_code(db_session, "reforme_2026_20260901")
    assert (created.starts_on, created.ends_on, created.min_signup_age,
            created.max_signup_age) == (START, None, 15, 19)
    assert {grant.age: grant.amount_cents for grant in created.age_grants} == {
        17: 6000, 18: 16050}
    assert (created.expiry_rule, created.expiry_value, created.digital_cap_cents,
            created.physical_cap_cents) == (ExpiryRule.BIRTHDAY, 21, 10000, None)
    reform = by_code(db_session, "reform_2025")
    assert reform.ends_on == dt.date(2026, 8, 31)
    assert programme_for(db_session, 17, dt.date(2026, 8, 31)).code == "reform_2025"
    assert programme_for(db_session, 17, START).code == created.code
    actions = {(entry.action, entry.object_id, entry.actor_id) for entry in
               db_session.scalars(select(AuditEntry))}
    assert ("credit_programme.created", str(created.id), manager.id) in actions
    assert ("credit_programme.closed", str(reform.id), manager.id) in actions
    page = html(client.get(PAGE)).get_text(" ", strip=True)
    assert "Réforme 2026" in page and "à partir du 1 septembre 2026" in page


def test_creating_needs_the_values_that_were_previewed(client, manager, db_session):
    preview = html(post(client, form_data()))
    fingerprint = preview.find("input", attrs={"name": "previewed"})["value"]
    response = client.post(NEW, data={"csrf_token": csrf_token(client.get(NEW)),
                                      **form_data(amount_18="500"), "previewed": fingerprint,
                                      "action": "create"})
    assert response.status_code == 200, html(response).find(class_="error-summary")
    assert "Les valeurs ont changé depuis l'aperçu" in response.get_data(as_text=True)
    assert by_code(db_session, "reforme_2026_20260901") is None


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"starts_on": "11/03/2026"}, "starts_on", "au plus tôt demain"),
    ({"starts_on": "10/03/2026"}, "starts_on", "au plus tôt demain"),
    ({"starts_on": "31/02/2026"}, "starts_on", "Indique une date"),
    ({"min_signup_age": "18", "max_signup_age": "17"}, "min_signup_age", "âges d'inscription"),
    ({"min_signup_age": "17"}, "starts_on", "accueille aussi les 15, 16 ans"),
    ({"amount_17": "", "amount_18": ""}, "amount_15", "au moins un âge"),
    ({"amount_18": "1500"}, "amount_15", "de 0 à 1 000 €"),
    ({"amount_18": "douze"}, "amount_18", "Indique un prix"),
    ({"expiry_value": "18"}, "expiry_value", "de 19 à 25 ans"),
    ({"name": "  "}, "name", "Donne un nom"),
])
def test_a_wrong_programme_is_refused_beside_its_field_and_nothing_is_written(
    client, manager, db_session, changes, field, message
):
    response = post(client, form_data(**changes))
    assert response.status_code == 422
    error = html(response).find(id=f"{field}-error")
    assert error is not None and message in error.get_text(), response.get_data(as_text=True)
    assert by_code(db_session, "reform_2025").ends_on is None
    assert db_session.scalar(select(AuditEntry)) is None


def test_two_programmes_are_never_open_to_one_age_on_one_day(db_session, manager):
    create_programme(db_session, manager, draft(), TODAY)
    db_session.flush()
    with pytest.raises(ProgrammesOverlap, match="accueillera déjà ces âges à partir du 01/09"):
        check_draft(db_session, draft(name="Plus tard", starts_on=dt.date(2026, 6, 1)), TODAY)
    with pytest.raises(ProgrammesOverlap, match="accueillera déjà"):
        check_draft(db_session, draft(name="Même jour"), TODAY)
    # Later than the new one: it takes over the new one in turn.
    later = preview_programme(db_session, draft(name="2027", starts_on=dt.date(2027, 1, 1)),
                              TODAY)
    assert [programme.name for programme in later.closing] == ["Réforme 2026"]


def test_a_started_programme_cannot_be_deleted_and_a_future_one_can(
    client, manager, db_session
):
    reform = by_code(db_session, "reform_2025")
    with pytest.raises(ProgrammeStarted, match="ne se modifie ni ne se supprime plus"):
        delete_future_programme(db_session, manager, reform, TODAY)
    response = client.post(f"/admin/programmes/{reform.id}/supprimer",
                           data={"csrf_token": csrf_token(client.get(PAGE))})
    assert response.status_code == 303
    assert by_code(db_session, "reform_2025") is not None
    assert "ne se modifie ni ne se supprime plus" in client.get(PAGE).get_data(as_text=True)

    created = create_programme(db_session, manager, draft(), TODAY)
    db_session.commit()
    response = client.post(f"/admin/programmes/{created.id}/supprimer",
                           data={"csrf_token": csrf_token(client.get(PAGE))})
    assert response.status_code == 303
    assert by_code(db_session, "reforme_2026_20260901") is None
    assert by_code(db_session, "reform_2025").ends_on is None  # open again


def test_staff_without_the_permission_get_403(client, db_session):
    staff = factories.staff(db_session, permissions=[StaffPermission.SUPPORT],
                            email="support@example.org")
    db_session.commit()
    login(client, staff.email, factories.PASSWORD)
    assert client.get(PAGE).status_code == 403
    assert client.get(NEW).status_code == 403
