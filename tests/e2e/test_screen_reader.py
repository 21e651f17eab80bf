"""What a screen reader gets from the deck, an offer, the booking confirmation and the ticket.

Each test compares the accessibility tree Chromium builds (roles, names, heading levels, order)
with an ARIA snapshot. Names that come from the demo data are read from the database or from
the page first and written into the snapshot, so a snapshot checks that the same name reaches
every control it should; regular expressions (`/.../`) stand for dates, prices and distances.
The map's list of venues has its own snapshot in test_map.py.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.booking_steps import book, bookable_events
from tests.e2e.helpers import assert_accessible, shown_offer, visit
from tests.factories.users import Role

TOKEN = re.compile(r"^[A-Z2-7]{6}$")

# Patterns of the accessibility tree's text, for what the demo data and the calendar vary.
PRICE = r"(Gratuit|\d+,\d\d\s€)"
CATEGORY_LINE = r"^[^·]+ · [^·]+$"
VENUE_LINE = r"^.+ · (à \d+(,\d)? km|En ligne)$"
# When an event begins, as people say it: "jeudi 3 décembre à 20h30", with the year only when
# it is not the current one, and neither seconds nor a time zone.
EVENT_DATE = r"\S+ \d+ \S+ (\d{4} )?à \d\dh\d\d"
EURO_AMOUNT = r"^\d+,\d\d\s€$"


def named(role: str, name: str, *attributes: str) -> str:
    """One node of an ARIA snapshot with an exact name, quoted whatever the name contains."""
    node = " ".join([role, json.dumps(name, ensure_ascii=False), *attributes])
    return "'" + node.replace("'", "''") + "'"


def text(value: str) -> str:
    """An exact text value of an ARIA snapshot node, quoted for YAML."""
    return json.dumps(value, ensure_ascii=False)


def pattern(regex: str) -> str:
    """A text value of an ARIA snapshot node that must match `regex`, quoted for YAML."""
    return text(f"/{regex}/")


@pytest.fixture(scope="module")
def events(demo_template_url):
    return bookable_events(demo_template_url, 3)


def deck_card_title(page: Page):
    return page.get_by_role("region").get_by_role("heading", level=2)


def test_the_deck_card_gives_its_name_facts_and_named_actions_in_order(login_as):
    page = login_as(Role.YOUNG)
    name = deck_card_title(page).inner_text()
    where = r"^Autour de .+, jusqu'à \d+ km\.$"
    credit = r"^Crédit restant : \d+,\d\d\s€ ·$"
    expect(page.get_by_role("main")).to_match_aria_snapshot(
        f"""
        - main:
          - heading "Découvrir" [level=1]
          - paragraph:
            - text: {pattern(where)}
            - link "Changer de commune"
          - paragraph:
            - text: {pattern(credit)}
            - link "Mes favoris"
          - group: Filtres
          - status
          - {named("region", name)}:
            - article:
              - {named("heading", name, "[level=2]")}
              - paragraph: {pattern(CATEGORY_LINE)}
              - paragraph: {pattern(VENUE_LINE)}
              - paragraph:
                - strong: {pattern(f"^{PRICE}$")}
              - {named("button", f"Pas pour moi : {name}")}
              - {named("button", f"J'aime : {name}")}
              - {named("link", f"Voir l'offre {name}")}
        """
    )
    # The app's tabs come after the page, at the bottom of the screen.
    expect(page.get_by_role("navigation", name="Onglets")).to_match_aria_snapshot(
        """
        - navigation "Onglets":
          - list:
            - listitem:
              - link "Découvrir"
            - listitem:
              - link "Rechercher"
            - listitem:
              - link "Carte"
            - listitem:
              - link "Réservations"
            - listitem:
              - link "Profil"
        """
    )


def test_each_new_card_of_the_deck_is_announced_and_receives_the_focus(login_as):
    page = login_as(Role.YOUNG)
    # A live region only speaks of changes: it must be in the page before the first answer.
    page.get_by_role("status").evaluate_all(
        "regions => regions.forEach(region => { region.dataset.presentAtLoad = 'yes'; })"
    )
    answers = [
        lambda: page.get_by_role("button", name=re.compile("^J'aime")).click(),
        lambda: page.keyboard.press("ArrowLeft"),
    ]
    for answer in answers:
        before = shown_offer(page).get_attribute("href")
        answer()
        expect(shown_offer(page)).not_to_have_attribute("href", before)
        name = deck_card_title(page).inner_text()
        announcement = page.get_by_role("status").filter(has_text=name)
        expect(announcement).to_have_text(f"Offre suivante : {name}")
        expect(announcement).to_have_attribute("data-present-at-load", "yes")
        expect(announcement).not_to_have_attribute("aria-live", re.compile("off|assertive"))
        expect(deck_card_title(page)).to_be_focused()
        assert_accessible(page)


def test_the_offer_page_reads_from_its_title_to_booking_place_and_accessibility(
    login_as, events
):
    page = login_as(Role.YOUNG)
    event = events[0]
    visit(page, event.path)
    date_choice = rf"^{EVENT_DATE} · (.+ · )?{PRICE} · .+$"
    expect(page.get_by_role("main")).to_match_aria_snapshot(
        f"""
        - main:
          - {named("article", event.name)}:
            - {named("img", event.image_alt)}
            - paragraph: {pattern(CATEGORY_LINE)}
            - {named("heading", event.name, "[level=1]")}
            - list:
              - listitem: {pattern(f"^(Dès )?{PRICE}$")}
            - button "Copier le lien"
            - status
            - paragraph:
              - text: "Lien à partager :"
              - link /\\/offres\\/\\d+$/
              - link "Envoyer par e-mail"
            - region "Réserver":
              - heading "Réserver" [level=2]
              - group "Choisis une date":
                - radio /{date_choice}/ [checked]
              - button "Réserver"
              - button "Ajouter à mes favoris"
            - region "Où ?":
              - heading "Où ?" [level=2]
              - paragraph:
                - strong: {text(event.venue_name)}
              - heading "Accessibilité du lieu" [level=3]
              - list:
                - listitem: {pattern("^Handicap moteur : (non )?accessible$")}
            - region "Accessibilité de l'offre":
              - heading "Accessibilité de l'offre" [level=2]
              - list:
                - listitem: {pattern("^Handicap visuel : (non )?accessible$")}
            - region "Avis des jeunes":
              - heading "Avis des jeunes" [level=2]
        """
    )


def test_the_booking_confirmation_states_every_term_then_confirms_with_a_status(
    login_as, events
):
    page = login_as(Role.YOUNG)
    event = events[1]
    visit(page, event.path)
    page.get_by_role("button", name="Réserver", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
    assert_accessible(page)
    deadline = r"^Tu peux annuler jusqu'au \d+ \S+ \d{4} \d\d:\d\d\.$"
    expect(page.get_by_role("main")).to_match_aria_snapshot(
        f"""
        - main:
          - heading "Confirmer la réservation" [level=1]
          - term: Offre
          - definition: {text(event.name)}
          - term: Date
          - definition: {pattern(f"^{EVENT_DATE}$")}
          - term: Lieu
          - definition: {text(event.place)}
          - term: Places
          - definition: "1"
          - term: Prix
          - definition: {pattern(f"^{PRICE}$")}
          - term: Crédit restant après réservation
          - definition: {pattern(EURO_AMOUNT)}
          - term: Annulation
          - definition: {pattern(deadline)}
          - paragraph: {pattern("personnelle")}
          - button "Confirmer la réservation"
          - link "Annuler et revenir à l'offre"
        """
    )

    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.name)
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page.get_by_role("main")).to_match_aria_snapshot(
        f"""
        - main:
          - status:
            - paragraph: {text("C'est réservé ! Voici ton billet.")}
          - {named("heading", event.name, "[level=1]")}
          - region "Ton billet"
        """
    )
    assert_accessible(page)


def test_the_ticket_gives_the_token_spelled_a_described_qr_code_the_date_and_the_address(
    login_as, events
):
    page = login_as(Role.YOUNG)
    event = events[2]
    ticket_url = book(page, event)
    visit(page, ticket_url)
    token = page.get_by_role("region", name="Ton billet").get_by_text(TOKEN).inner_text()
    expect(page.get_by_role("main")).to_match_aria_snapshot(
        f"""
        - main:
          - {named("heading", event.name, "[level=1]")}
          - region "Ton billet":
            - heading "Ton billet" [level=2]
            - term: Contremarque
            - definition: {text(" ".join(token))}
            - {named("figure", f"QR code de la contremarque {token}, à présenter à l'entrée")}:
              - {named("img", f"QR code de la contremarque {token}")}
            - term: Date
            - definition: {pattern(f"^{EVENT_DATE}$")}
            - term: Places
            - definition: "1"
            - term: Prix
            - definition: {pattern(f"^{PRICE}$")}
            - term: Adresse
            - definition: {text(event.address)}
            - heading "Sur place" [level=3]
          - button "Annuler cette réservation"
          - paragraph:
            - link "Toutes mes réservations"
        """
    )
