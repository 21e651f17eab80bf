"""The installable app: installability, tickets kept offline, offline page, logout."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.db import make_engine, utcnow
from models.offerers.models import Structure, StructureStatus, Venue
from models.offers.models import Offer, Stock, Validation
from models.users.models import Role
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.e2e.helpers import AccessibilityTracker, assert_accessible, visit

TICKETS_CACHE_FILLED = """async () => {
  const cache = await caches.open("tickets-v1");
  return (await cache.keys()).length > 0;
}"""


@pytest.fixture(scope="module")
def event_offer_path(demo_template_url) -> str:
    """A concert or show of the demo data, bookable for a week at least, under 50 €."""
    engine = make_engine(demo_template_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        offer_id = session.scalar(
            select(Offer.id)
            .join(Venue).join(Structure).join(Stock)
            .where(
                Offer.subcategory_id.in_(["CONCERT", "SPECTACLE_REPRESENTATION"]),
                Offer.validation == Validation.APPROVED,
                Offer.is_active.is_(True),
                Structure.status == StructureStatus.VALIDATED,
                Stock.is_deleted.is_(False),
                Stock.beginning_at > utcnow() + dt.timedelta(days=7),
                Stock.price_cents.between(1, 5000),
                (Stock.quantity.is_(None)) | (Stock.booked_quantity < Stock.quantity),
            )
            .order_by(Offer.id)
            .limit(1)
        )
    engine.dispose()
    assert offer_id is not None, "the demo data has no bookable concert or show"
    return f"/offres/{offer_id}"


def test_chromium_finds_no_installability_error(browser, live_server, tmp_path):
    # Playwright's usual contexts are incognito ones, where nothing can be installed: this test
    # uses a real profile folder instead.
    context = browser.browser_type.launch_persistent_context(
        tmp_path, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        base_url=live_server, locale="fr-FR", **PHONE,
    )
    try:
        page = context.new_page()
        AccessibilityTracker.attach(page)
        visit(page, "/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        devtools = context.new_cdp_session(page)
        errors = devtools.send("Page.getInstallabilityErrors")["installabilityErrors"]
    finally:
        context.close()
    assert errors == []


def test_the_manifest_is_served_with_its_type(page):
    response = page.request.get("/manifest.webmanifest")
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["display"] == "standalone" and manifest["lang"] == "fr"
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}


def test_a_ticket_stays_available_offline_until_logout(page, login_as, event_offer_path):
    login_as(Role.YOUNG)
    visit(page, event_offer_path)
    page.get_by_role("button", name="Réserver").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    token = page.locator(".ticket-token")
    expect(token).to_have_text(re.compile(r"^[A-Z2-7]{6}$"))
    assert_accessible(page)
    ticket_url, token_text = page.url, token.inner_text()
    page.wait_for_function(TICKETS_CACHE_FILLED)

    page.context.set_offline(True)
    page.goto(ticket_url)
    expect(page.locator(".ticket-token")).to_have_text(token_text)
    assert_accessible(page)
    page.goto("/favoris/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu es hors ligne")
    assert_accessible(page)

    page.context.set_offline(False)
    visit(page, "/")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("caches.has('tickets-v1')") is False
