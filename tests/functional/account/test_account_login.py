"""Sign-in and sign-out: one message whatever was wrong, and a fresh session at each sign-in."""

from __future__ import annotations

import pytest
from flask import url_for

from models.db import utcnow
from models.users.capacities import Capacity
from tests import factories
from tests.functional.account.steps import field_error
from tests.helpers import csrf_token, html, login
from webapp.navigation import CAPACITY_HOMES


@pytest.fixture
def person(db_session):
    user = factories.young(db_session, email="lea@example.org")
    db_session.commit()
    return user


def young_home(app) -> str:
    with app.test_request_context():
        return url_for(CAPACITY_HOMES[Capacity.BENEFICIARY])


def test_sign_in_sends_the_person_home(app, client, person):
    response = login(client, "lea@example.org", factories.PASSWORD)
    assert response.status_code == 303
    assert response.location == young_home(app)


def test_sign_in_accepts_the_address_in_any_case(client, person):
    assert login(client, "  LEA@Example.ORG ", factories.PASSWORD).status_code == 303


@pytest.mark.parametrize(
    ("email", "password"),
    [("lea@example.org", "Mauvais-mot-2026!"), ("personne@example.org", factories.PASSWORD)],
    ids=["wrong-password", "unknown-address"],
)
def test_a_failed_sign_in_says_the_same_thing_whatever_was_wrong(client, person, email, password):
    response = login(client, email, password)
    assert response.status_code == 422
    assert field_error(response, "password") == (
        "Erreur : Adresse e-mail ou mot de passe incorrect."
    )


def test_a_deleted_account_cannot_sign_in(client, db_session):
    factories.young(db_session, email="parti@example.org", anonymised_at=utcnow())
    db_session.commit()
    assert login(client, "parti@example.org", factories.PASSWORD).status_code == 422


def test_sign_in_starts_a_fresh_session(client, person):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    login(client, "lea@example.org", factories.PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].partition(":")[0] == str(person.id)


def test_sign_in_follows_a_safe_next_address_only(app, client, person):
    token = csrf_token(client.get("/connexion"))
    data = {"csrf_token": token, "email": "lea@example.org", "password": factories.PASSWORD}
    response = client.post("/connexion?next=//evil.example/x", data=data)
    assert response.location == young_home(app)


def test_sign_out_ends_the_session(client, person):
    response = login(client, "lea@example.org", factories.PASSWORD)
    page = client.get(response.location)
    token = csrf_token(page)
    out = client.post("/deconnexion", data={"csrf_token": token})
    assert out.status_code == 303
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/compte/securite").status_code == 302


def test_the_sign_in_page_offers_sign_up_and_forgotten_password(client):
    page = html(client.get("/connexion"))
    links = {link.get_text(strip=True): link["href"] for link in page.select("main a")}
    assert links["Mot de passe oublié ?"] == "/mot-de-passe-oublie"
    assert links["Créer un compte"] == "/inscription"


@pytest.mark.parametrize(
    "data",
    [{}, {"email": "x" * 10_000, "password": "y" * 10_000}, {"email": "é@ü", "password": "ñ"}],
    ids=["missing", "overlong", "non-ascii"],
)
def test_bad_sign_in_input_gets_the_form_again(client, data):
    token = csrf_token(client.get("/connexion"))
    response = client.post("/connexion", data={"csrf_token": token, **data})
    assert response.status_code == 422
    assert html(response).select(".field-error")


def test_overlong_sign_in_input_is_refused_in_french(client):
    token = csrf_token(client.get("/connexion"))
    response = client.post("/connexion", data={
        "csrf_token": token, "email": "x" * 300 + "@example.org", "password": "y" * 100,
    })
    assert field_error(response, "email") == (
        "Erreur : Une adresse e-mail compte 254 caractères au plus."
    )
    assert field_error(response, "password") == (
        "Erreur : Un mot de passe compte 72 caractères au plus."
    )
