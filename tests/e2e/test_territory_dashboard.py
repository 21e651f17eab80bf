"""The demo officer of the Hérault reads the dashboard on a phone: changes the period by
keyboard, reads a table, downloads the CSV, which holds the figures the page shows; the period
changes without JavaScript too; axe clean at every state."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.devices import DEVICES, no_sideways_scroll, signed_in_on
from tests.e2e.helpers import assert_accessible, sign_in, visit
from tests.factories.users import Role
from tests.functional.statistics.statistics_data import rolling_slugs
from webapp.demo.accounts import TERRITORY

QUARTER = "Trimestre 1 de 2026"


def choose_the_first_quarter_by_keyboard(page: Page) -> None:
    period = page.get_by_label("Période")
    period.focus()
    # The choices run: the last 12 and 24 months, four years, then the quarters, newest first;
    # the current year is selected.
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    expect(period).to_have_value("2026-T1")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Afficher")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"periode=2026-T1"))
    assert_accessible(page)


def bookings_shown(page: Page) -> str:
    table = page.get_by_role("table", name=f"Réservations — {QUARTER}", exact=True)
    row = table.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name="Réservations", exact=True))
    return row.locator("td").first.inner_text()


def test_the_demo_officer_changes_period_reads_a_table_and_downloads_the_csv(page, login_as):
    login_as(Role.TERRITORY)
    visit(page, "/territoire/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hérault")

    choose_the_first_quarter_by_keyboard(page)
    expect(page.get_by_label("Période")).to_have_value("2026-T1")
    shown = bookings_shown(page)
    assert int(re.sub(r"\D", "", shown)) >= 5
    figures_on_page = page.locator("td[data-indicator]").count()

    link = page.get_by_role("link", name="Télécharger tous les indicateurs (CSV)")
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(
        Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == figures_on_page
    bookings = next(row for row in rows if row["indicateur"] == "reservations"
                    and row["niveau"] == "departement" and row["code_territoire"] == "34")
    assert bookings["periode"] == "2026-T1" and bookings["statut"] == "publie"
    assert bookings["valeur"] == re.sub(r"\D", "", shown)
    indicators = {row["indicateur"] for row in rows}
    assert {"reservations_numeriques", "reservations_delai.4",
            "score_diversification_moyen"} <= indicators
    assert_accessible(page)


def test_the_period_changes_without_javascript(page_nojs):
    page = page_nojs
    sign_in(page, TERRITORY)
    visit(page, "/territoire/")
    choose_the_first_quarter_by_keyboard(page)
    expect(page.get_by_role("table", name=f"Réservations — {QUARTER}", exact=True)).to_be_visible()

    # A link to the 12 months ending last month leads to those ending this month, and says so.
    old, current = rolling_slugs(12)
    visit(page, f"/territoire/?periode={old}")
    expect(page).to_have_url(re.compile(f"periode={current}&depuis={old}"))
    expect(page.locator("p.notice")).to_contain_text("Le lien demandait : 12 mois jusqu'à")


@pytest.mark.parametrize("device", DEVICES)
def test_the_officer_reads_the_white_zones_of_bookshops_by_keyboard(browser, live_server, device):
    with signed_in_on(device, browser, live_server, TERRITORY) as page:
        visit(page, "/territoire/zones-blanches")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hérault")
        expect(page.get_by_role("img", name=re.compile("Carte : les communes"))).to_be_visible()
        kind = page.get_by_label("Lieu le plus proche")
        kind.focus()
        page.keyboard.press("ArrowDown")
        expect(kind).to_have_value("librairie")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"lieu=librairie"))
        assert_accessible(page)
        no_sideways_scroll(page, device)
        bands = page.get_by_role("table", name="Communes et habitants par distance à une librairie")
        expect(bands.locator("tbody tr")).to_have_count(5)
        communes = page.get_by_role("table", name="Distance de chaque commune à une librairie")
        expect(communes.get_by_role("rowheader", name="Montpellier", exact=True)).to_be_visible()


@pytest.mark.parametrize("device", DEVICES)
def test_the_officer_reads_the_last_twelve_months_and_compares_with_peers(browser, live_server,
                                                                         device):
    with signed_in_on(device, browser, live_server, TERRITORY) as page:
        visit(page, "/territoire/")
        # The rolling periods come first among the choices.
        page.get_by_label("Période").select_option(index=0)
        page.get_by_role("button", name="Afficher").click()
        expect(page).to_have_url(re.compile(r"periode=12m-\d{4}-\d{2}"))
        expect(page.get_by_role("img", name=re.compile("Graphique : délai entre la réservation"))
               ).to_be_visible()
        leads = page.get_by_role("table", name=re.compile("^Délai entre la réservation"))
        expect(leads.locator("tbody tr")).to_have_count(5)
        expect(leads.get_by_role("rowheader", name="Plus de 30 jours avant")).to_be_visible()
        expect(page.get_by_role("table", name=re.compile("^Premiers partenaires"))).to_be_visible()
        assert_accessible(page)
        no_sideways_scroll(page, device)
        page.get_by_role("link", name=re.compile("^Comparer avec les territoires")).click()
        expect(page).to_have_url(re.compile(r"pairs=auto"))
        expect(page.get_by_role("link", name="Ne plus comparer")).to_be_visible()
        expect(leads.locator("thead th")).to_have_count(1 + 3 + 3)
        assert_accessible(page)
        no_sideways_scroll(page, device)


def test_the_officer_opens_local_money_by_keyboard_on_a_phone(browser, live_server):
    with signed_in_on("phone", browser, live_server, TERRITORY) as page:
        visit(page, "/territoire/")
        link = page.get_by_role("link", name="Argent local", exact=True)
        link.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/territoire/argent-local$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hérault")
        assert_accessible(page)
        no_sideways_scroll(page, "phone")
        flows = page.get_by_role("table", name=re.compile(
            "^Dépenses des jeunes du territoire par lieu"))
        here = flows.locator("tbody tr").filter(
            has=page.get_by_role("rowheader", name="Dans le territoire", exact=True))
        # An amount in euros, or the reason it is withheld: never an empty cell.
        expect(here.locator("td")).to_have_text(re.compile(r"\d,\d\d\s€|^Secret statistique"))
        expect(flows.get_by_role("rowheader", name="Total", exact=True)).to_be_visible()
        shares = page.get_by_role("table", name=re.compile("^Parts locales"))
        expect(shares.locator("thead th")).to_have_count(1 + 3)
