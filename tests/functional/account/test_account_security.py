"""The security page: any signed-in person changes their password (the current one required)
or their e-mail address (confirmed through a link sent to the new one; the old one is told)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.db import utcnow
from models.users.models import User
from models.users.tokens import TokenPurpose, make_token, password_fingerprint
from tests import factories
from tests.factories.users import Role
from tests.functional.account.mailbox import body, link_path
from tests.functional.account.steps import field_error, submit
from tests.helpers import html, login

SECURITY_PATH = "/compte/securite"
NEW_PASSWORD = "Nouveau-Secret-2026?"


def reload(db_session, user) -> User:
    # End the transaction (a new one sees what the app committed since) and forget the objects.
    db_session.rollback()
    db_session.expire_all()
    return db_session.get(User, user.id)


@pytest.fixture
def person(client, db_session):
    user = factories.young(db_session, email="lea@example.org")
    db_session.commit()
    login(client, user.email, factories.PASSWORD)
    return user


def change_password(client, current=factories.PASSWORD, new=NEW_PASSWORD):
    return submit(client, SECURITY_PATH, {
        "password-current_password": current, "password-password": new,
    }, action=f"{SECURITY_PATH}/mot-de-passe")


def change_email(client, new_email, password=factories.PASSWORD):
    return submit(client, SECURITY_PATH, {
        "email-email": new_email, "email-current_password": password,
    }, action=f"{SECURITY_PATH}/adresse-e-mail")


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_role_has_the_security_page(client, db_session, role):
    user = factories.user(db_session, role)
    db_session.commit()
    login(client, user.email, factories.PASSWORD)
    page = html(client.get(SECURITY_PATH))
    assert page.h1.get_text(strip=True) == "Sécurité du compte"
    assert [h2.get_text(strip=True) for h2 in page.select("section > h2")] == [
        "Adresse e-mail", "Mot de passe",
    ]


def test_the_two_forms_have_distinct_field_ids(client, person):
    page = html(client.get(SECURITY_PATH))
    ids = [element["id"] for element in page.select("input[id]")]
    assert len(ids) == len(set(ids))


def test_password_change_needs_the_current_password(client, db_session, person):
    response = change_password(client, current="Pas-le-bon-2026!")
    assert response.status_code == 422
    assert field_error(response, "password-current_password") == (
        "Erreur : Ton mot de passe actuel est incorrect."
    )
    assert reload(db_session, person).check_password(factories.PASSWORD)


def test_password_change_applies_the_rules(client, db_session, person):
    response = change_password(client, new="faible")
    assert response.status_code == 422
    assert field_error(response, "password-password").startswith(
        "Erreur : Ton mot de passe ne respecte pas toutes les règles. À revoir :"
    )


def test_the_new_password_must_differ_from_the_current_one(client, person):
    response = change_password(client, new=factories.PASSWORD)
    assert response.status_code == 422
    assert field_error(response, "password-password") == (
        "Erreur : Ton nouveau mot de passe doit être différent de l'actuel."
    )


def test_password_change_works_and_the_person_is_told_by_email(
    app, client, db_session, inbox, person
):
    response = change_password(client)
    assert response.status_code == 303
    assert reload(db_session, person).check_password(NEW_PASSWORD)
    notice = inbox.last_to("lea@example.org")
    assert notice["Subject"] == "Ton mot de passe a été changé"
    assert link_path(notice) == "/mot-de-passe-oublie"
    assert client.get(SECURITY_PATH).status_code == 200
    assert login(app.test_client(), "lea@example.org", NEW_PASSWORD).status_code == 303


def test_a_new_password_signs_out_every_other_device_but_this_one(app, client, person):
    phone = app.test_client()
    login(phone, "lea@example.org", factories.PASSWORD)
    assert phone.get(SECURITY_PATH).status_code == 200
    assert change_password(client).status_code == 303
    assert client.get(SECURITY_PATH).status_code == 200
    signed_out = phone.get(SECURITY_PATH)
    assert signed_out.status_code == 302
    assert signed_out.location.startswith("/connexion")


def test_email_change_sends_a_link_to_the_new_address_and_tells_the_old(
    client, db_session, inbox, person
):
    response = change_email(client, "Lea.Nouvelle@Example.org")
    assert response.status_code == 303
    assert reload(db_session, person).email == "lea@example.org"
    confirmation = inbox.last_to("lea.nouvelle@example.org")
    assert confirmation["Subject"] == "Confirme ta nouvelle adresse e-mail"
    assert "lea@example.org" in body(confirmation)
    notice = inbox.last_to("lea@example.org")
    assert notice["Subject"] == "Changement d'adresse e-mail demandé"
    assert "lea.nouvelle@example.org" in body(notice)


def test_the_link_shows_the_change_then_makes_it_when_confirmed(
    app, client, db_session, inbox, person
):
    change_email(client, "lea.nouvelle@example.org")
    path = link_path(inbox.last_to("lea.nouvelle@example.org"))
    page = client.get(path)
    assert page.status_code == 200
    assert reload(db_session, person).email == "lea@example.org"
    button = html(page).select_one("main button")
    assert button.get_text(strip=True) == "Utiliser lea.nouvelle@example.org"
    response = submit(client, path, {})
    assert response.status_code == 303
    changed = reload(db_session, person)
    assert changed.email == "lea.nouvelle@example.org"
    assert changed.email_confirmed_at is not None
    signed_in = login(app.test_client(), "lea.nouvelle@example.org", factories.PASSWORD)
    assert signed_in.status_code == 303


def test_the_email_change_link_works_once(client, inbox, person):
    change_email(client, "lea.nouvelle@example.org")
    path = link_path(inbox.last_to("lea.nouvelle@example.org"))
    submit(client, path, {})
    again = client.get(path)
    assert again.status_code == 400
    assert html(again).select_one(".lead").get_text(strip=True) == (
        "Ce lien a déjà servi. Demande un nouveau lien si tu en as encore besoin."
    )


def test_changing_the_password_cancels_a_pending_email_change(client, inbox, person):
    change_email(client, "intrus@example.org")
    path = link_path(inbox.last_to("intrus@example.org"))
    change_password(client)
    assert client.get(path).status_code == 400


def test_email_change_needs_the_current_password(client, inbox, person):
    response = change_email(client, "lea.nouvelle@example.org", password="Pas-le-bon-2026!")
    assert response.status_code == 422
    assert field_error(response, "email-current_password") == (
        "Erreur : Ton mot de passe actuel est incorrect."
    )
    assert inbox.messages == []


def test_email_change_to_an_address_already_used_is_refused(client, db_session, inbox, person):
    factories.pro(db_session, email="pris@example.org")
    db_session.commit()
    response = change_email(client, "PRIS@example.org")
    assert response.status_code == 422
    assert field_error(response, "email-email") == (
        "Erreur : Un compte existe déjà avec cette adresse e-mail."
    )
    assert inbox.messages == []


def test_email_change_to_the_same_address_is_refused(client, person):
    response = change_email(client, "LEA@example.org")
    assert field_error(response, "email-email") == (
        "Erreur : C'est déjà l'adresse e-mail de ton compte."
    )


def test_an_address_taken_meanwhile_is_refused_when_the_link_is_opened(
    client, db_session, inbox, person
):
    change_email(client, "lea.nouvelle@example.org")
    path = link_path(inbox.last_to("lea.nouvelle@example.org"))
    factories.young(db_session, email="lea.nouvelle@example.org")
    db_session.commit()
    response = submit(client, path, {})
    assert response.status_code == 400
    assert html(response).select_one(".lead").get_text(strip=True) == (
        "Un compte existe déjà avec cette adresse e-mail."
    )
    assert reload(db_session, person).email == "lea@example.org"


def test_an_expired_email_change_link_gets_a_french_message(app, client, db_session, person):
    payload = {"user": person.id, "from": person.email, "to": "x@example.org",
               "password": password_fingerprint(person.password_hash)}
    token = make_token(app.config["SECRET_KEY"], TokenPurpose.EMAIL_CHANGE, payload,
                       utcnow() - dt.timedelta(hours=49))
    response = client.get(f"/compte/adresse-e-mail/{token}")
    assert response.status_code == 400
    assert html(response).select_one(".lead").get_text(strip=True) == (
        "Ce lien a expiré. Demande un nouveau lien pour continuer."
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email-email": "x" * 1000, "email-current_password": "y" * 1000},
        {"email-email": "ñ@ñ.ñ", "email-current_password": "é"},
        {"email-email": "a@example.org\nBcc: b@example.org", "email-current_password": "x"},
    ],
    ids=["missing", "overlong", "non-ascii", "header-injection"],
)
def test_bad_email_change_input_gets_a_form_never_a_server_error(client, inbox, person, data):
    response = submit(client, SECURITY_PATH, data, action=f"{SECURITY_PATH}/adresse-e-mail")
    assert response.status_code == 422
    assert html(response).select(".field-error")
    assert inbox.messages == []


@pytest.mark.parametrize(
    "data",
    [{}, {"password-current_password": "é" * 500, "password-password": "ü" * 5000}],
    ids=["missing", "overlong"],
)
def test_bad_password_change_input_gets_a_form_never_a_server_error(client, person, data):
    response = submit(client, SECURITY_PATH, data, action=f"{SECURITY_PATH}/mot-de-passe")
    assert response.status_code == 422
    assert html(response).select(".field-error")
