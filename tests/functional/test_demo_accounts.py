"""The demo accounts other tooling relies on: each signs in and lands on the page of its role."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.users.models import User
from tests.helpers import html, login
from webapp.demo import load_demo
from webapp.demo.accounts import ADMIN, DEMO_PASSWORD, PRO, TERRITORY, YOUNG_17, YOUNG_18

DEMO_EMAILS = (YOUNG_18, YOUNG_17, PRO, ADMIN, TERRITORY)

LANDING_PATHS = {
    YOUNG_18: "/decouvrir/",
    YOUNG_17: "/decouvrir/",
    PRO: "/pro/",
    ADMIN: "/admin/",
    TERRITORY: "/territoire/",
}


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


def page_of(client, email: str, path: str | None = None):
    """Sign in as `email` and return the parsed page at `path`, or where the sign-in leads."""
    response = login(client, email, DEMO_PASSWORD)
    assert response.status_code == 303
    return html(client.get(path or response.location))


def fact(page, term: str) -> str:
    """The value of a term of the page's description list, spaces normalised."""
    definition = page.find("dt", string=term).find_next_sibling("dd")
    return " ".join(definition.get_text().split())


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_demo_account_signs_in_and_lands_on_the_page_of_its_role(demo_client, email):
    response = login(demo_client, email, DEMO_PASSWORD)
    assert response.status_code == 303
    assert response.location == LANDING_PATHS[email]
    assert demo_client.get(response.location).status_code == 200


@pytest.mark.parametrize(("email", "credit"), [(YOUNG_18, "200,00 €"), (YOUNG_17, "50,00 €")])
def test_demo_young_person_sees_the_remaining_credit_of_their_age(demo_client, email, credit):
    page = page_of(demo_client, email, "/profil/")
    assert fact(page, "Crédit restant") == credit


def test_demo_pro_sees_the_venues_of_the_structure(demo_client):
    page = page_of(demo_client, PRO)
    venues = [header.get_text(strip=True) for header in page.select("tbody th[scope=row]")]
    assert "Théâtre des Treize Vents" in venues


def test_demo_admin_sees_the_back_office(demo_client):
    page = page_of(demo_client, ADMIN)
    assert page.h1.get_text(strip=True) == "Administration"


def test_demo_territory_officer_sees_the_herault(demo_client):
    page = page_of(demo_client, TERRITORY)
    assert "Hérault" in page.h1.get_text()


def test_loading_the_demo_twice_creates_no_account_twice(demo_app):
    with demo_app.extensions["database"]["sessionmaker"]() as session:
        assert load_demo(session) is False
        session.commit()
        emails = session.execute(
            select(User.email, func.count()).where(User.email.in_(DEMO_EMAILS)).group_by(User.email)
        ).all()
    assert dict(emails) == dict.fromkeys(DEMO_EMAILS, 1)
