"""A bookshop's catalogue on a phone: the demo pro uploads a small CSV by keyboard, reads the
report, then sends the same file again and finds every line unchanged; axe clean at every
state, and nothing wider than the 360 px screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, measure_transfer, visit
from tests.factories.users import Role

VENUE = "Médiathèque Émile Zola"
CATALOGUE = (
    "EAN;Titre;Auteur;Prix;Quantité\n"
    "9782070368228;L'Étranger;Albert Camus;7,60;3\n"
    "9782070368229;Clé fausse;;7;1\n"
    "9782226112347;Exemple de roman;Autrice Exemple;22,90;2\n"
).encode("cp1252")


@pytest.fixture
def catalogue_file(tmp_path) -> Path:
    path = tmp_path / "catalogue.csv"
    path.write_bytes(CATALOGUE)
    return path


def counted(created: int, updated: int, unchanged: int, refused: int) -> list[re.Pattern]:
    """The report's counts in order: created, updated, unchanged, refused."""
    return [re.compile(rf"^{count} ") for count in (created, updated, unchanged, refused)]


def fits_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def choose_by_keyboard(page: Page, select, label: str) -> None:
    """Move through a closed select with the arrow keys until `label` is chosen."""
    select.focus()
    for _step in range(20):
        if select.evaluate("s => s.options[s.selectedIndex].text.trim()") == label:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"{label} is not among the venues offered")


def upload_by_keyboard(page: Page, path: Path) -> None:
    visit(page, "/pro/catalogue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer un catalogue")
    assert fits_the_screen(page)
    choose_by_keyboard(page, page.get_by_label("Lieu de vente"), VENUE)
    page.keyboard.press("Tab")
    file_input = page.get_by_label("Fichier CSV du catalogue")
    expect(file_input).to_be_focused()
    # What the phone's file picker does once a file is chosen in it.
    file_input.set_input_files(path)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Importer le fichier")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport d'import")
    assert_accessible(page)
    assert fits_the_screen(page)


def test_a_pro_imports_a_catalogue_and_reads_the_report(login_as, catalogue_file):
    page = login_as(Role.PRO)
    upload_by_keyboard(page, catalogue_file)
    counts = page.get_by_role("list", name="Bilan des lignes").get_by_role("listitem")
    expect(counts).to_have_text(counted(2, 0, 0, 1))
    refused = page.get_by_role("region", name="Lignes refusées, avec la raison de chaque refus")
    expect(refused.get_by_role("row")).to_have_count(2)
    expect(refused.get_by_role("row").nth(1)).to_contain_text("clé de contrôle")
    refused.focus()
    expect(refused).to_be_focused()

    again = page.get_by_role("link", name="Importer un autre fichier")
    again.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer un catalogue")
    assert_accessible(page)
    upload_by_keyboard(page, catalogue_file)
    expect(counts).to_have_text(counted(0, 0, 2, 1))


def test_a_file_that_is_no_csv_is_explained_beside_the_field(login_as, tmp_path):
    page = login_as(Role.PRO)
    workbook = tmp_path / "catalogue.xlsx"
    workbook.write_bytes(b"PK\x03\x04 not really a workbook")
    visit(page, "/pro/catalogue/")
    choose_by_keyboard(page, page.get_by_label("Lieu de vente"), VENUE)
    page.get_by_label("Fichier CSV du catalogue").set_input_files(workbook)
    page.get_by_role("button", name="Importer le fichier").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#file-error")).to_contain_text("classeur Excel")
    assert_accessible(page)


def test_the_upload_page_weighs_under_60_kb_on_first_load(login_as):
    page = login_as(Role.PRO)
    transfer = measure_transfer(page, "/pro/catalogue/")
    assert_accessible(page)
    print(f"/pro/catalogue/ first load: {transfer}")
    assert transfer.without_images < 60_000, str(transfer)
