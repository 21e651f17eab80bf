"""The demo pro creates a venue on a phone by keyboard only, corrects a mistake, then places it
by typing its coordinates; without JavaScript, touching the server-drawn map places it too; the
form stays within the pro pages' budget. Axe clean at every state."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, measure_transfer, sign_in, visit
from webapp.demo.accounts import PRO

VENUE_NAME = "Librairie du Peyrou"


def type_into(page: Page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_a_pro_creates_a_venue_by_keyboard_on_a_phone(page, login_as):
    login_as("pro")
    visit(page, "/pro/lieux/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes lieux")
    assert_accessible(page)

    add = page.get_by_role("link", name=re.compile("^Ajouter un lieu")).first
    add.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau lieu")
    assert_accessible(page)

    type_into(page, "Nom du lieu", VENUE_NAME)
    page.get_by_label("Type de lieu").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Type de lieu")).to_have_value("bookstore")
    type_into(page, "Adresse", "3 rue Foch")
    type_into(page, "Commune", "Montpellier")
    page.get_by_role("group", name=re.compile("handicap moteur")).get_by_label("Oui").focus()
    page.keyboard.press("Space")
    type_into(page, "Téléphone (facultatif)", "04 67 12")
    page.get_by_label("Lieu dont le SIRET sert aux remboursements").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_label("Nom du lieu", exact=True).focus()
    page.keyboard.press("Enter")

    expect(page.locator("#phone-error")).to_contain_text("04 67 12 34 56")
    expect(page.get_by_label("Nom du lieu", exact=True)).to_have_value(VENUE_NAME)
    assert_accessible(page)

    type_into(page, "Téléphone (facultatif)", "04 67 12 34 56")
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_have_text(f"Le lieu {VENUE_NAME} est créé.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Modifier {VENUE_NAME}")
    expect(page.get_by_role("button", name=re.compile("Carte autour de la position"))
           ).to_be_visible()
    assert_accessible(page)

    type_into(page, "Latitude", "43,6119")
    type_into(page, "Longitude", "3,8703")
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_have_text(
        "Les informations du lieu sont enregistrées.")
    expect(page.get_by_label("Latitude")).to_have_value("43.6119")
    expect(page.get_by_label("Téléphone (facultatif)")).to_have_value("04 67 12 34 56")
    assert_accessible(page)


def test_touching_the_map_without_javascript_places_the_venue(page_nojs):
    page = page_nojs
    sign_in(page, PRO)
    visit(page, "/pro/lieux/")
    page.locator("tbody a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier")
    assert_accessible(page)
    before = page.get_by_label("Latitude").input_value()

    page.get_by_role("button", name=re.compile("Carte autour de la position")).click(
        position={"x": 220, "y": 90})
    expect(page.locator(".venue-map-status")).to_contain_text("enregistre le lieu")
    after = page.get_by_label("Latitude").input_value()
    assert float(after) > float(before), "a point above the centre is further north"
    assert_accessible(page)

    page.get_by_role("button", name="Enregistrer le lieu").click()
    expect(page.locator(".flash-success")).to_have_text(
        "Les informations du lieu sont enregistrées.")
    expect(page.get_by_label("Latitude")).to_have_value(after)
    assert_accessible(page)


def test_the_venue_form_stays_under_the_pro_page_budget(page, login_as):
    login_as("pro")
    visit(page, "/pro/lieux/")
    edit_path = page.locator("tbody a").first.get_attribute("href")
    transfer = measure_transfer(page, edit_path)
    print(f"venue form, cold cache: {transfer}")
    assert transfer.without_images < 60_000, str(transfer)
    assert transfer.total < 60_000, str(transfer)
    assert_accessible(page)
