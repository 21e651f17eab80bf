"""Sharing an offer by keyboard, with and without the Web Share API; taking a swipe back.

Chromium on Linux has no Web Share API: the page falls back to copying the link. The API is
also stubbed in one test (the stub keeps what it was given), so both ways are exercised.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.booking_steps import bookable_events
from tests.e2e.conftest import DEMO_LOGINS
from tests.e2e.helpers import assert_accessible, shown_offer, tab_to, visit
from tests.factories.users import Role
from webapp.demo.accounts import DEMO_PASSWORD

WITHOUT_WEB_SHARE = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
WITH_WEB_SHARE = """
Navigator.prototype.canShare = function () { return true; };
Navigator.prototype.share = function (data) { window.__shared = data; return Promise.resolve(); };
"""


@pytest.fixture(scope="module")
def events(demo_template_url):
    return bookable_events(demo_template_url, 1)


def test_without_web_share_the_link_is_copied_by_keyboard(login_as, events):
    page = login_as(Role.YOUNG)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(WITHOUT_WEB_SHARE)
    visit(page, events[0].path)
    expect(page.get_by_role("button", name="Partager l'offre")).to_be_hidden()
    copy = page.get_by_role("button", name="Copier le lien")
    tab_to(page, copy)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Lien copié")).to_be_visible()
    url = page.evaluate("navigator.clipboard.readText()")
    assert url.endswith(events[0].path)
    assert_accessible(page)


def test_with_web_share_the_share_sheet_gets_the_offer_by_keyboard(login_as, events):
    page = login_as(Role.YOUNG)
    page.add_init_script(WITH_WEB_SHARE)
    visit(page, events[0].path)
    expect(page.get_by_role("button", name="Copier le lien")).to_be_hidden()
    share = page.get_by_role("button", name="Partager l'offre")
    tab_to(page, share)
    page.keyboard.press("Enter")
    page.wait_for_function("window.__shared !== undefined")
    shared = page.evaluate("window.__shared")
    assert shared["url"].endswith(events[0].path)
    assert shared["title"] == events[0].name
    assert_accessible(page)


def test_without_javascript_the_link_itself_is_there_to_share(page_nojs, events):
    visit(page_nojs, events[0].path)
    expect(page_nojs.get_by_role("button", name="Copier le lien")).to_be_hidden()
    link = page_nojs.locator("[data-share] a[data-share-link]")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", re.compile(re.escape(events[0].path) + "$"))
    expect(page_nojs.get_by_role("link", name="Envoyer par e-mail")).to_be_visible()


def test_a_swipe_is_taken_back_by_keyboard_and_announced(login_as):
    page = login_as(Role.YOUNG)
    visit(page, "/decouvrir/")
    title = page.get_by_role("region").get_by_role("heading", level=2)
    first, name = shown_offer(page).get_attribute("href"), title.inner_text()
    title.focus()
    page.keyboard.press("ArrowLeft")
    expect(shown_offer(page)).not_to_have_attribute("href", first)
    assert_accessible(page)
    expect(page.get_by_role("button", name="Revenir à l'offre précédente")).to_be_visible()
    page.keyboard.press("Backspace")
    expect(shown_offer(page)).to_have_attribute("href", first)
    expect(page.get_by_role("status").filter(has_text=name)).to_have_text(
        f"Offre précédente : {name}")
    expect(title).to_be_focused()
    expect(page.get_by_role("button", name="Revenir à l'offre précédente")).to_have_count(0)
    assert_accessible(page)


def test_a_swipe_is_taken_back_with_the_button_without_javascript(page_nojs):
    page = page_nojs
    visit(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill(DEMO_LOGINS[Role.YOUNG])
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Découvrir")
    assert_accessible(page)
    first = shown_offer(page).get_attribute("href")
    page.get_by_role("button", name=re.compile("^Pas pour moi")).click()
    expect(shown_offer(page)).not_to_have_attribute("href", first)
    assert_accessible(page)
    page.get_by_role("button", name="Revenir à l'offre précédente").click()
    expect(shown_offer(page)).to_have_attribute("href", first)
    expect(page.get_by_text("L'offre précédente est de retour.")).to_be_visible()
    assert_accessible(page)
