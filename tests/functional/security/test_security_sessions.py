"""A session ends on the server: a cookie copied before sign-out, a new password or the deletion of
the account opens nothing afterwards, on any device."""

from __future__ import annotations

import pytest

from tests import factories
from tests.functional.account.steps import STRONG_PASSWORD
from tests.helpers import csrf_token, login

PERSONAL_PAGES = ("/profil/", "/profil/mes-donnees.json")


@pytest.fixture
def person(db_session):
    user = factories.young(db_session, email="lea@example.org")
    db_session.commit()
    return user


def session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def replayed(app, cookie: str):
    """Another browser holding a copy of the cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def assert_signed_out(client) -> None:
    for path in PERSONAL_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.location.startswith("/connexion"), path


def test_a_copied_cookie_works_while_the_person_is_signed_in(app, client, person):
    login(client, person.email, factories.PASSWORD)
    copy = replayed(app, session_cookie(client))
    assert copy.get("/profil/").status_code == 200


def test_a_cookie_copied_before_sign_out_opens_nothing_afterwards(app, client, person):
    login(client, person.email, factories.PASSWORD)
    cookie = session_cookie(client)
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get("/profil/"))})
    assert_signed_out(replayed(app, cookie))


def test_signing_out_ends_the_sessions_of_every_device(app, client, person):
    login(client, person.email, factories.PASSWORD)
    other_device = app.test_client()
    login(other_device, person.email, factories.PASSWORD)
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get("/profil/"))})
    assert_signed_out(other_device)


def test_sign_out_asks_the_browser_to_forget_its_caches(client, person):
    login(client, person.email, factories.PASSWORD)
    response = client.post(
        "/deconnexion", data={"csrf_token": csrf_token(client.get("/profil/"))}
    )
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_a_cookie_copied_before_a_password_change_opens_nothing(app, client, person):
    login(client, person.email, factories.PASSWORD)
    cookie = session_cookie(client)
    client.post("/compte/securite/mot-de-passe", data={
        "csrf_token": csrf_token(client.get("/compte/securite")),
        "password-current_password": factories.PASSWORD, "password-password": STRONG_PASSWORD,
    })
    assert client.get("/profil/").status_code == 200
    assert_signed_out(replayed(app, cookie))


def test_a_cookie_copied_before_the_account_was_deleted_opens_nothing(app, client, person):
    login(client, person.email, factories.PASSWORD)
    cookie = session_cookie(client)
    response = client.post("/profil/supprimer", data={
        "csrf_token": csrf_token(client.get("/profil/supprimer")),
        "password": factories.PASSWORD,
    })
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert_signed_out(replayed(app, cookie))


def test_a_session_naming_an_older_generation_is_refused(app, client, db_session, person):
    login(client, person.email, factories.PASSWORD)
    cookie = session_cookie(client)
    person.session_generation += 1
    db_session.commit()
    assert_signed_out(replayed(app, cookie))
