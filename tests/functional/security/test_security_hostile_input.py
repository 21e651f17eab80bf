"""Crafted input never gives a 500: huge ids are unknown ids, absurd dates and radii are
explained in French."""

from __future__ import annotations

import pytest

from tests import factories
from tests.functional.discovery.deck_data import bookable_offer
from tests.helpers import csrf_token, html, login

HUGE = str(2**63)
HUGER = "9" * 40


@pytest.fixture
def staff(client, db_session):
    person = factories.admin(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    return client


@pytest.mark.parametrize("huge", [HUGE, HUGER])
@pytest.mark.parametrize("path", [
    "/offres/{}", "/offres/{}/reserver", "/reservations/{}", "/reservations/{}/avis",
    "/avis/{}/signaler", "/lieux/{}", "/media/images/{}-abc",
])
def test_an_id_too_big_for_the_database_in_a_url_is_not_found(signed_in, path, huge):
    assert signed_in.get(path.format(huge)).status_code == 404


@pytest.mark.parametrize("path", [
    "/admin/identite/{}", "/admin/identite/{}/document", "/admin/courriels/{}",
])
def test_an_id_too_big_in_a_staff_url_is_not_found(staff, path):
    assert staff.get(path.format(HUGE)).status_code == 404


@pytest.mark.parametrize("path", [
    "/reservations/{}/annuler", "/favoris/{}", "/favoris/{}/retirer", "/offres/{}/reserver",
])
def test_an_id_too_big_in_a_posted_url_is_not_found(signed_in, path):
    token = csrf_token(signed_in.get("/profil/modifier"))
    response = signed_in.post(path.format(HUGE), data={"csrf_token": token, "stock_id": "1"})
    assert response.status_code in (404, 405)


def test_a_booking_form_with_a_huge_stock_id_is_refused_in_french(signed_in, db_session):
    offer = bookable_offer(db_session, km=1)
    db_session.commit()
    confirm = signed_in.get(f"/offres/{offer.id}/reserver?stock_id={HUGE}&quantity=1")
    assert confirm.status_code == 303
    response = signed_in.post(f"/offres/{offer.id}/reserver", data={
        "csrf_token": csrf_token(signed_in.get("/profil/modifier")), "stock_id": HUGE,
        "quantity": "1"})
    assert response.status_code == 303
    assert "Choisis une date" in html(signed_in.get(f"/offres/{offer.id}")).get_text()


@pytest.mark.parametrize("offer_id", [HUGE, HUGER, "-" + HUGE])
def test_an_anonymous_deck_answer_with_a_huge_offer_id_is_a_bad_request(client, offer_id):
    token = csrf_token(client.get("/decouvrir/position"))
    response = client.post("/decouvrir/reponse", data={
        "csrf_token": token, "offer_id": offer_id, "action": "like"})
    assert response.status_code == 400


def test_a_signed_in_deck_answer_with_a_huge_offer_id_is_a_bad_request(signed_in):
    token = csrf_token(signed_in.get("/profil/modifier"))
    response = signed_in.post("/decouvrir/reponse", data={
        "csrf_token": token, "offer_id": HUGE, "action": "skip"})
    assert response.status_code == 400


@pytest.mark.parametrize("query", [
    "quand=dates&du=0001-01-01", "quand=dates&au=9999-12-31", "du=0001-01-01&au=9999-12-31",
    "au=0001-01-01", "du=9999-12-31",
])
def test_dates_out_of_any_sensible_range_are_explained_on_search(client, query):
    response = client.get("/recherche/?" + query)
    assert response.status_code in (200, 422)
    assert "entre" in html(response).find(class_="field-error").get_text()


@pytest.mark.parametrize("query", ["du=0001-01-01", "au=9999-12-31"])
def test_dates_out_of_range_on_the_map_are_explained(signed_in, query):
    response = signed_in.get("/carte?" + query)
    assert response.status_code in (200, 422)


@pytest.mark.parametrize("query", ["du=0001-01-01", "au=9999-12-31", "rayon=nope"])
def test_absurd_filters_on_a_venue_page_are_ignored(signed_in, db_session, query):
    offer = bookable_offer(db_session, km=1)
    db_session.commit()
    assert signed_in.get(f"/lieux/{offer.venue_id}?{query}").status_code == 200


@pytest.mark.parametrize("query", ["rayon=nope", "rayon=", "rayon=999999999999999999999",
                                   "z=99999999999999999999", "page=" + HUGER])
def test_a_malformed_map_parameter_is_a_validation_message(signed_in, query):
    response = signed_in.get("/carte?" + query)
    assert response.status_code in (200, 422)
