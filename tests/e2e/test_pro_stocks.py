"""The demo pro adds a weekly recurrence to an event, previews its dates and creates them, on a
phone, by keyboard only, axe clean at every state (docs/domain/4-offers.md, "Stocks and dates").

The demo data need not hold an event of the pro's structure with a price category, so this
module adds one to its own copy of the demo database before its server starts. The suite's
instant is Wednesday 11 March 2026; the recurrence crosses the change to summer time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.db import make_engine
from models.offerers.models import Structure, Venue
from models.offers.models import PriceCategory
from tests import factories
from tests.e2e.helpers import assert_accessible, measure_transfer, visit
from tests.live_server import demo_server
from webapp.demo.accounts import DEMO_PASSWORD, PRO, PRO_SIREN

OFFER_NAME = "Récital du samedi"
PRO_PAGE_BUDGET_BYTES = 60_000


def add_event_offer(database_url: str) -> int:
    """An event of the demo pro's structure with one price category; its id."""
    engine = make_engine(database_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        venue = session.scalars(select(Venue).join(Structure).where(Structure.siren == PRO_SIREN)
                                .order_by(Venue.id)).first()
        offer = factories.offer(session, venue=venue, subcategory_id="CONCERT",
                                name=OFFER_NAME)
        session.add(PriceCategory(offer=offer, label="Plein tarif", price_cents=1500))
        session.commit()
        offer_id = offer.id
    engine.dispose()
    return offer_id


@pytest.fixture(scope="module")
def offer_ids() -> list[int]:
    return []


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config, offer_ids) -> Iterator[str]:
    """The conftest's server, on a copy of the demo data holding the pro's event."""
    def prepare(url: str) -> None:
        offer_ids.append(add_event_offer(url))

    with demo_server(databases, demo_template_url, base_config, prepare) as base_url:
        yield base_url


def press(page: Page, locator, key: str = "Enter") -> None:
    locator.focus()
    page.keyboard.press(key)


def type_into(page: Page, locator, text: str) -> None:
    locator.focus()
    page.keyboard.type(text)


def test_the_pro_adds_a_weekly_recurrence_by_keyboard_on_a_phone(page, login_as, offer_ids):
    login_as("pro")
    visit(page, f"/pro/offres/{offer_ids[0]}/stocks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dates et tarifs")
    expect(page.get_by_text("Aucune date pour l'instant.")).to_be_visible()

    press(page, page.get_by_role("link", name="Ajouter une récurrence (plusieurs dates)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter une récurrence")
    assert_accessible(page)

    press(page, page.get_by_role("checkbox", name="Samedi"), "Space")
    expect(page.get_by_role("checkbox", name="Samedi")).to_be_checked()
    # The test browser's date and time pickers follow its own interface language (American
    # English: month first, 12-hour clock), not the page's; a French one takes 14032026 and 2000.
    type_into(page, page.get_by_label("Horaire", exact=True), "0800P")
    type_into(page, page.get_by_label("Du", exact=True), "03142026")
    type_into(page, page.get_by_label("Au", exact=True), "04042026")
    type_into(page, page.get_by_label("Nombre de places"), "50")
    type_into(page, page.get_by_label("Fin des réservations (facultative)"), "2")
    press(page, page.get_by_role("button", name="Voir les dates"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de la récurrence")
    dates = page.get_by_role("list", name="Dates à créer").get_by_role("listitem")
    expect(dates).to_have_text(["samedi 14 mars à 20h00", "samedi 21 mars à 20h00",
                                "samedi 28 mars à 20h00", "samedi 4 avril à 20h00"])
    assert_accessible(page)

    press(page, page.get_by_role("button", name="Créer ces dates"))
    expect(page.locator(".flash-success")).to_have_text("4 dates créées.")
    rows = page.get_by_role("region", name="4 dates").locator("tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.last.get_by_role("rowheader")).to_have_text("samedi 4 avril à 20h00")
    expect(rows.first.locator("td").nth(2)).to_have_text("jeudi 12 mars à 20h00")
    assert_accessible(page)


def test_the_dates_page_stays_under_the_pro_budget(page, login_as, offer_ids):
    login_as("pro")
    transfer = measure_transfer(page, f"/pro/offres/{offer_ids[0]}/stocks/")
    assert_accessible(page)
    print(f"stocks page with 4 dates, cold cache: {transfer}")
    assert transfer.without_images < PRO_PAGE_BUDGET_BYTES, str(transfer)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide on a 360 px phone"


def test_a_date_is_added_then_cancelled_after_confirmation_without_javascript(page_nojs, offer_ids):
    page = page_nojs
    visit(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill(PRO)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert_accessible(page)
    visit(page, f"/pro/offres/{offer_ids[0]}/stocks/")
    page.get_by_label("Date", exact=True).fill("2026-04-18")
    page.get_by_label("Heure de début").fill("18:30")
    page.get_by_role("button", name="Ajouter la date").click()
    expect(page.locator(".flash-success")).to_have_text("Date ajoutée.")
    added = page.get_by_role("rowheader", name="samedi 18 avril à 18h30")
    expect(added).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Annuler la date du samedi 18 avril à 18h30").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Annuler la date du samedi 18 avril à 18h30 ?")
    expect(page.get_by_text("Aucune réservation n'est concernée.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Oui, annuler").click()
    expect(page.locator(".flash-success")).to_contain_text("Annulé")
    expect(added).to_have_count(0)
    assert_accessible(page)
