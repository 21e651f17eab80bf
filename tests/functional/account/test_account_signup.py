"""Sign-up: a young person's account, created only when every rule of the form is met."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models.users.api import TERMS_VERSION
from models.users.models import User
from tests import factories
from tests.functional.account.mailbox import body
from tests.functional.account.steps import (
    SIGNUP_PATH,
    birth_date_for_age,
    error_ids,
    field_error,
    sign_up,
    signup_data,
)
from tests.helpers import html, login


def accounts(db_session) -> list[User]:
    # End the transaction (a new one sees what the app committed since) and forget the objects.
    db_session.rollback()
    db_session.expire_all()
    return list(db_session.scalars(select(User).where(User.is_beneficiary)))


def test_signup_page_shows_every_field_with_its_label(client):
    page = html(client.get(SIGNUP_PATH))
    labels = {label.get_text(strip=True) for label in page.select("label")}
    assert {"Adresse e-mail", "Mot de passe", "Jour", "Mois", "Année"} <= labels
    assert page.find("legend").get_text(strip=True) == "Date de naissance"
    assert page.find("input", attrs={"name": "accept_terms", "type": "checkbox"})


def test_terms_checkbox_points_to_the_public_terms_page(client):
    link = html(client.get(SIGNUP_PATH)).find("a", href="/cgu")
    assert link is not None
    terms = client.get("/cgu")
    assert terms.status_code == 200
    assert html(terms).h1.get_text(strip=True) == "Conditions générales d'utilisation"


def test_signup_creates_a_young_account_and_signs_the_person_in(client, db_session, inbox):
    response = sign_up(client)
    assert response.status_code == 303
    [account] = accounts(db_session)
    assert account.email == "camille@example.org"
    assert account.is_beneficiary
    assert account.date_of_birth == birth_date_for_age(16)
    assert account.email_confirmed_at is None
    assert account.check_password("Un-Mot-de-passe-2026!")
    assert account.terms_version == TERMS_VERSION
    assert account.terms_accepted_at == account.created_at
    home = client.get(response.location)
    assert home.status_code == 200


def test_signup_asks_to_open_the_link_sent_by_e_mail(client, inbox):
    response = sign_up(client)
    assert response.location == "/inscription/lien-envoye"
    page = html(client.get(response.location))
    assert page.find("h1").get_text(strip=True) == "Vérifie ta boîte mail"
    assert "Nous avons envoyé un message à camille@example.org." in page.get_text(" ")
    assert client.get("/profil/").status_code == 302


def test_signup_stores_the_email_in_lower_case(client, db_session, inbox):
    sign_up(client, email="  Camille.Durand@Example.ORG ")
    assert [account.email for account in accounts(db_session)] == ["camille.durand@example.org"]


@pytest.mark.parametrize(
    "email", ["camille@example.org", "CAMILLE@EXAMPLE.ORG", "Camille@example.org"]
)
def test_an_address_with_an_account_gets_the_same_answer_and_an_e_mail(app, db_session,
                                                                       inbox, email):
    factories.young(db_session, email="camille@example.org")
    db_session.commit()
    new_address = sign_up(app.test_client(), email="someone.new@example.org")
    known_address = sign_up(app.test_client(), email=email)
    assert (known_address.status_code, known_address.location) == (
        new_address.status_code, new_address.location)
    assert len(accounts(db_session)) == 2
    message = inbox.last_to("camille@example.org")
    assert message["Subject"] == "Tu as déjà un compte pass Culture"
    assert "/mot-de-passe-oublie" in body(message)


def test_under_15_is_refused_with_a_french_message(client, db_session):
    response = sign_up(client, born=birth_date_for_age(14))
    assert response.status_code == 422
    assert field_error(response, "date_of_birth") == (
        "Erreur : Il faut avoir au moins 15 ans pour créer un compte pass Culture."
    )
    assert accounts(db_session) == []


def test_the_15th_birthday_is_enough(client, db_session, inbox):
    today = dt.date.today()
    try:
        born = today.replace(year=today.year - 15)
    except ValueError:  # 29 February
        born = dt.date(today.year - 15, 2, 28)
    assert sign_up(client, born=born).status_code == 303


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("1", "1", str(dt.date.today().year + 1),
         "Ta date de naissance ne peut pas être dans le futur."),
        ("1", "1", "1850", "Vérifie l'année de ta date de naissance : elle semble incorrecte."),
        ("31", "2", "2009", "Indique une date de naissance qui existe, par exemple 27 3 2008."),
        ("12", "13", "2009", "Indique une date de naissance qui existe, par exemple 27 3 2008."),
        ("douze", "3", "2009", "Indique une date de naissance qui existe, par exemple 27 3 2008."),
        ("", "", "", "Indique ta date de naissance : jour, mois et année."),
        ("12", "", "2009", "Indique ta date de naissance : jour, mois et année."),
    ],
)
def test_impossible_dates_of_birth_are_refused(client, db_session, day, month, year, message):
    response = sign_up(client, **{
        "date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year,
    })
    assert response.status_code == 422
    assert field_error(response, "date_of_birth") == f"Erreur : {message}"
    assert accounts(db_session) == []


def test_terms_must_be_accepted(client, db_session):
    response = sign_up(client, accept_terms=None)
    assert response.status_code == 422
    assert field_error(response, "accept_terms") == (
        "Erreur : Accepte les conditions générales d'utilisation pour créer ton compte."
    )


def test_weak_password_is_refused_naming_the_missing_rules(client, db_session):
    response = sign_up(client, password="motdepasse")
    assert response.status_code == 422
    assert field_error(response, "password") == (
        "Erreur : Ton mot de passe ne respecte pas toutes les règles. À revoir : au moins "
        "12 caractères, une lettre majuscule, un chiffre, un symbole (par exemple ! ? - _ #)."
    )
    assert accounts(db_session) == []


def test_refused_password_shows_the_rules_list_for_what_was_sent(client):
    page = html(sign_up(client, password="motdepasse-long"))
    states = {
        item.get_text(" ", strip=True).split(" : ", 1)[1]: "is-met" in item["class"]
        for item in page.select("#password-rules-list li")
    }
    assert states == {
        "Au moins 12 caractères": True,
        "Au plus 72 caractères": True,
        "Une lettre majuscule": False,
        "Une lettre minuscule": True,
        "Un chiffre": False,
        "Un symbole (par exemple ! ? - _ #)": True,
    }


def test_every_mistake_is_shown_at_once_and_listed_in_the_summary(client):
    response = sign_up(client, email="pas-une-adresse", password="court", accept_terms=None,
                       born=birth_date_for_age(12))
    assert error_ids(response) == {
        "email-error", "password-error", "date_of_birth-error", "accept_terms-error",
    }
    summary_links = {link["href"] for link in html(response).select(".error-summary a")}
    assert summary_links == {"#email", "#password", "#date_of_birth", "#accept_terms"}


def test_errors_are_tied_to_their_fields(client):
    page = html(sign_up(client, email="pas-une-adresse", born=birth_date_for_age(12)))
    assert "email-error" in page.find(id="email")["aria-describedby"].split()
    assert page.find(id="email")["aria-invalid"] == "true"
    fieldset = page.find("fieldset", class_="date-input")
    assert "date_of_birth-error" in fieldset["aria-describedby"].split()


def test_signed_in_person_is_sent_home_from_signup(client, db_session):
    person = factories.young(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    response = client.get(SIGNUP_PATH)
    assert response.status_code == 303


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "a" * 5000 + "@example.org"},
        {"password": "Aa1!" * 5000},
        {"email": "jösé@exämple.org"},
        {"email": "名前@例え.jp"},
        {"password": "Mot-de-passe-évident-2026-🎭"},
        {"date_of_birth-day": "9" * 500},
        {"date_of_birth-year": "２００９"},
        {"date_of_birth-year": "-2009"},
        {"email": None, "password": None},
        {"date_of_birth-day": None, "date_of_birth-month": None, "date_of_birth-year": None},
        {"accept_terms": "non"},
        {"email": "camille@example.org\r\nBcc: victim@example.org"},
    ],
    ids=lambda overrides: ",".join(overrides),
)
def test_bad_input_gets_a_page_never_a_server_error(client, inbox, overrides):
    response = sign_up(client, **overrides)
    assert response.status_code in (303, 422)
    if response.status_code == 422:
        assert html(response).select(".field-error")


def test_a_missing_csrf_token_is_refused_with_a_french_page(client, db_session):
    response = client.post(SIGNUP_PATH, data=signup_data())
    assert response.status_code == 400
    assert "Le formulaire a expiré" in html(response).get_text()
    assert accounts(db_session) == []


def test_two_accounts_for_one_address_never_exist(client, db_session, inbox):
    sign_up(client, email="camille@example.org")
    other = client.application.test_client()
    sign_up(other, email="Camille@Example.org")
    count = db_session.scalar(
        select(func.count())
        .select_from(User)
        .where(func.lower(User.email) == "camille@example.org")
    )
    assert count == 1
