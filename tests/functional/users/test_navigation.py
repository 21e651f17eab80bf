"""The navigation shows a space per capacity held; sign-in leads to the first one's home."""

from __future__ import annotations

import pytest

from tests import factories
from tests.helpers import html, login

SPACES = {"Découvrir": "/decouvrir/", "Espace pro": "/pro/", "Mon territoire": "/territoire/",
          "Administration": "/admin/"}


def nav_links(client) -> dict[str, str]:
    page = html(client.get("/compte/securite"))
    return {link.get_text(strip=True): link["href"] for link in page.select("nav a[href]")
            if link.get_text(strip=True) in SPACES}


def signed_in(client, db_session, person):
    db_session.commit()
    response = login(client, person.email, factories.PASSWORD)
    assert response.status_code == 303
    return response


def test_a_young_person_who_works_at_a_theatre_sees_both_spaces(client, db_session):
    signed_in(client, db_session, factories.young_pro(db_session))
    assert nav_links(client) == {"Découvrir": "/decouvrir/", "Espace pro": "/pro/"}


def test_both_spaces_open_to_a_young_person_who_works_at_a_theatre(client, db_session):
    signed_in(client, db_session, factories.young_pro(db_session))
    assert client.get("/reservations/").status_code == 200
    assert client.get("/pro/").status_code == 200


@pytest.mark.parametrize(("make", "home"), [
    (factories.young, "/decouvrir/"),
    (factories.young_pro, "/decouvrir/"),
    (factories.pro, "/pro/"),
    (factories.territory_officer, "/territoire/"),
    (factories.staff, "/admin/"),
], ids=["young", "young-pro", "pro", "officer", "staff"])
def test_sign_in_leads_to_the_home_of_the_first_capacity(client, db_session, make, home):
    assert signed_in(client, db_session, make(db_session)).location == home


def test_staff_holding_one_permission_see_only_the_staff_space(client, db_session):
    signed_in(client, db_session, factories.staff(db_session, permissions=["moderate"]))
    assert nav_links(client) == {"Administration": "/admin/"}
