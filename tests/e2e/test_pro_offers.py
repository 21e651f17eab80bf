"""A pro creates a book offer through every step on a phone, image included, axe clean at each
step; then the same with JavaScript off. The first offer page stays under 60 KB."""

from __future__ import annotations

import io
import re

from PIL import Image as PillowImage
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, measure_transfer, sign_in, visit
from tests.factories.users import Role
from webapp.demo.accounts import PRO

NEEDS = ("moteur", "visuel", "auditif", "psychique ou cognitif")
MAX_FIRST_LOAD_BYTES = 60_000


def cover(tmp_path) -> str:
    path = tmp_path / "couverture.jpg"
    buffer = io.BytesIO()
    PillowImage.new("RGB", (600, 900), (30, 60, 120)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def choose_category(page: Page, *, javascript: bool) -> None:
    visit(page, "/pro/offres/nouvelle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle offre")
    page.get_by_label("Lieu").select_option(index=1)
    page.get_by_label("Catégorie", exact=True).select_option(label="Livre")
    if not javascript:
        page.get_by_role("button", name="Afficher les sous-catégories").click()
    subcategory = page.get_by_label("Sous-catégorie")
    expect(subcategory.locator("option[value=LIVRE_PAPIER]")).to_have_count(1)
    assert_accessible(page)
    subcategory.select_option("LIVRE_PAPIER")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informations de l'offre")
    assert_accessible(page)


def fill_details(page: Page, ean: str) -> None:
    page.get_by_label("Titre de l'offre").fill("Les Misérables")
    page.get_by_label("Auteur ou autrice").fill("Victor Hugo")
    ean_field = page.get_by_label("EAN (13 chiffres)")
    ean_field.fill(ean[:-1] + str((int(ean[-1]) + 1) % 10))  # a wrong check digit first
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#ean-error")).to_contain_text("clé de contrôle")
    assert_accessible(page)
    page.get_by_label("EAN (13 chiffres)").fill(ean)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informations pratiques")
    assert_accessible(page)


def fill_practical(page: Page) -> None:
    for need in NEEDS:
        group = page.get_by_role(
            "group", name=f"Accessible aux personnes en situation de handicap {need} ?")
        group.get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Image de l'offre")
    assert_accessible(page)


def add_image_and_publish(page: Page, image_path: str) -> None:
    page.get_by_label("Image", exact=True).set_input_files(image_path)
    page.get_by_label("Description de l'image").fill("Couverture bleue du roman")
    page.get_by_role("button", name="Enregistrer l'image").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Récapitulatif de l'offre")
    expect(page.get_by_role("img", name="Couverture bleue du roman")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publier l'offre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Les Misérables")
    expect(page.locator(".offer-state")).to_have_text("Épuisée")
    assert_accessible(page)
    assert re.search(r"/pro/offres/\d+$", page.url)


def test_a_pro_creates_a_book_offer_through_every_step_on_a_phone(page, login_as, tmp_path):
    login_as(Role.PRO)
    choose_category(page, javascript=True)
    fill_details(page, "9782999991231")
    fill_practical(page)
    add_image_and_publish(page, cover(tmp_path))


def test_the_same_creation_works_without_javascript(page_nojs, tmp_path):
    page = page_nojs
    sign_in(page, PRO)
    choose_category(page, javascript=False)
    fill_details(page, "9782999991248")
    fill_practical(page)
    add_image_and_publish(page, cover(tmp_path))


def test_the_offer_pages_stay_light_on_first_load(page, login_as):
    login_as(Role.PRO)
    for path in ("/pro/offres/", "/pro/offres/nouvelle"):
        transfer = measure_transfer(page, path)
        assert_accessible(page)
        print(f"{path}: {transfer}")
        assert transfer.without_images < MAX_FIRST_LOAD_BYTES, f"{path}: {transfer}"
