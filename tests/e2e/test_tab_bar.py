"""The young people's app on a phone: a slim header and five tabs at the bottom of the screen.

Every young page carries the same tab bar, marks its own tab with `aria-current="page"` (and
no other), stays under 64 px high at 360 and 320 px wide, never hides the end of the page, and
never moves while a person types and then presses a button. It is a plain list of links, so it
works the same without JavaScript.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.booking_steps import book, bookable_events
from tests.e2e.conftest import DEMO_LOGINS
from tests.e2e.helpers import assert_accessible, visit
from tests.factories.users import Role
from webapp.demo.accounts import DEMO_PASSWORD

TABS = ["Découvrir", "Rechercher", "Carte", "Réservations", "Profil"]
MAX_HEIGHT_PX = 64
AROUND_MONTPELLIER = "lieu=Montpellier&commune=34172"
# Each young page and the tab it belongs to (None: an offer belongs to no tab).
YOUNG_PAGES = [
    ("/decouvrir/", "Découvrir"),
    (f"/recherche/?{AROUND_MONTPELLIER}", "Rechercher"),
    (f"/carte?{AROUND_MONTPELLIER}", "Carte"),
    ("/reservations/", "Réservations"),
    ("/profil/", "Profil"),
    ("/favoris/", "Profil"),
]
WIDTHS = [360, 320]


@pytest.fixture(scope="module")
def events(demo_template_url):
    return bookable_events(demo_template_url, len(WIDTHS))


def tab_bar(page: Page):
    return page.get_by_role("navigation", name="Onglets")


def assert_tab_bar(page: Page, current: str | None) -> None:
    """Five tabs, the current one (only) marked, under 64 px high at the bottom of the screen."""
    bar = tab_bar(page)
    expect(bar.get_by_role("link")).to_have_text(TABS)
    for name in TABS:
        link = bar.get_by_role("link", name=name, exact=True)
        if name == current:
            expect(link).to_have_attribute("aria-current", "page")
        else:
            expect(link).not_to_have_attribute("aria-current", "page")
    box = bar.bounding_box()
    viewport = page.viewport_size
    assert box["height"] < MAX_HEIGHT_PX, f"the tab bar is {box['height']} px high"
    assert box["width"] <= viewport["width"]
    assert abs(box["y"] + box["height"] - viewport["height"]) < 1, (
        f"the tab bar ends at {box['y'] + box['height']} px, not at the bottom of the screen"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_every_young_page_has_the_tab_bar_with_its_tab_marked(login_as, events, width):
    page = login_as(Role.YOUNG)
    page.set_viewport_size({"width": width, "height": 740})
    assert_tab_bar(page, "Découvrir")
    event = events[WIDTHS.index(width)]
    for path, current in [*YOUNG_PAGES, (event.path, None)]:
        visit(page, path)
        assert_tab_bar(page, current)
    ticket = book(page, event)
    visit(page, ticket)
    assert_tab_bar(page, "Réservations")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_is_one_slim_line_and_keeps_the_skip_link_and_landmarks(login_as, width):
    page = login_as(Role.YOUNG)
    page.set_viewport_size({"width": width, "height": 740})
    visit(page, "/reservations/")
    header = page.get_by_role("banner")
    assert header.bounding_box()["height"] <= 48
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    expect(page.get_by_role("navigation", name="Menu principal")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_attached()
    assert_accessible(page)


def test_the_tab_bar_never_hides_the_end_of_the_page(login_as):
    page = login_as(Role.YOUNG)
    visit(page, f"/recherche/?{AROUND_MONTPELLIER}")
    page.keyboard.press("End")
    footer = page.get_by_role("contentinfo")
    expect(footer).to_be_in_viewport()
    bar = tab_bar(page).bounding_box()
    assert footer.bounding_box()["y"] + footer.bounding_box()["height"] <= bar["y"] + 0.5


def test_the_page_scrolls_by_keyboard_above_the_tab_bar(login_as):
    page = login_as(Role.YOUNG)
    visit(page, f"/recherche/?{AROUND_MONTPELLIER}")
    footer = page.get_by_role("contentinfo")
    expect(footer).not_to_be_in_viewport()
    for _press in range(12):
        page.keyboard.press("PageDown")
    expect(footer).to_be_in_viewport()


def test_a_button_pressed_after_typing_is_never_moved_away_by_the_tab_bar(login_as):
    page = login_as(Role.YOUNG)
    visit(page, "/recherche/")
    before = tab_bar(page).bounding_box()
    page.get_by_role("searchbox").first.fill("concert")
    assert tab_bar(page).bounding_box() == before
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=concert"))
    assert_accessible(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tab_bar_passes_axe_in_both_themes(login_as, scheme):
    page = login_as(Role.YOUNG)
    page.emulate_media(color_scheme=scheme)
    for path, _current in YOUNG_PAGES[:4]:
        visit(page, path)


def test_with_text_at_200_percent_the_tabs_fit_at_320_px_whole_at_the_end_of_the_page(login_as):
    page = login_as(Role.YOUNG)
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, "/reservations/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    for link in tab_bar(page).get_by_role("link").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320.5, link.inner_text()
        assert box["height"] >= 44
        # Names wrap whole, never broken inside a word ("Ca-rt-e").
        assert link.locator("span").evaluate("span => span.getClientRects().length") == 1
    view = page.locator("[data-app-view]")
    assert view.evaluate("view => view.scrollWidth <= view.clientWidth")


def test_the_tabs_work_without_javascript(page_nojs):
    page = page_nojs
    visit(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill(DEMO_LOGINS[Role.YOUNG])
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Découvrir")
    assert_accessible(page)
    for name, heading in [("Réservations", "Mes réservations"), ("Profil", "Mon compte")]:
        tab_bar(page).get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
        assert_tab_bar(page, name)
