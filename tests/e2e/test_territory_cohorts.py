"""The demo officer of the Hérault reads the take-up by age on a phone (360×740), follows the link
to the cohort figures by keyboard, uploads a file with one bad line and reads why, fixes it and
sees its figures replace the estimate; the upload and the way back to the estimate work without
JavaScript; axe clean at every state.

The two journeys share the module's demo database: each checks what its own upload did."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.devices import no_sideways_scroll
from tests.e2e.helpers import assert_accessible, sign_in, visit
from tests.factories.users import Role
from webapp.demo.accounts import TERRITORY

DETAIL = re.compile("^Taux de recours par âge, détail du calcul pour Hérault")


def detail_cells(page: Page, age: int):
    table = page.get_by_role("table", name=DETAIL)
    row = table.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name=f"{age} ans", exact=True))
    return row.locator("td")


def upload_by_keyboard(page: Page, path: Path) -> None:
    file_input = page.get_by_label("Fichier CSV des effectifs")
    file_input.focus()
    expect(file_input).to_be_focused()
    # What the phone's file picker does once a file is chosen in it.
    file_input.set_input_files(path)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Envoyer le fichier")).to_be_focused()
    page.keyboard.press("Enter")


def test_the_officer_reads_the_take_up_and_replaces_the_estimate(login_as, tmp_path):
    page = login_as(Role.TERRITORY)
    visit(page, "/territoire/")
    rates = page.get_by_role("table", name=re.compile("^Taux de recours par âge — "))
    expect(rates.get_by_role("rowheader")).to_have_text(
        ["15 ans", "16 ans", "17 ans", "18 ans", "19 ans", "20 ans"])
    expect(page.get_by_role("img", name=re.compile("Graphique : taux de recours par âge"))
           ).to_be_visible()
    expect(detail_cells(page, 17).nth(2)).to_have_text("Estimation")
    no_sideways_scroll(page, "phone")

    link = page.get_by_role("link", name="Fournir les effectifs par âge de ton territoire (CSV)")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Effectifs par âge : Hérault")
    assert_accessible(page)

    bad = tmp_path / "effectifs.csv"
    bad.write_text("age;effectif\n17;777\n18;moins cinq\n", encoding="utf-8")
    upload_by_keyboard(page, bad)
    expect(page.locator("#file-error")).to_contain_text("rien n'a été enregistré")
    expect(page.get_by_role("listitem").filter(has_text="Ligne 3")).to_have_text(
        "Ligne 3 : l'effectif « moins cinq » n'est pas un nombre entier.")
    assert_accessible(page)
    no_sideways_scroll(page, "phone")

    bad.write_text("age;effectif\n17;777\n18;888\n", encoding="utf-8")
    upload_by_keyboard(page, bad)
    expect(page.get_by_role("status")).to_contain_text("Les effectifs sont enregistrés")
    uploaded = page.get_by_role("table", name="Effectifs fournis par la collectivité")
    expect(uploaded.locator("tbody tr")).to_have_count(2)
    assert_accessible(page)

    back = page.get_by_role("link", name="Retour au tableau de bord")
    back.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("chiffres fournis par la collectivité le 11 mars 2026"))
           ).to_be_visible()
    expect(detail_cells(page, 17).nth(1)).to_have_text("777")
    expect(detail_cells(page, 17).nth(2)).to_have_text("Chiffre fourni par la collectivité")
    expect(detail_cells(page, 19).nth(2)).to_have_text("Estimation")
    assert_accessible(page)


def test_the_upload_and_the_way_back_work_without_javascript(page_nojs, tmp_path):
    page = page_nojs
    sign_in(page, TERRITORY)
    visit(page, "/territoire/effectifs/")
    assert_accessible(page)

    figures = tmp_path / "effectifs.csv"
    figures.write_text("age;annee;effectif\n16;2026;654\n", encoding="utf-8")
    upload_by_keyboard(page, figures)
    expect(page.get_by_role("status")).to_contain_text("Les effectifs sont enregistrés")
    assert_accessible(page)
    visit(page, "/territoire/")
    expect(detail_cells(page, 16).nth(1)).to_have_text("654")
    assert_accessible(page)

    visit(page, "/territoire/effectifs/")
    remove = page.get_by_role("button", name="Supprimer ces chiffres et revenir à l'estimation")
    remove.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("le tableau de bord reprend l'estimation")
    expect(page.get_by_role("table", name="Effectifs estimés")).to_be_visible()
    assert_accessible(page)
    visit(page, "/territoire/")
    expect(detail_cells(page, 16).nth(2)).to_have_text("Estimation")
    assert_accessible(page)
