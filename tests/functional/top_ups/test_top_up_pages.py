"""The pages of local top-ups: staff grant the permission, the officer creates a programme and
follows it under the secrecy rules, young people see it beside their credit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.bookings.api import book
from models.db import utcnow
from models.statistics.figures import Reason
from models.territories.models import LocalGovernmentMandate, TerritoryKind
from models.top_ups.models import TopUpPermission, TopUpProgramme
from models.users.models import StaffPermission
from tests import factories
from tests.functional.top_ups.top_up_data import programme, resident, show, today
from tests.helpers import csrf_token, html, login


def mandate_of(session, officer) -> LocalGovernmentMandate:
    return session.scalar(select(LocalGovernmentMandate)
                          .where(LocalGovernmentMandate.user_id == officer.id))


@pytest.fixture
def officer(db_session):
    return factories.territory_officer(db_session, territory_kind=TerritoryKind.COMMUNE,
                                       territory_code="34172", email="agent@montpellier.fr")


@pytest.fixture
def permitted_officer(db_session, officer):
    db_session.add(TopUpPermission(mandate_id=mandate_of(db_session, officer).id))
    db_session.commit()
    return officer


def test_staff_grant_an_officer_the_permission(client, db_session, officer):
    staff = factories.staff(db_session, permissions=[StaffPermission.MANAGE_PROGRAMMES])
    db_session.commit()
    login(client, staff.email, factories.PASSWORD)
    page = client.get("/admin/credits-locaux/")
    row = html(page).find("th", string="Montpellier (34172)").find_parent("tr")
    assert "Non autorisé" in row.get_text()
    mandate = mandate_of(db_session, officer)
    response = client.post(f"/admin/credits-locaux/{mandate.id}/autoriser",
                           data={"csrf_token": csrf_token(page)})
    assert response.status_code == 303
    row = html(client.get("/admin/credits-locaux/")).find(
        "th", string="Montpellier (34172)").find_parent("tr")
    assert "Non autorisé" not in row.get_text() and "Autorisé" in row.get_text()


def test_staff_without_the_programmes_permission_are_refused(client, db_session, officer):
    staff = factories.staff(db_session, permissions=[StaffPermission.SUPPORT])
    db_session.commit()
    login(client, staff.email, factories.PASSWORD)
    assert client.get("/admin/credits-locaux/").status_code == 403


def test_an_officer_without_the_permission_cannot_create_one(client, db_session, officer):
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)
    page = html(client.get("/territoire/credits-locaux/"))
    assert "demande l'autorisation" in page.get_text()
    assert page.find("a", string="Créer un crédit local") is None
    form_page = html(client.get("/territoire/credits-locaux/nouveau"))
    assert form_page.find("form", action="/territoire/credits-locaux/nouveau") is None
    response = client.post("/territoire/credits-locaux/nouveau", data={
        "csrf_token": csrf_token(client.get("/territoire/credits-locaux/")), "name": "Pass",
        "amount_per_person": "20", "budget": "100", "categories": ["SPECTACLE"],
        "starts_on": today().isoformat(), "ends_on": today().isoformat(),
        "min_age": "15", "max_age": "18"})
    assert response.status_code == 303
    assert db_session.scalar(select(TopUpProgramme)) is None


def form_values(client, **changes) -> dict:
    page = client.get("/territoire/credits-locaux/nouveau")
    values = {"csrf_token": csrf_token(page), "name": "Pass spectacle", "amount_per_person": "20",
              "budget": "5 000", "categories": ["SPECTACLE", "MUSIQUE_LIVE"],
              "starts_on": today().isoformat(),
              "ends_on": (today() + dt.timedelta(days=90)).isoformat(),
              "min_age": "15", "max_age": "18"}
    values.update(changes)
    return values


def test_a_permitted_officer_creates_one_for_its_territory(client, db_session, permitted_officer):
    login(client, permitted_officer.email, factories.PASSWORD)
    response = client.post("/territoire/credits-locaux/nouveau", data=form_values(client))
    assert response.status_code == 303
    created = db_session.scalar(select(TopUpProgramme))
    assert (created.territory_kind, created.territory_code) == (TerritoryKind.COMMUNE, "34172")
    assert (created.amount_per_person_cents, created.budget_cents) == (2000, 500_000)
    assert created.category_ids == ["MUSIQUE_LIVE", "SPECTACLE"]
    page = html(client.get("/territoire/credits-locaux/"))
    assert page.find("h2", string="Pass spectacle") is not None


@pytest.mark.parametrize("changes, field, message", [
    ({"budget": "10"}, "budget", "couvrir au moins le montant d'une personne"),
    ({"amount_per_person": "0"}, "amount_per_person", "de 1 € à 500 €"),
    ({"categories": []}, "categories", "au moins une catégorie"),
    ({"categories": ["PAS_UNE_CATEGORIE"]}, "categories", "au moins une catégorie"),
    ({"starts_on": "2000-01-01"}, "starts_on", "avant aujourd'hui"),
    ({"min_age": "20", "max_age": "16"}, "min_age", "le plus jeune d'abord"),
    ({"budget": "beaucoup"}, "budget", "Indique un prix en euros"),
])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_created(
        client, db_session, permitted_officer, changes, field, message):
    login(client, permitted_officer.email, factories.PASSWORD)
    response = client.post("/territoire/credits-locaux/nouveau",
                           data=form_values(client, **changes))
    assert response.status_code == 422
    page = html(response)
    assert message in page.select_one(f"#{field}-error").get_text()
    assert db_session.scalar(select(TopUpProgramme)) is None


def test_the_officer_follows_consumption_under_the_secrecy_rules(client, db_session,
                                                                 permitted_officer):
    local = programme(db_session, amount=2000)
    now = utcnow()
    # Two people at a single partner: the money spent, and the budget left, are secret.
    stock = show(db_session, 1500)
    for _ in range(2):
        book(db_session, resident(db_session).id, stock.id, 1, now)
    db_session.commit()
    login(client, permitted_officer.email, factories.PASSWORD)
    section = html(client.get("/territoire/credits-locaux/")).find(
        "h2", string=local.name).find_parent("section")
    shown = {cell["data-figure"]: cell.get_text(strip=True)
             for cell in section.select("td[data-figure]")}
    assert shown["spent"] == Reason.FEW_PARTNERS and shown["remaining"] == Reason.FEW_PARTNERS
    assert shown["people"] not in {"1", "2", "3", "4"}
    assert "Léa" not in section.get_text()


def test_the_officer_sees_the_money_once_enough_partners_make_it(client, db_session,
                                                                 permitted_officer):
    local = programme(db_session, amount=2000, budget=100_000)
    now = utcnow()
    for _ in range(5):
        book(db_session, resident(db_session).id, show(db_session, 1000).id, 1, now)
    db_session.commit()
    login(client, permitted_officer.email, factories.PASSWORD)
    section = html(client.get("/territoire/credits-locaux/")).find(
        "h2", string=local.name).find_parent("section")
    shown = {cell["data-figure"]: cell.get_text(strip=True)
             for cell in section.select("td[data-figure]")}
    assert shown["spent"].startswith("50,00") and shown["remaining"].startswith("950,00")


def test_another_territory_s_programmes_are_not_listed(client, db_session, permitted_officer):
    programme(db_session, kind=TerritoryKind.DEPARTEMENT, code="30", name="Pass Gard")
    db_session.commit()
    login(client, permitted_officer.email, factories.PASSWORD)
    assert "Pass Gard" not in client.get("/territoire/credits-locaux/").get_data(as_text=True)


def test_a_young_resident_sees_the_local_credit_beside_the_national_one(client, db_session):
    programme(db_session, amount=2000, name="Pass spectacle Montpellier")
    person = resident(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    page = html(client.get("/profil/"))
    local = page.find("dt", string="Pass spectacle Montpellier")
    assert "20,00" in local.find_next("dd").get_text()


def test_the_confirmation_shows_the_split_before_booking(client, db_session):
    programme(db_session, amount=1000)
    person = resident(db_session)
    stock = show(db_session, 2500)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    page = html(client.get(f"/offres/{stock.offer_id}/reserver?stock_id={stock.id}&quantity=1"))
    facts = {dt_.get_text(strip=True): dt_.find_next("dd").get_text(strip=True)
             for dt_ in page.select("dl.facts dt")}
    assert facts["Payé par ton crédit local"].startswith("10,00")
    assert facts["Crédit restant après réservation"].startswith("135,00")


def test_the_ticket_says_what_the_local_credit_paid(client, db_session):
    programme(db_session, amount=1000)
    person = resident(db_session)
    booking = book(db_session, person.id, show(db_session, 2500).id, 1, utcnow())
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    page = html(client.get(f"/reservations/{booking.id}"))
    paid = page.find("dt", string="Payé par ton crédit local")
    assert paid.find_next("dd").get_text(strip=True).startswith("10,00")
