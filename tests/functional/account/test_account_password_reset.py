"""Forgotten password: the same answer for every address, a signed link valid one hour and
working once, then a new password meeting the rules, and the person signed in."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.db import utcnow
from models.emails.models import OutboundEmail
from models.users.models import User
from models.users.tokens import TokenPurpose, make_token, password_fingerprint
from tests import factories
from tests.functional.account.mailbox import body, link_path
from tests.functional.account.steps import field_error, submit
from tests.helpers import html, login

FORGOTTEN_PATH = "/mot-de-passe-oublie"
NEW_PASSWORD = "Nouveau-Secret-2026?"


def ask_for_reset(client, email):
    return submit(client, FORGOTTEN_PATH, {"email": email}, follow_redirects=True)


def choose_password(client, path, password=NEW_PASSWORD):
    return submit(client, path, {"password": password})


def reload(db_session, user) -> User:
    # End the transaction (a new one sees what the app committed since) and forget the objects.
    db_session.rollback()
    db_session.expire_all()
    return db_session.get(User, user.id)


@pytest.fixture
def person(db_session):
    user = factories.young(db_session, email="lea@example.org")
    db_session.commit()
    return user


def test_sign_in_page_links_to_the_forgotten_password_page(client):
    link = html(client.get("/connexion")).find("a", string="Mot de passe oublié ?")
    assert link["href"] == FORGOTTEN_PATH


def test_the_whole_reset_goes_through_real_smtp_and_signs_the_person_in(
    client, db_session, inbox, person
):
    ask_for_reset(client, "lea@example.org")
    message = inbox.last_to("lea@example.org")
    assert message["Subject"] == "Choisis un nouveau mot de passe"
    assert "valable 1 heure" in body(message)
    form_page = client.get(link_path(message))
    assert form_page.status_code == 200
    assert html(form_page).h1.get_text(strip=True) == "Choisis un nouveau mot de passe"
    response = choose_password(client, link_path(message))
    assert response.status_code == 303
    assert client.get(response.location).status_code == 200
    assert reload(db_session, person).check_password(NEW_PASSWORD)


def test_after_a_reset_the_old_password_no_longer_works(app, client, inbox, person):
    ask_for_reset(client, "lea@example.org")
    choose_password(client, link_path(inbox.last_to("lea@example.org")))
    other = app.test_client()
    assert login(other, "lea@example.org", factories.PASSWORD).status_code == 422
    assert login(other, "lea@example.org", NEW_PASSWORD).status_code == 303


def test_a_reset_signs_out_the_devices_still_signed_in(app, client, inbox, person):
    lost_phone = app.test_client()
    login(lost_phone, "lea@example.org", factories.PASSWORD)
    assert lost_phone.get("/profil/").status_code == 200
    ask_for_reset(client, "lea@example.org")
    choose_password(client, link_path(inbox.last_to("lea@example.org")))
    assert lost_phone.get("/profil/").status_code == 302


def test_the_answer_is_the_same_whether_the_account_exists_or_not(app, inbox, person):
    known = ask_for_reset(app.test_client(), "lea@example.org")
    unknown = ask_for_reset(app.test_client(), "personne@example.org")
    assert known.status_code == unknown.status_code == 200

    def answer(response):
        flash = html(response).select_one(".flash").get_text(strip=True)
        for address in ("lea@example.org", "personne@example.org"):
            flash = flash.replace(address, "ADDRESS")
        return flash

    assert answer(known) == answer(unknown)
    assert answer(known).startswith("Si un compte utilise l'adresse ADDRESS")


def test_no_message_is_sent_to_an_address_without_account(client, db_session, inbox):
    ask_for_reset(client, "personne@example.org")
    assert inbox.messages == []
    assert db_session.scalar(select(OutboundEmail.id)) is None


def test_the_address_is_matched_whatever_its_case(client, inbox, person):
    ask_for_reset(client, "  LEA@Example.org ")
    assert inbox.last_to("lea@example.org")


def test_the_reset_link_works_only_once(client, inbox, person):
    ask_for_reset(client, "lea@example.org")
    path = link_path(inbox.last_to("lea@example.org"))
    choose_password(client, path)
    again = client.get(path)
    assert again.status_code == 400
    assert html(again).select_one(".lead").get_text(strip=True) == (
        "Ce lien a déjà servi. Demande un nouveau lien si tu en as encore besoin."
    )
    assert choose_password(client, path, "Encore-un-autre-2026!").status_code == 400


def test_a_reset_link_older_than_one_hour_has_expired(app, client, db_session, person):
    sent = utcnow() - dt.timedelta(minutes=61)
    token = make_token(app.config["SECRET_KEY"], TokenPurpose.PASSWORD_RESET,
                       {"user": person.id, "password": password_fingerprint(person.password_hash)},
                       sent)
    response = client.get(f"{FORGOTTEN_PATH}/{token}")
    assert response.status_code == 400
    assert html(response).select_one(".lead").get_text(strip=True) == (
        "Ce lien a expiré. Demande un nouveau lien pour continuer."
    )
    late = submit(client, FORGOTTEN_PATH, {"password": NEW_PASSWORD},
                  action=f"{FORGOTTEN_PATH}/{token}")
    assert late.status_code == 400
    assert reload(db_session, person).check_password(factories.PASSWORD)


@pytest.mark.parametrize("token", ["abc", "x" * 3000, "é-è", "eyJ1c2VyIjoxfQ.ZZZ.YYY"])
def test_a_forged_reset_link_gets_a_french_message(client, person, token):
    response = client.get(f"{FORGOTTEN_PATH}/{token}")
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert html(response).select_one(".lead").get_text(strip=True).startswith(
            "Ce lien n'est pas valable."
        )


def test_the_new_password_must_meet_the_rules(client, db_session, inbox, person):
    ask_for_reset(client, "lea@example.org")
    path = link_path(inbox.last_to("lea@example.org"))
    response = choose_password(client, path, "tropcourt")
    assert response.status_code == 422
    assert field_error(response, "password").startswith(
        "Erreur : Ton mot de passe ne respecte pas toutes les règles. À revoir :"
    )
    assert reload(db_session, person).check_password(factories.PASSWORD)
    assert choose_password(client, path).status_code == 303


def test_a_reset_confirms_an_unconfirmed_address(client, db_session, inbox):
    user = factories.young(db_session, email="nouveau@example.org", email_confirmed_at=None)
    db_session.commit()
    ask_for_reset(client, "nouveau@example.org")
    choose_password(client, link_path(inbox.last_to("nouveau@example.org")))
    assert reload(db_session, user).email_confirmed_at is not None


def test_a_deleted_account_gets_no_reset_link(client, db_session, inbox):
    factories.young(db_session, email="parti@example.org", anonymised_at=utcnow())
    db_session.commit()
    ask_for_reset(client, "parti@example.org")
    assert inbox.messages == []


@pytest.mark.parametrize("email", ["", "pas-une-adresse", "a" * 300 + "@example.org", "ü@ü"])
def test_a_bad_address_is_refused_beside_the_field(client, inbox, email):
    response = submit(client, FORGOTTEN_PATH, {"email": email})
    assert response.status_code == 422
    assert field_error(response, "email").startswith("Erreur : ")
    assert inbox.messages == []


def test_the_new_password_page_has_the_inline_rules(client, inbox, person):
    ask_for_reset(client, "lea@example.org")
    page = html(client.get(link_path(inbox.last_to("lea@example.org"))))
    assert page.find(id="password")["hx-post"] == "/mot-de-passe/verifier?field=password"
    assert len(page.select("#password-rules-list li")) == 6
