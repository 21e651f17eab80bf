"""The dark theme keeps AA contrast everywhere, and reduced motion switches the movement off.

axe's colour-contrast rule computes the colours the browser really paints, so scanning the
pages with `prefers-color-scheme: dark` emulated checks the dark theme's contrast as the light
one is checked everywhere else.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.booking_steps import BookableEvent, book, bookable_events
from tests.e2e.helpers import assert_accessible, visit
from tests.e2e.test_booking import TOKEN
from tests.factories.users import Role

PUBLIC_PAGES = ["/", "/connexion", "/inscription", "/accessibilite", "/hors-ligne"]
YOUNG_PAGES = ["/decouvrir/", "/recherche/?q=livre", "/carte", "/profil/", "/reservations/",
               "/favoris/"]


@pytest.fixture(scope="module")
def event(demo_template_url) -> BookableEvent:
    return bookable_events(demo_template_url, 1)[0]


def deck_card_transition(page: Page) -> str:
    return page.locator(".deck-card").first.evaluate(
        "card => getComputedStyle(card).transitionDuration")


def test_public_pages_keep_aa_contrast_in_the_dark_theme(page: Page):
    page.emulate_media(color_scheme="dark")
    for path in PUBLIC_PAGES:
        visit(page, path)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")


def test_a_young_persons_journey_keeps_aa_contrast_in_the_dark_theme(login_as, event):
    page = login_as(Role.YOUNG)
    page.emulate_media(color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="light")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background, \
        "the dark theme must change the page's colours"
    page.emulate_media(color_scheme="dark")
    for path in YOUNG_PAGES:
        visit(page, path)

    book(page, event)  # the offer, the confirmation and the ticket, each scanned
    expect(page.locator(".ticket-token")).to_have_text(TOKEN)


def test_form_errors_keep_aa_contrast_in_the_dark_theme(page: Page):
    page.emulate_media(color_scheme="dark")
    visit(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Il y a un problème")).to_be_visible()
    assert_accessible(page)


def test_the_deck_card_moves_only_when_motion_is_welcome(login_as):
    page = login_as(Role.YOUNG)
    expect(page).to_have_url(re.compile(r"/decouvrir/$"))
    page.emulate_media(reduced_motion="no-preference")
    assert deck_card_transition(page) != "0s"
    page.emulate_media(reduced_motion="reduce")
    assert deck_card_transition(page) == "0s"
    button = page.locator(".button").first
    assert button.evaluate("b => getComputedStyle(b).transitionDuration") == "0s"
