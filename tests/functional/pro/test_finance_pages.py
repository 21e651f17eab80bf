"""The pro's reimbursement pages (docs/domain/6-reimbursement.md): statements, revenue, bank
details; the member's own structures only."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from models.db import utcnow
from models.finance.api import issue_statements, set_bank_account
from models.finance.models import BankAccount
from models.finance.periods import Period
from models.unit_of_work import atomic
from tests import factories
from tests.functional.finance.builders import paris, pricing_point, used_booking
from tests.helpers import counted_queries, csrf_token, html, login

INDEX = "/pro/remboursements/"
IBAN = "FR7630006000011234567890189"


@pytest.fixture
def point(db_session):
    return pricing_point(db_session, name="Cinéma Le Royal")


@pytest.fixture
def member(db_session, point):
    return factories.pro(db_session, structure=point.structure)


@pytest.fixture
def statement(db_session, point):
    cinema = factories.offer(db_session, venue=point, subcategory_id="SEANCE_CINE",
                             name="=Projection spéciale")
    used_booking(db_session, cinema, used_at=paris(2026, 2, 20), price_cents=20 * 100_000 - 4000)
    used_booking(db_session, cinema, used_at=paris(2026, 2, 21), price_cents=8000)
    with atomic(db_session):
        [issued] = issue_statements(db_session, Period(2026, 2, 2), utcnow())
    return issued


def sign_in(client, db_session, person):
    db_session.commit()
    assert login(client, person.email, factories.PASSWORD).status_code == 303


def test_the_page_lists_statements_revenue_and_pricing_points(client, db_session, member,
                                                               statement):
    sign_in(client, db_session, member)
    page = html(client.get(INDEX))
    assert page.h1.get_text(strip=True) == "Remboursements"
    link = page.find("a", href=f"/pro/remboursements/{statement.id}")
    assert link.get_text(strip=True) == "Relevé du 16 au 28 février 2026"
    february = page.find(id="revenue-months").find_parent("table").find_all("tr")[2]
    assert [cell.get_text(strip=True) for cell in february.find_all(["th", "td"])] == [
        "Février", "20\u202f040,00\xa0€"]
    offer_row = page.find(id="revenue-offers").find_parent("table").tbody.tr
    assert offer_row.th.get_text(strip=True) == "=Projection spéciale"
    assert page.find("a", string="Donner l'IBAN de Cinéma Le Royal")


def test_a_statement_shows_its_lines_and_rates(client, db_session, member, statement):
    sign_in(client, db_session, member)
    page = html(client.get(f"/pro/remboursements/{statement.id}"))
    assert page.h1.get_text(strip=True) == "Relevé du 16 au 28 février 2026"
    rows = page.find("table", class_="finance-lines").tbody.find_all("tr")
    rates = [row.find_all("td")[3].get_text(strip=True) for row in rows]
    assert rates == ["100\xa0%", "95\xa0%"]


def test_the_csv_is_for_french_spreadsheets(client, db_session, member, statement):
    sign_in(client, db_session, member)
    response = client.get(f"/pro/remboursements/{statement.id}.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:4] == ["Relevé", "Période", "Point de remboursement", "Type de ligne"]
    assert [(row[6], row[8], row[9], row[10]) for row in rows[1:]] == [
        ("'=Projection spéciale", "19960,00", "100", "19960,00"),
        ("'=Projection spéciale", "80,00", "95", "76,00"),
    ]


@pytest.mark.parametrize("path", ["{id}", "{id}.csv"])
def test_another_structure_s_statement_is_not_found(client, db_session, statement, path):
    sign_in(client, db_session, factories.pro(db_session))
    response = client.get(f"/pro/remboursements/{path.format(id=statement.id)}")
    assert response.status_code == 404
    assert "Royal" not in response.get_data(as_text=True)


def test_another_structure_s_statements_are_not_listed(client, db_session, statement):
    sign_in(client, db_session, factories.pro(db_session))
    body = client.get(INDEX).get_data(as_text=True)
    assert "Royal" not in body and "Relevé du" not in body


def test_an_unknown_statement_is_not_found(client, db_session, member):
    sign_in(client, db_session, member)
    assert client.get("/pro/remboursements/999999").status_code == 404
    assert client.get("/pro/remboursements/99999999999").status_code == 404


def bank_form(client, venue_id, **data):
    path = f"/pro/remboursements/lieux/{venue_id}/coordonnees-bancaires"
    token = csrf_token(client.get(path))
    return client.post(path, data={"csrf_token": token, "bic": "", "holder": "SARL Le Royal",
                                   **data})


def test_a_member_gives_an_iban_and_sees_it_masked(client, db_session, member, point):
    sign_in(client, db_session, member)
    response = bank_form(client, point.id, iban="fr76 3000 6000 0112 3456 7890 189")
    assert response.status_code == 303
    page = html(client.get(response.location))
    assert "FR76 •••• 0189" in page.get_text()
    assert IBAN not in page.get_text()


def test_a_wrong_iban_is_explained_beside_its_field(client, db_session, member, point):
    sign_in(client, db_session, member)
    response = bank_form(client, point.id, iban=IBAN[:-1] + "0")
    assert response.status_code == 422
    page = html(response)
    field = page.find("input", attrs={"name": "iban"})
    assert field["aria-invalid"] == "true"
    error = page.find(id=field["aria-describedby"].split()[-1])
    assert "mal recopié" in error.get_text()
    assert db_session.scalar(select(func.count()).select_from(BankAccount)) == 0


def test_a_new_iban_keeps_the_old_one_in_the_history(client, db_session, member, point):
    with atomic(db_session):
        set_bank_account(db_session, point, "FR1420041010050500013M02606", None, "Royal", None,
                         utcnow())
    sign_in(client, db_session, member)
    response = bank_form(client, point.id, iban=IBAN)
    page = html(client.get(response.location))
    history = page.find(id="history-title").find_next("ul").get_text()
    assert "FR14 •••• 2606" in history


def test_a_venue_paid_through_another_shows_where_it_is_paid(client, db_session, member, point):
    annex = factories.venue(db_session, structure=point.structure, pricing_point_id=point.id,
                            name="Salle annexe")
    sign_in(client, db_session, member)
    path = f"/pro/remboursements/lieux/{annex.id}/coordonnees-bancaires"
    page = html(client.get(path))
    assert page.find("input", attrs={"name": "iban"}) is None
    assert page.find("a", string="Voir les coordonnées bancaires de Cinéma Le Royal")
    assert client.post(path, data={"csrf_token": csrf_token(client.get(INDEX)), "iban": IBAN,
                                   "holder": "Annexe"}).status_code == 404
    response = bank_form(client, point.id, iban=IBAN)
    assert response.status_code == 303


def test_another_structure_s_pricing_point_is_not_found(client, db_session, point):
    sign_in(client, db_session, factories.pro(db_session))
    path = f"/pro/remboursements/lieux/{point.id}/coordonnees-bancaires"
    assert client.get(path).status_code == 404
    response = client.post(path, data={"iban": IBAN, "holder": "X"})
    assert response.status_code in (400, 404)


def test_the_pages_answer_in_a_handful_of_queries(client, db_session, member, statement,
                                                  app):
    sign_in(client, db_session, member)
    with counted_queries(app) as statements:
        client.get(INDEX)
        index_queries = len(statements)
        statements.clear()
        client.get(f"/pro/remboursements/{statement.id}")
    assert index_queries <= 12
    assert len(statements) <= 12
