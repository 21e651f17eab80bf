"""Reflow (WCAG 1.4.10) and text resize (1.4.4): 320 CSS px wide, then text at 200 %.

Each page is loaded in a 320 × 640 viewport with its folded parts (filters in <details>)
opened, as someone reading the whole page would. The page must not scroll sideways, neither
as it is nor once the root font size is doubled (every size in the CSS is in rem or em, so this
is how enlarged text reaches the layout). A failure names the elements that stick out.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.booking_steps import book, bookable_events
from tests.e2e.helpers import visit
from tests.factories.users import Role

NARROW = {"width": 320, "height": 640}

OPEN_FOLDED_PARTS = "document.querySelectorAll('details').forEach(details => details.open = true)"
DOUBLE_THE_TEXT = "document.documentElement.style.fontSize = '200%'"

# The width of the page and its scrollable width, and the innermost elements that reach
# beyond its right edge, described for the failure message.
OVERFLOW = """() => {
  // The young people's app scrolls in its own box above the tab bar: measure that box.
  const root = document.querySelector("[data-app-view]") || document.documentElement;
  const edge = root.clientWidth + 0.5;
  const beyond = element => element.getBoundingClientRect().right > edge;
  const culprits = Array.from(document.body.querySelectorAll("*"))
    .filter(element => beyond(element) && !Array.from(element.children).some(beyond))
    .slice(0, 5)
    .map(element => {
      const box = element.getBoundingClientRect();
      const words = (element.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
      return `<${element.tagName.toLowerCase()} class="${element.className}"> "${words}" `
        + `from ${Math.round(box.left)} to ${Math.round(box.right)} px`;
    });
  return {width: root.clientWidth, scrollWidth: root.scrollWidth, culprits: culprits};
}"""


@pytest.fixture(scope="module")
def events(demo_template_url):
    return bookable_events(demo_template_url, 2)


def assert_no_horizontal_scroll(page: Page, label: str) -> None:
    page.evaluate(OPEN_FOLDED_PARTS)
    for text_size, enlarge in (("100 %", None), ("200 %", DOUBLE_THE_TEXT)):
        if enlarge:
            page.evaluate(enlarge)
        overflow = page.evaluate(OVERFLOW)
        print(f"{label} at 320 px, text {text_size}: scroll width {overflow['scrollWidth']} px")
        assert overflow["scrollWidth"] <= overflow["width"], (
            f"{label} scrolls sideways at 320 px with text at {text_size}: "
            f"{overflow['scrollWidth']} px for {overflow['width']} px; "
            + "; ".join(overflow["culprits"])
        )


def test_the_home_page_reflows_at_320_px_and_200_percent_text(page):
    page.set_viewport_size(NARROW)
    visit(page, "/")
    assert_no_horizontal_scroll(page, "home page")


@pytest.mark.parametrize(
    "path",
    ["/decouvrir/", "/recherche/?lieu=Montpellier&commune=34172"],
    ids=["deck", "search"],
)
def test_the_deck_and_search_reflow_at_320_px_and_200_percent_text(login_as, path):
    page = login_as(Role.YOUNG)
    page.set_viewport_size(NARROW)
    visit(page, path)
    assert_no_horizontal_scroll(page, path)


def test_an_offer_page_reflows_at_320_px_and_200_percent_text(login_as, events):
    page = login_as(Role.YOUNG)
    page.set_viewport_size(NARROW)
    visit(page, events[0].path)
    assert_no_horizontal_scroll(page, "offer page")


def test_a_ticket_reflows_at_320_px_and_200_percent_text(login_as, events):
    page = login_as(Role.YOUNG)
    ticket_url = book(page, events[1])
    page.set_viewport_size(NARROW)
    visit(page, ticket_url)
    assert_no_horizontal_scroll(page, "ticket page")


def test_the_profile_reflows_at_320_px_and_200_percent_text(login_as):
    page = login_as(Role.YOUNG)
    page.set_viewport_size(NARROW)
    visit(page, "/profil/")
    assert_no_horizontal_scroll(page, "profile")


def test_the_map_reflows_at_320_px_and_200_percent_text(login_as):
    page = login_as(Role.YOUNG)
    page.set_viewport_size(NARROW)
    visit(page, "/carte")
    assert_no_horizontal_scroll(page, "map")


@pytest.mark.parametrize("path", [
    "/pro/", "/pro/offres/", "/pro/reservations/", "/pro/guichet/", "/pro/lieux/",
    "/pro/remboursements/",
])
def test_the_pro_pages_reflow_at_320_px_and_200_percent_text(login_as, path):
    page = login_as(Role.PRO)
    page.set_viewport_size(NARROW)
    visit(page, path)
    assert_no_horizontal_scroll(page, path)
