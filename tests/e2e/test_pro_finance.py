"""The demo pro reads a reimbursement statement and downloads it, by keyboard only, on a phone,
axe clean at every state; then gives a wrong IBAN, reads why, and gives the right one
(docs/domain/6-reimbursement.md).

The demo issues each pricing point's first statement when it loads, through the domain, as
`flask finance issue-statements` would (webapp/demo/pro_scenario.py): at the suite's instant,
the second half of February 2026.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, visit
from tests.live_server import demo_server

IBAN = "FR76 3000 6000 0112 3456 7890 189"


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config) -> Iterator[str]:
    with demo_server(databases, demo_template_url, base_config) as base_url:
        yield base_url


def press_on(page: Page, link) -> None:
    """Reach `link` as the Tab key would (focus), then follow it with Enter."""
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")


def test_the_demo_pro_reads_a_statement_and_downloads_it_by_keyboard(page, login_as, tmp_path):
    login_as("pro")
    visit(page, "/pro/remboursements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Remboursements")

    press_on(page, page.get_by_role("link", name="Relevé du 16 au 28 février 2026").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Relevé du 16 au 28 février 2026")
    expect(page.get_by_role("region", name="Lignes du relevé")).to_be_visible()
    assert_accessible(page)

    download_link = page.get_by_role("link", name="Télécharger le relevé (CSV)")
    download_link.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    saved = tmp_path / "releve.csv"
    download_info.value.save_as(saved)
    text = Path(saved).read_text(encoding="utf-8")
    assert text.startswith("\ufeffRelevé;Période;Point de remboursement")
    rows = text.splitlines()
    assert len(rows) >= 2 and all(";du 16 au 28 février 2026;" in row for row in rows[1:])


def test_a_wrong_iban_is_explained_then_the_right_one_is_kept(page, login_as):
    login_as("pro")
    visit(page, "/pro/remboursements/")
    press_on(page, page.get_by_role("link", name="Donner l'IBAN de").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coordonnées bancaires de")
    assert_accessible(page)

    page.get_by_label("IBAN", exact=True).focus()
    page.keyboard.type(IBAN[:-1] + "0")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Association Culture en Hérault")
    page.keyboard.press("Enter")
    expect(page.locator("#iban-error")).to_contain_text("mal recopié")
    assert_accessible(page)

    field = page.get_by_label("IBAN", exact=True)
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(IBAN)
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text("sont enregistrées")
    expect(page.get_by_text("FR76 •••• 0189")).to_be_visible()
    assert_accessible(page)
