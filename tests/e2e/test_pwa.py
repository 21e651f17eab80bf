"""The installable app: installability, tickets kept offline, offline page, logout."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.helpers import PHONE, AccessibilityTracker, assert_accessible, visit
from tests.e2e.test_booking import bookable_event_paths
from tests.factories.users import Role

TICKET_KEPT = """async (path) => {
  const cache = await caches.open("tickets-v1");
  return Boolean(await cache.match(path));
}"""
TICKET_GONE = """async (path) => {
  const cache = await caches.open("tickets-v1");
  return !(await cache.match(path));
}"""
PERSON_REMEMBERED = """async () => {
  const cache = await caches.open("tickets-v1");
  return Boolean(await cache.match("/__person__"));
}"""
SOMEONE_ELSES_TICKET = """async (path) => {
  const cache = await caches.open("tickets-v1");
  await cache.put(path, new Response("<h1>Billet de quelqu'un d'autre</h1>", {
    headers: {"Content-Type": "text/html", "X-Person": "quelqu-un-d-autre"}}));
}"""


@pytest.fixture(scope="module")
def event_offer_paths(demo_template_url) -> list[str]:
    """Concerts or shows of the demo data, bookable for a week at least, under 50 €."""
    return bookable_event_paths(demo_template_url, 2)


def book(page, offer_path: str) -> str:
    """Book the offer's first date; return the ticket's path once it is kept offline."""
    visit(page, offer_path)
    page.get_by_role("button", name="Réserver").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.locator(".ticket-token")).to_have_text(re.compile(r"^[A-Z2-7]{6}$"))
    assert_accessible(page)
    ticket_path = page.url.removeprefix(page.evaluate("location.origin"))
    page.wait_for_function(TICKET_KEPT, arg=ticket_path)
    return ticket_path


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


def test_a_ticket_stays_available_offline_until_logout(page, login_as, event_offer_paths):
    login_as(Role.YOUNG)
    ticket_url = book(page, event_offer_paths[0])
    token_text = page.locator(".ticket-token").inner_text()

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


def test_a_cancelled_ticket_is_dropped_from_the_device(page, login_as, event_offer_paths):
    login_as(Role.YOUNG)
    ticket_path = book(page, event_offer_paths[1])
    page.get_by_role("button", name="Annuler cette réservation").click()
    expect(page.get_by_text("Réservation annulée", exact=False).first).to_be_visible()
    assert_accessible(page)
    page.wait_for_function(TICKET_GONE, arg=ticket_path)

    page.context.set_offline(True)
    page.goto(ticket_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu es hors ligne")
    expect(page.locator(".ticket-token")).to_have_count(0)
    assert_accessible(page)
    page.context.set_offline(False)


def test_a_ticket_kept_for_somebody_else_is_never_shown(page, login_as):
    login_as(Role.YOUNG)
    visit(page, "/profil/")
    page.wait_for_function(PERSON_REMEMBERED)
    page.evaluate(SOMEONE_ELSES_TICKET, "/reservations/999999")

    page.context.set_offline(True)
    page.goto("/reservations/999999")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu es hors ligne")
    expect(page.get_by_text("Billet de quelqu'un d'autre")).to_have_count(0)
    assert_accessible(page)
    page.context.set_offline(False)
