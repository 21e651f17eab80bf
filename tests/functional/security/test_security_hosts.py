"""Links in e-mails start with the configured public address, whatever Host a request names;
a host the app does not serve gets a short 400 page, and no e-mail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.emails.models import OutboundEmail
from tests import factories
from tests.helpers import csrf_token, html

PUBLIC = "https://pass.example.org"
FORGOTTEN = "/mot-de-passe-oublie"


@pytest.fixture
def app_config(app_config) -> dict:
    # "localhost" stays trusted for the test client; the links must still use the public address.
    return {**app_config, "PUBLIC_BASE_URL": PUBLIC + "/",
            "TRUSTED_HOSTS": ["pass.example.org", "localhost"]}


@pytest.fixture
def person(db_session):
    user = factories.young(db_session, email="lea@example.org")
    db_session.commit()
    return user


def sent_bodies(db_session) -> list[str]:
    return list(db_session.scalars(select(OutboundEmail.body_text)))


def ask_for_reset(client, **kwargs):
    token = csrf_token(client.get(FORGOTTEN))
    return client.post(FORGOTTEN, data={"csrf_token": token, "email": "lea@example.org"},
                       **kwargs)


def test_a_reset_link_starts_with_the_public_address_not_the_request_host(
    client, db_session, person
):
    assert ask_for_reset(client).status_code == 303
    [body] = sent_bodies(db_session)
    assert f"{PUBLIC}/mot-de-passe-oublie/" in body
    assert "localhost" not in body


def test_a_request_naming_an_unknown_host_is_refused_with_a_page_and_sends_nothing(
    client, db_session, person
):
    token = csrf_token(client.get(FORGOTTEN))
    response = client.post(FORGOTTEN, data={"csrf_token": token, "email": "lea@example.org"},
                           headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert html(response).find("h1").get_text(strip=True) == "Adresse inconnue"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert sent_bodies(db_session) == []


@pytest.mark.parametrize("host", ["evil.example", "pass.example.org.evil.example", "", "a b"])
def test_any_page_asked_for_an_unknown_host_is_a_400(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400

