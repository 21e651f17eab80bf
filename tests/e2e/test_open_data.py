"""An anonymous visitor on a phone (360×740) finds the open data of the Finistère from the home
page's footer, reads a table, changes the period without JavaScript, and downloads the CSV, whose
figures are those of the page; axe clean at every step."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import PHONE, assert_accessible, visit


def test_an_anonymous_visitor_reads_the_finistere_and_downloads_its_csv(page):
    assert page.viewport_size == PHONE["viewport"]
    visit(page, "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Données ouvertes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données ouvertes du pass Culture")
    assert_accessible(page)

    page.get_by_role("link", name="Finistère (29)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Finistère")
    assert_accessible(page)
    table = page.get_by_role("table", name=re.compile("^Bénéficiaires — "))
    expect(table.get_by_role("columnheader", name="Bretagne")).to_be_visible()
    figures_on_page = page.locator("td[data-indicator]").count()
    shown = page.locator('td[data-indicator="beneficiaires_total"][data-scope="departement-29"]')
    shown_text = shown.inner_text()

    link = page.get_by_role("link", name="Télécharger tous les indicateurs (CSV)")
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(
        Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == figures_on_page
    total = next(row for row in rows if row["indicateur"] == "beneficiaires_total"
                 and row["niveau"] == "departement" and row["code_territoire"] == "29")
    if total["statut"] == "publie":
        assert total["valeur"] == re.sub(r"\D", "", shown_text)
    else:
        assert total["raison"] == shown_text
    assert_accessible(page)


def test_the_period_changes_without_javascript(page_nojs):
    page = page_nojs
    visit(page, "/donnees/departement/29")
    period = page.get_by_label("Période")
    period.select_option(index=4)
    chosen = period.input_value()
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(rf"periode={chosen}"))
    expect(page.get_by_label("Période")).to_have_value(chosen)
    assert_accessible(page)
