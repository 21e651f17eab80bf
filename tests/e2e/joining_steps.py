"""A cultural actor joins on a phone: signs up, confirms, declares a structure; staff validate it.

The first part of the whole pro journey (tests/e2e/test_pro_journey.py), which runs it.

Every page is scanned with axe; the forms are sent from the keyboard.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_accessible, staff_page, visit
from tests.e2e.test_signup import confirmation_link

EMAIL = "directrice@theatre-clavier.example"
PASSWORD = "Theatre-Clavier-2026!"
# Luhn-valid, and far from the SIRENs of the demo data and of the test factories.
SIREN = "975312463"
STRUCTURE = "Théâtre du Clavier"


def press_enter_on(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name)
    button.focus()
    page.keyboard.press("Enter")


def validate_as_staff(browser: Browser, live_server: str) -> None:
    with staff_page(browser, live_server) as staff:
        visit(staff, "/admin/structures/")
        row = staff.get_by_role("row").filter(has_text=SIREN)
        expect(row).to_contain_text(EMAIL)
        row.get_by_role("link", name=STRUCTURE).click()
        expect(staff.get_by_role("heading", level=1)).to_have_text(STRUCTURE)
        expect(staff.get_by_text("Salle du Clavier (Théâtre, salle de spectacles)")).to_be_visible()
        assert_accessible(staff)
        press_enter_on(staff, "Valider la structure")
        expect(staff.get_by_text(f"{STRUCTURE} est validée.")).to_be_visible()
        assert_accessible(staff)


def a_pro_signs_up_declares_a_structure_and_staff_validate_it(page, browser, live_server):
    visit(page, "/pro/inscription")
    page.get_by_label("Adresse e-mail professionnelle").fill(EMAIL)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("checkbox").focus()
    page.keyboard.press("Space")
    press_enter_on(page, "Créer mon compte")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifie ta boîte mail")
    assert_accessible(page)

    visit(page, confirmation_link(browser, live_server, EMAIL))
    press_enter_on(page, "Confirmer mon adresse e-mail")
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclarer une structure")
    assert_accessible(page)

    page.get_by_label("SIREN").fill("975312464")
    press_enter_on(page, "Déclarer la structure")
    expect(page.get_by_label("SIREN")).to_have_accessible_description(
        re.compile("Ce SIREN n'existe pas")
    )
    assert_accessible(page)

    page.get_by_label("SIREN").fill(SIREN)
    page.get_by_label("Nom de la structure").fill(STRUCTURE)
    page.get_by_label("Adresse", exact=True).fill("12 rue des Touches")
    page.get_by_label("Commune").fill("Montpellier")
    commune = page.get_by_role("radio", name=re.compile(r"^Montpellier \("))
    expect(commune).to_be_visible()
    commune.check()
    page.get_by_label("Nom de ton premier lieu").fill("Salle du Clavier")
    page.get_by_label("Type de lieu").select_option(label="Théâtre, salle de spectacles")
    assert_accessible(page)
    press_enter_on(page, "Déclarer la structure")
    expect(page.get_by_text(f"{STRUCTURE} est déclarée : l'équipe pass Culture va la vérifier."))\
        .to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=STRUCTURE)).to_contain_text(
        "en attente de validation"
    )
    assert_accessible(page)

    validate_as_staff(browser, live_server)

    visit(page, "/pro/structures")
    expect(page.get_by_role("listitem").filter(has_text=STRUCTURE)).to_contain_text(
        "structure validée."
    )
