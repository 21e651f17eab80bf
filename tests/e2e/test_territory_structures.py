"""The demo officer of the Hérault lists the territory's structures: pastes SIRENs with one bad,
reads the error, fixes it, reads each structure's status, invites one not yet partner and takes
one off the list. By
keyboard on a phone (360×740) and on a desktop, and without JavaScript; axe clean throughout."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from models.offerers.validation import with_luhn_digit
from tests.e2e.devices import DEVICES, no_sideways_scroll, signed_in_on
from tests.e2e.helpers import assert_accessible, sign_in, tab_to, visit
from webapp.demo.accounts import PRO_SIREN, TERRITORY

PATH = "/territoire/structures"
# The demo list's associations with an address (webapp/demo/territory_structures.py).
INVITED_ON = {"phone": "MJC de Lodève", "desktop": "Harmonie de Pézenas"}
NEW_SIREN = {"phone": with_luhn_digit("55501234"), "desktop": with_luhn_digit("55505678")}


def row_of(page: Page, name: str) -> Locator:
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name,
                                                               exact=True))


@pytest.mark.parametrize("device", DEVICES)
def test_the_officer_lists_structures_fixes_a_bad_siren_and_invites_one_by_keyboard(
        browser, live_server, device):
    with signed_in_on(device, browser, live_server, TERRITORY) as page:
        visit(page, "/territoire/")
        page.get_by_role("link", name="Structures", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Structures du territoire : Hérault")
        assert_accessible(page)
        partner = page.get_by_role("row").filter(has_text=PRO_SIREN)
        expect(partner).to_contain_text("Partenaire")
        expect(row_of(page, INVITED_ON[device])).to_contain_text("Pas encore partenaire")

        sirens = page.get_by_label("SIREN des structures")
        tab_to(page, sirens)
        page.keyboard.type(f"{NEW_SIREN[device]}\n12345")
        add = page.get_by_role("button", name="Ajouter à la liste")
        tab_to(page, add)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Il y a un problème")).to_be_visible()
        expect(page.locator("#sirens-error")).to_contain_text(
            "Ligne 2 : 12345 compte 5 chiffres, un SIREN en compte 9.")
        expect(sirens).to_have_attribute("aria-invalid", "true")
        assert_accessible(page)

        tab_to(page, sirens)
        page.keyboard.press("Control+End")
        for _ in range(6):
            page.keyboard.press("Backspace")
        tab_to(page, add)
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text("1 structure(s) ajoutée(s)")
        expect(page.get_by_role("row").filter(has_text=NEW_SIREN[device])) \
            .to_contain_text("Pas encore partenaire")
        assert_accessible(page)

        name = INVITED_ON[device]
        tab_to(page, page.get_by_role("button", name=f"Inviter {name}"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text("L'invitation est envoyée à")
        expect(row_of(page, name)).to_contain_text("Invitée le")
        expect(row_of(page, name)).to_contain_text("Nouvelle invitation possible")
        no_sideways_scroll(page, device)
        assert_accessible(page)

        added = NEW_SIREN[device]
        tab_to(page, page.get_by_role("button", name=f"Retirer SIREN {added} de la liste"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text(
            f"SIREN {added} est retirée de la liste.")
        expect(page.get_by_role("row").filter(has_text=added)).to_have_count(0)
        assert_accessible(page)


def test_the_list_the_upload_and_the_invitation_work_without_javascript(page_nojs):
    page = page_nojs
    sign_in(page, TERRITORY)

    visit(page, PATH)
    without_address = row_of(page, "Atelier théâtre du Pic Saint-Loup")
    expect(without_address).to_contain_text("/pro/inscription?siren=")
    siren = with_luhn_digit("55509999")
    page.get_by_label("Ou un fichier CSV").set_input_files({
        "name": "structures.csv", "mimeType": "text/csv",
        "buffer": f"siren;nom;email\n{siren};Cirque du Salagou;x@\n".encode()})
    page.get_by_role("button", name="Ajouter à la liste").click()
    expect(page.locator("#file-error")).to_contain_text("n'est pas une adresse e-mail valide")
    assert_accessible(page)

    page.get_by_label("Ou un fichier CSV").set_input_files({
        "name": "structures.csv", "mimeType": "text/csv",
        "buffer": f"siren;nom;email\n{siren};Cirque du Salagou;cirque@example.org\n".encode()})
    page.get_by_role("button", name="Ajouter à la liste").click()
    expect(page.get_by_role("status")).to_contain_text("1 structure(s) ajoutée(s)")
    assert_accessible(page)

    page.get_by_label("Statut", exact=True).select_option(label="Pas encore partenaire")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("row").filter(has_text=PRO_SIREN)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Inviter Cirque du Salagou").click()
    expect(page.get_by_role("status")).to_contain_text(
        "L'invitation est envoyée à cirque@example.org.")
    expect(row_of(page, "Cirque du Salagou")).to_contain_text("Invitée le")
    assert_accessible(page)

    page.get_by_role("button", name="Retirer Cirque du Salagou de la liste").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Cirque du Salagou est retirée de la liste.")
    expect(row_of(page, "Cirque du Salagou")).to_have_count(0)
    # Back on the list it came from: the filter is kept.
    expect(page.get_by_label("Statut", exact=True)).to_have_value("non_partenaire")
    assert_accessible(page)
