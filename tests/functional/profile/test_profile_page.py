"""The profile page: remaining credit and caps, expiry in the person's zone, credit and spending."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from models.bookings.api import book, cancel_by_person
from models.credit.api import birthday
from models.db import utcnow
from models.users.models import ActivityStatus
from tests import factories
from tests.helpers import counted_queries, html, login

PROFILE = "/profil/"


def signed_in_beneficiary(client, session, age=18, **fields):
    fields.setdefault("address", "4 rue de la République")
    fields.setdefault("activity", ActivityStatus.STUDENT)
    person = factories.young(session, age=age, **fields)
    factories.deposit(session, person)
    session.commit()
    login(client, person.email, factories.PASSWORD)
    return person


def facts(page, section_id) -> dict[str, str]:
    section = page.find("section", attrs={"aria-labelledby": section_id})
    return {term.get_text(strip=True): term.find_next("dd").get_text(" ", strip=True)
            for term in section.select("dl.facts dt")}


def table_rows(page, section_id) -> list[list[str]]:
    section = page.find("section", attrs={"aria-labelledby": section_id})
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in section.select("tbody tr")]


def bought(session, person, subcategory_id, price_cents, name):
    offer = factories.offer(session, subcategory_id=subcategory_id, name=name)
    stock = factories.stock(session, offer=offer, price_cents=price_cents)
    session.commit()
    return book(session, person.id, stock.id, 1, utcnow())


def test_the_credit_shows_remaining_total_digital_cap_and_expiry(client, db_session):
    person = signed_in_beneficiary(client, db_session)
    bought(db_session, person, "LIVRE_NUMERIQUE", 2000, "Roman numérique")
    bought(db_session, person, "LIVRE_PAPIER", 1250, "Manga papier")
    db_session.commit()
    credit = facts(html(client.get(PROFILE)), "credit-title")
    assert credit["Crédit restant"] == "117,50\xa0€"
    assert credit["Crédit reçu"] == "150,00\xa0€"
    assert credit["Reste pour les offres numériques"] == "80,00\xa0€"
    assert credit["Valable jusqu'au"].endswith("inclus")


def test_the_expiry_date_is_the_last_day_in_the_persons_own_time_zone(client, db_session):
    # In Guyane, midnight of the 21st birthday is already that day in Paris (UTC−3): shown in
    # the wrong zone, the last day would move one day later.
    person = signed_in_beneficiary(client, db_session, commune_code="97302", postal_code="97300")
    last_day = birthday(person.date_of_birth, 21) - dt.timedelta(days=1)
    credit = facts(html(client.get(PROFILE)), "credit-title")
    assert credit["Valable jusqu'au"] == f"{format_date(last_day, 'long', locale='fr')} inclus"


def test_the_credit_history_lists_the_grants(client, db_session):
    signed_in_beneficiary(client, db_session, age=17)
    rows = table_rows(html(client.get(PROFILE)), "grants-title")
    assert [row[1:] for row in rows] == [["Crédit de tes 17 ans", "50,00\xa0€"]]


def test_the_spending_history_lists_bookings_with_their_status_in_words(client, db_session):
    person = signed_in_beneficiary(client, db_session)
    bought(db_session, person, "LIVRE_PAPIER", 1250, "Manga papier")
    cancelled = bought(db_session, person, "LIVRE_PAPIER", 900, "Bande dessinée")
    cancel_by_person(db_session, cancelled.id, person.id, utcnow())
    db_session.commit()
    rows = table_rows(html(client.get(PROFILE)), "spending-title")
    by_offer = {row[0]: (row[2], row[3]) for row in rows}
    assert by_offer == {
        "Manga papier": ("12,50\xa0€", "Confirmée"),
        "Bande dessinée": ("9,00\xa0€ (rendu)", "Annulée par toi"),
    }


def test_a_person_without_credit_is_led_to_the_next_step(client, db_session):
    person = factories.young(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    page = html(client.get(PROFILE))
    assert page.find("a", string="Compléter mon profil")["href"] == "/profil/completer"
    assert "Tu n'as encore rien réservé." in page.get_text()


def test_a_16_year_old_is_invited_to_verify_their_identity(client, db_session):
    person = factories.young(db_session, age=16, address="1 rue Foch",
                             activity=ActivityStatus.HIGH_SCHOOL)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    text = html(client.get(PROFILE)).get_text(" ", strip=True)
    assert "Vérifie ton identité pour le recevoir" in text


def test_the_page_links_to_edit_export_and_delete(client, db_session):
    signed_in_beneficiary(client, db_session)
    page = html(client.get(PROFILE))
    assert page.find("a", string="Modifier mes informations")["href"] == "/profil/modifier"
    download = page.find("a", href="/profil/mes-donnees.json")
    assert download.has_attr("download") and download["hx-boost"] == "false"
    assert page.find("a", string="Supprimer mon compte")["href"] == "/profil/supprimer"
    security = page.find("a", string="Changer mon e-mail ou mon mot de passe")
    assert security["href"] == "/compte/securite"


def _statements_sent(app, client, path) -> int:
    with counted_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_profile_page_sends_the_same_queries_for_1_or_6_bookings(app, client, db_session):
    person = signed_in_beneficiary(client, db_session)
    bought(db_session, person, "LIVRE_PAPIER", 500, "Livre 0")
    one = _statements_sent(app, client, PROFILE)
    for number in range(1, 6):
        bought(db_session, person, "LIVRE_PAPIER", 500, f"Livre {number}")
    db_session.commit()
    assert _statements_sent(app, client, PROFILE) == one
    assert one <= 16
