"""Finding a person by e-mail, name or booking token; the person's page; who may open it."""

from __future__ import annotations

import pytest

from models.users.models import StaffPermission
from tests import factories
from tests.functional.support.conftest import sign_in_staff
from tests.functional.test_access import request_like_a_browser
from tests.helpers import html

SEARCH = "/admin/support/"


def found_names(response) -> list[str]:
    return [link.get_text(strip=True) for link in html(response).select(".support-results a")]


@pytest.mark.parametrize("text", ["lou.martin@EXAMPLE", "martin", "Lou Martin", "lou"])
def test_a_person_is_found_by_part_of_their_email_or_name(client, agent, person, db_session,
                                                          text):
    factories.young(db_session, first_name="Sam", last_name="Durand")
    db_session.commit()
    response = client.get(SEARCH, query_string={"q": text})
    assert response.status_code == 200
    assert found_names(response) == ["Lou Martin"]


def test_a_booking_token_finds_the_person_who_booked(client, agent, booking):
    for text in (booking.token, booking.token.lower()):
        response = client.get(SEARCH, query_string={"q": text})
        assert found_names(response) == ["Lou Martin"]
        link = html(response).select_one(".support-results a")["href"]
        assert link == f"/admin/support/personnes/{booking.user_id}"


def test_no_match_and_too_short_a_query_say_so_without_error(client, agent, person):
    page = html(client.get(SEARCH, query_string={"q": "zzzz%_"}))
    assert "Personne ne correspond" in page.get_text()
    assert found_names(client.get(SEARCH, query_string={"q": "l"})) == []
    assert client.get(SEARCH, query_string={"q": "x" * 300}).status_code == 422


def test_the_persons_page_shows_identity_credit_and_bookings(client, agent, booking):
    page = html(client.get(f"/admin/support/personnes/{booking.user_id}"))
    text = page.get_text(" ", strip=True)
    assert "lou.martin@example.org" in text
    assert "Restant" in text and "Expire le" in text
    row = page.select_one("tbody tr").get_text(" ", strip=True)
    assert booking.token in row and "Réservée" in row and "12,00" in row


def test_an_unknown_or_anonymised_person_is_a_404(client, agent, db_session, person):
    assert client.get("/admin/support/personnes/999999").status_code == 404
    assert client.get("/admin/support/reservations/999999").status_code == 404


@pytest.mark.parametrize(("method", "path"), [
    ("GET", SEARCH), ("GET", "/admin/support/personnes/1"),
    ("GET", "/admin/support/reservations/1"),
    ("POST", "/admin/support/personnes/1/suspendre"),
    ("POST", "/admin/support/personnes/1/reactiver"),
    ("POST", "/admin/support/reservations/1/annuler"),
    ("POST", "/admin/support/reservations/1/valider"),
    ("POST", "/admin/support/reservations/1/renvoyer"),
])
def test_staff_without_the_support_permission_get_403(client, db_session, method, path):
    sign_in_staff(client, db_session, permissions=(StaffPermission.MODERATE,
                                                   StaffPermission.MANAGE_STAFF))
    assert request_like_a_browser(client, method, path).status_code == 403


def test_a_young_person_gets_403(signed_in):
    assert signed_in.get(SEARCH).status_code == 403
