"""E-mail confirmation: a signed link valid 48 hours, working once, and a banner until then."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.db import utcnow
from models.users.models import User
from models.users.tokens import TokenPurpose, make_token
from tests import factories
from tests.functional.account.mailbox import body, link_path
from tests.functional.account.steps import STRONG_PASSWORD, confirm, sign_up, submit
from tests.helpers import html, login

CONFIRMATION_PREFIX = "/inscription/confirmer/"


def account(db_session, email="camille@example.org") -> User:
    # End the transaction (a new one sees what the app committed since) and forget the objects.
    db_session.rollback()
    db_session.expire_all()
    return db_session.scalars(select(User).where(User.email == email)).one()


def flashes(response) -> list[str]:
    return [flash.get_text(strip=True) for flash in html(response).select(".flash")]


def banner(response):
    return html(response).select_one(".confirm-banner")


def test_signup_sends_the_confirmation_link_through_smtp(client, inbox):
    sign_up(client)
    message = inbox.last_to("camille@example.org")
    assert message["Subject"] == "Confirme ton adresse e-mail"
    assert message["From"] == "pass Culture <ne-pas-repondre@passculture.example>"
    assert "valable 48 heures" in body(message)
    assert link_path(message).startswith(CONFIRMATION_PREFIX)


def test_the_link_confirms_the_address(client, db_session, inbox):
    sign_up(client)
    response = confirm(client, link_path(inbox.last_to("camille@example.org")),
                       follow_redirects=True)
    assert response.status_code == 200
    assert "Merci, ton adresse e-mail est confirmée." in flashes(response)
    assert account(db_session).email_confirmed_at is not None


def test_opening_the_link_changes_nothing_until_the_button_is_pressed(client, db_session,
                                                                     inbox):
    sign_up(client)
    page = client.get(link_path(inbox.last_to("camille@example.org")))
    assert page.status_code == 200
    assert html(page).find("button").get_text(strip=True) == "Confirmer mon adresse e-mail"
    assert account(db_session).email_confirmed_at is None


def test_the_link_signs_the_new_person_in_on_any_browser(app, db_session, inbox):
    sign_up(app.test_client())
    phone = app.test_client()
    response = confirm(phone, link_path(inbox.last_to("camille@example.org")))
    assert response.status_code == 303
    assert response.location == "/profil/completer"
    assert phone.get("/profil/").status_code == 200
    assert account(db_session).email_confirmed_at is not None


def test_the_link_works_only_once(client, db_session, inbox):
    sign_up(client)
    path = link_path(inbox.last_to("camille@example.org"))
    confirm(client, path)
    confirmed_at = account(db_session).email_confirmed_at
    again = confirm(client, path, follow_redirects=True)
    assert "Ton adresse e-mail est déjà confirmée." in flashes(again)
    assert account(db_session).email_confirmed_at == confirmed_at


def test_an_expired_link_gets_a_french_message(client, db_session, app):
    user = factories.young(db_session, email_confirmed_at=None)
    db_session.commit()
    sent = utcnow() - dt.timedelta(hours=48, minutes=1)
    token = make_token(app.config["SECRET_KEY"], TokenPurpose.EMAIL_CONFIRMATION,
                       {"user": user.id, "email": user.email}, sent)
    response = confirm(client, CONFIRMATION_PREFIX + token)
    assert response.status_code == 400
    assert html(response).select_one(".lead").text == (
        "Ce lien a expiré. Demande un nouveau lien pour continuer."
    )
    assert account(db_session, user.email).email_confirmed_at is None


def test_a_link_47_hours_old_still_works(client, db_session, app):
    user = factories.young(db_session, email_confirmed_at=None)
    db_session.commit()
    sent = utcnow() - dt.timedelta(hours=47)
    token = make_token(app.config["SECRET_KEY"], TokenPurpose.EMAIL_CONFIRMATION,
                       {"user": user.id, "email": user.email}, sent)
    assert confirm(client, CONFIRMATION_PREFIX + token).status_code == 303
    assert account(db_session, user.email).email_confirmed_at is not None


@pytest.mark.parametrize(
    "make_forged",
    [
        lambda user, now: make_token("another-secret", TokenPurpose.EMAIL_CONFIRMATION,
                                     {"user": user.id, "email": user.email}, now),
        lambda user, now: make_token("test-secret-key", TokenPurpose.PASSWORD_RESET,
                                     {"user": user.id, "email": user.email}, now),
        lambda user, now: make_token("test-secret-key", TokenPurpose.EMAIL_CONFIRMATION,
                                     {"user": user.id + 1000, "email": user.email}, now),
        lambda user, now: make_token("test-secret-key", TokenPurpose.EMAIL_CONFIRMATION,
                                     ["not", "a", "mapping"], now),
        lambda user, now: "n'importe-quoi",
        lambda user, now: "x" * 3000,
        lambda user, now: "éèà%C3%A9",
        lambda user, now: make_token("test-secret-key", TokenPurpose.EMAIL_CONFIRMATION,
                                     {"user": user.id, "email": user.email}, now)[:-3] + "AAA",
    ],
    ids=["other-key", "other-purpose", "unknown-user", "not-a-mapping", "garbage", "overlong",
         "non-ascii", "tampered"],
)
def test_a_forged_link_gets_a_french_message(client, db_session, make_forged):
    user = factories.young(db_session, email_confirmed_at=None)
    db_session.commit()
    response = confirm(client, CONFIRMATION_PREFIX + make_forged(user, utcnow()))
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert html(response).select_one(".lead").text.startswith("Ce lien n'est pas valable.")
    assert account(db_session, user.email).email_confirmed_at is None


def test_a_link_for_an_address_since_replaced_no_longer_confirms(client, db_session, app):
    user = factories.young(db_session, email_confirmed_at=None, email="old@example.org")
    db_session.commit()
    token = make_token(app.config["SECRET_KEY"], TokenPurpose.EMAIL_CONFIRMATION,
                       {"user": user.id, "email": "old@example.org"}, utcnow())
    user.email = "new@example.org"
    db_session.commit()
    response = confirm(client, CONFIRMATION_PREFIX + token)
    assert response.status_code == 400
    assert account(db_session, "new@example.org").email_confirmed_at is None


def test_an_unconfirmed_person_may_sign_in_and_sees_the_banner(client, db_session):
    user = factories.young(db_session, email_confirmed_at=None)
    db_session.commit()
    response = login(client, user.email, factories.PASSWORD)
    assert response.status_code == 303
    shown = banner(client.get(response.location))
    assert shown is not None
    assert "Confirme ton adresse e-mail." in shown.get_text()
    assert shown.find("button").get_text(strip=True) == "Renvoyer le lien"


def test_a_confirmed_person_sees_no_banner(client, db_session):
    user = factories.young(db_session)
    db_session.commit()
    response = login(client, user.email, factories.PASSWORD)
    assert banner(client.get(response.location)) is None


def test_the_banner_can_send_the_link_again(client, db_session, inbox):
    sign_up(client)
    login(client, "camille@example.org", STRONG_PASSWORD)
    inbox.messages.clear()
    response = submit(client, "/profil/", {"next": "/profil/"},
                      action="/inscription/renvoyer-le-lien")
    assert response.status_code == 303
    assert response.location == "/profil/"
    confirm(client, link_path(inbox.last_to("camille@example.org")))
    assert account(db_session).email_confirmed_at is not None


def test_the_link_is_not_sent_again_once_confirmed(client, db_session, inbox):
    user = factories.young(db_session)
    db_session.commit()
    login(client, user.email, factories.PASSWORD)
    response = submit(client, "/profil/", {}, action="/inscription/renvoyer-le-lien",
                      follow_redirects=True)
    assert "Ton adresse e-mail est déjà confirmée." in flashes(response)
    assert inbox.to(user.email) == []


def test_the_message_is_in_english_for_a_person_who_chose_english(client, inbox):
    client.get("/?lang=en")
    sign_up(client)
    message = inbox.last_to("camille@example.org")
    assert message["Subject"] == "Confirm your e-mail address"
    assert "valid for 48 hours" in body(message)
