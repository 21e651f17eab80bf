"""Rate limits: too many attempts get the form back with a French message and status 429.

The limits are lowered through the configuration, as an operator would tune them.
"""

from __future__ import annotations

import logging
import secrets
import uuid

import pytest
import redis

from tests import factories
from tests.functional.account.steps import sign_up, submit
from tests.helpers import csrf_token, html, login


@pytest.fixture
def app_config(app_config) -> dict:
    return {
        **app_config,
        "RATELIMIT_LOGIN": "3/hour",
        "RATELIMIT_SIGNUP": "2/hour",
        "RATELIMIT_SIGNUP_ATTEMPTS": "4/hour",
        "RATELIMIT_PASSWORD_RESET": "2/hour",
        "RATELIMIT_PASSWORD_CHECK": "3/minute",
        "RATELIMIT_ACCOUNT_MAIL": "2/hour",
    }


def notice(response) -> str:
    found = html(response).find(id="rate-limit-notice")
    assert found is not None, "no rate-limit notice on the page"
    return found.get_text(strip=True)


def from_address(app, address: str):
    """A client whose requests come from `address`, as another person's network would."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_repeated_failed_sign_ins_get_429_with_a_french_message(client):
    for _attempt in range(3):
        assert login(client, "lea@example.org", "Mauvais-2026!").status_code == 422
    response = login(client, "lea@example.org", "Mauvais-2026!")
    assert response.status_code == 429
    assert notice(response).startswith("Trop de tentatives en peu de temps.")
    assert "réessaie dans" in notice(response)
    assert html(response).h1.get_text(strip=True) == "Connexion"
    assert html(response).find(id="email")


def test_the_429_page_says_when_to_try_again(client):
    for _attempt in range(4):
        response = login(client, "lea@example.org", "Mauvais-2026!")
    assert int(response.headers["Retry-After"]) > 0


def test_failed_sign_ins_elsewhere_never_lock_the_person_out(app, db_session):
    person = factories.young(db_session)
    db_session.commit()
    for network in range(3):
        attacker = from_address(app, f"10.0.0.{network + 1}")
        for _attempt in range(4):
            login(attacker, person.email, "Mauvais-2026!")
    assert login(from_address(app, "10.0.0.99"), person.email, factories.PASSWORD).status_code \
        == 303


def test_failed_sign_ins_on_one_address_are_held_up_from_that_network_only(app):
    app.config.update(RATELIMIT_LOGIN="100/hour", RATELIMIT_LOGIN_ACCOUNT="2/minute;3/hour")
    client = from_address(app, "10.0.0.7")
    statuses = [login(client, "lea@example.org", "Mauvais-2026!").status_code for _ in range(3)]
    assert statuses == [422, 422, 429]
    assert int(login(client, "lea@example.org", "x").headers["Retry-After"]) <= 60
    assert login(from_address(app, "10.0.0.8"), "lea@example.org", "x").status_code == 422


def test_failed_sign_ins_are_counted_per_network_across_addresses(app):
    client = from_address(app, "10.0.1.1")
    for number in range(3):
        login(client, f"personne{number}@example.org", "Mauvais-2026!")
    assert login(client, "autre@example.org", "Mauvais-2026!").status_code == 429


def test_successful_sign_ins_are_not_counted(client, db_session):
    person = factories.young(db_session)
    db_session.commit()
    for _attempt in range(5):
        assert login(client, person.email, factories.PASSWORD).status_code == 303


def test_sign_ups_are_limited_per_network(app, inbox):
    client = from_address(app, "10.0.2.1")
    assert sign_up(client, email="un@example.org").status_code == 303
    client = from_address(app, "10.0.2.1")
    assert sign_up(client, email="deux@example.org").status_code == 303
    client = from_address(app, "10.0.2.1")
    response = sign_up(client, email="trois@example.org")
    assert response.status_code == 429
    assert notice(response).startswith("Trop de tentatives en peu de temps.")
    assert html(response).find(id="email")["value"] == "trois@example.org"


def test_reset_requests_are_limited_per_address(app, inbox):
    for number in range(2):
        submit(from_address(app, f"10.0.3.{number + 1}"), "/mot-de-passe-oublie",
               {"email": "lea@example.org"})
    response = submit(from_address(app, "10.0.3.50"), "/mot-de-passe-oublie",
                      {"email": "lea@example.org"})
    assert response.status_code == 429
    assert notice(response).startswith("Trop de tentatives en peu de temps.")


def test_reset_requests_are_limited_per_network(app, inbox):
    client = from_address(app, "10.0.4.1")
    for number in range(2):
        submit(client, "/mot-de-passe-oublie", {"email": f"p{number}@example.org"})
    response = submit(client, "/mot-de-passe-oublie", {"email": "autre@example.org"})
    assert response.status_code == 429


def test_the_inline_check_is_limited_and_keeps_the_list(client):
    token = csrf_token(client.get("/inscription"))
    headers = {"X-CSRFToken": token, "HX-Request": "true"}
    for _attempt in range(3):
        assert client.post("/mot-de-passe/verifier", data={"password": "x"},
                           headers=headers).status_code == 200
    response = client.post("/mot-de-passe/verifier", data={"password": "x"}, headers=headers)
    assert response.status_code == 429
    assert response.headers["HX-Reswap"] == "none"
    status = html(response).find(id="password-rules-status")
    assert status["hx-swap-oob"] == "innerHTML"
    assert status.get_text(strip=True).startswith("Vérification suspendue quelques instants")


def test_confirmation_links_cannot_be_resent_without_end(client, db_session, inbox):
    person = factories.young(db_session, email_confirmed_at=None)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    for _attempt in range(2):
        submit(client, "/profil/", {}, action="/inscription/renvoyer-le-lien")
    response = submit(client, "/profil/", {}, action="/inscription/renvoyer-le-lien")
    assert response.status_code == 429
    assert html(response).h1.get_text(strip=True) == "Trop de tentatives"
    assert len(inbox.to(person.email)) == 2


def test_counters_live_in_redis_when_it_is_configured(app_config, redis_url):
    from webapp import create_app

    app = create_app({**app_config, "REDIS_URL": redis_url})
    assert app.config["RATELIMIT_STORAGE_URI"] == redis_url
    email = f"{uuid.uuid4().hex}@example.org"
    address = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    client = from_address(app, address)
    for _attempt in range(3):
        assert login(client, email, "Mauvais-2026!").status_code == 422
    assert login(client, email, "Mauvais-2026!").status_code == 429
    keys = redis.Redis.from_url(redis_url).keys(f"*{email}*")
    assert keys, "the per-address counter is not in Redis"
    app.extensions["database"]["engine"].dispose()


def test_production_without_redis_warns_that_limits_are_per_process(app_config, caplog):
    from webapp import create_app

    with caplog.at_level(logging.WARNING, logger="webapp"):
        app = create_app({**app_config, "ENV": "production", "REDIS_URL": None,
                          "PUBLIC_BASE_URL": "https://pass.example.org"})
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert any("REDIS_URL is not set" in record.getMessage() for record in caplog.records)
    app.extensions["database"]["engine"].dispose()
