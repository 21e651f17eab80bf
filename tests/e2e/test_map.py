"""The offer map in a phone-sized Chromium: from a commune to a booking, three ways.

With the mouse and JavaScript, by keyboard only, and with JavaScript off, a young person
chooses a commune, opens the map, zooms into a cluster, opens a venue and books one of its
offers through the offer page and the booking confirmation. Every state is scanned with axe.
The demo data provides the venues: a cluster of central Montpellier venues at the default view.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import DEMO_LOGINS
from tests.e2e.helpers import assert_accessible, measure_transfer, sign_in, tab_to, visit
from tests.factories.users import Role

MAP_PAGE_BUDGET_BYTES = 40_000
CLUSTER = re.compile(r"^Groupe de \d+ lieux")
MARKER = re.compile(r"^.+, \d+ offres?, \d+(,\d)? km$")
MAX_TABS = 250


def map_svg(page: Page) -> Locator:
    return page.get_by_role("group", name=re.compile(r"^Carte : \d+ lieux? dans cette vue"))


def place_line(page: Page, pattern: str) -> Locator:
    return page.get_by_role("paragraph").filter(has_text=re.compile(pattern))


def sign_in_without_javascript(page: Page) -> None:
    sign_in(page, DEMO_LOGINS[Role.YOUNG])


def activate(page: Page, target: Locator, keyboard: bool) -> None:
    if keyboard:
        tab_to(page, target, MAX_TABS)
        page.keyboard.press("Enter")
    else:
        target.click()


def choose_montpellier(page: Page, keyboard: bool = False, javascript: bool = True) -> None:
    """From the map, change its place to the commune of Montpellier."""
    activate(page, page.get_by_role("link", name=re.compile("^Changer de lieu")), keyboard)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisir le lieu de la carte")
    assert_accessible(page)
    field = page.get_by_label("Autour d’une commune")
    if keyboard:
        tab_to(page, field, MAX_TABS)
        page.keyboard.type("Montpellier")
    else:
        field.fill("Montpellier")
    if javascript:
        choice = page.get_by_role("radio", name="Montpellier (34000, 34)")
        expect(choice).to_be_visible()
        assert_accessible(page)
        if keyboard:
            tab_to(page, choice, MAX_TABS)
            page.keyboard.press("Space")
        else:
            choice.check()
    button = page.get_by_role("button", name="Voir la carte autour de cette commune")
    activate(page, button, keyboard)
    expect(place_line(page, r"Autour de Montpellier, 20 km")).to_be_visible()
    expect(map_svg(page)).to_be_visible()
    assert_accessible(page)


def open_the_map(page: Page, keyboard: bool = False) -> None:
    activate(page, page.get_by_role("link", name="Carte", exact=True), keyboard)
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des offres")
    assert_accessible(page)


def zoom_into_a_cluster(page: Page, keyboard: bool = False) -> None:
    before = page.url
    cluster = map_svg(page).get_by_role("link", name=CLUSTER).first
    activate(page, cluster, keyboard)
    expect(page).not_to_have_url(before)
    expect(page).to_have_url(re.compile(r"[?&]z=1[1-7]\b"))
    expect(map_svg(page)).to_be_visible()
    assert_accessible(page)


def venue_markers(page: Page) -> Locator:
    return map_svg(page).get_by_role("link", name=MARKER)


def zoom_until_venues_show(page: Page, keyboard: bool = False) -> None:
    """Zoom into a cluster, and again into one of its parts while only clusters are left."""
    zoom_into_a_cluster(page, keyboard)
    for _ in range(4):
        if venue_markers(page).count():
            return
        zoom_into_a_cluster(page, keyboard)
    pytest.fail("zooming into clusters never showed a single venue")


def open_a_venue(page: Page, index: int, keyboard: bool, javascript: bool) -> str:
    """Open the `index`-th venue marker of the view; return the venue page's address."""
    marker = venue_markers(page).nth(index)
    name = marker.get_attribute("aria-label").split(",")[0]
    venue_url = marker.get_attribute("href")
    activate(page, marker, keyboard)
    heading = page.get_by_role("heading", name=name, exact=True)
    expect(heading).to_be_visible()
    if javascript:
        expect(heading).to_be_focused()
    else:
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert_accessible(page)
    return venue_url


def book_an_offer_of_the_venue(page: Page, venue_url: str, keyboard: bool) -> bool:
    """Book the venue's first offer that this person can still book; False if none.

    After an offer this person cannot book, the venue's own page is the way back.
    """
    offers = page.locator(".venue .offer-card-title a")
    links = [offers.nth(i).get_attribute("href") for i in range(offers.count())]
    for href in links:
        activate(page, page.locator(f".venue .offer-card-title a[href='{href}']"), keyboard)
        expect(page).to_have_url(re.compile(re.escape(href) + "$"))
        assert_accessible(page)
        book = page.get_by_role("button", name="Réserver", exact=True)
        if book.count() and not page.locator("#booking-refusal").count():
            activate(page, book, keyboard)
            expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
            assert_accessible(page)
            confirm = page.get_by_role("button", name="Confirmer la réservation")
            if confirm.count():
                activate(page, confirm, keyboard)
                expect(page.get_by_text("C'est réservé ! Voici ton billet.")).to_be_visible()
                assert_accessible(page)
                return True
        visit(page, venue_url)
    return False


def book_from_the_map(page: Page, keyboard: bool = False, javascript: bool = True) -> None:
    map_url = page.url
    for index in range(venue_markers(page).count()):
        venue_url = open_a_venue(page, index, keyboard, javascript)
        if book_an_offer_of_the_venue(page, venue_url, keyboard):
            return
        visit(page, map_url)
    pytest.fail("no venue of the zoomed view had an offer this person could book")


def test_a_young_person_chooses_a_commune_zooms_opens_a_venue_and_books(login_as):
    page = login_as(Role.YOUNG)
    open_the_map(page)
    choose_montpellier(page)
    zoom_until_venues_show(page)
    book_from_the_map(page)


def test_the_same_journey_by_keyboard_only(login_as):
    page = login_as(Role.YOUNG)
    open_the_map(page, keyboard=True)
    choose_montpellier(page, keyboard=True)
    zoom_until_venues_show(page, keyboard=True)
    book_from_the_map(page, keyboard=True)


def test_the_same_journey_with_javascript_off(page_nojs: Page):
    page = page_nojs
    sign_in_without_javascript(page)
    open_the_map(page)
    choose_montpellier(page, javascript=False)
    zoom_until_venues_show(page)
    book_from_the_map(page, javascript=False)


def test_the_map_of_montpellier_weighs_less_than_40_kb(login_as):
    page = login_as(Role.YOUNG)
    transfer = measure_transfer(page, "/carte")
    print(f"map page, Montpellier 20 km: {transfer}")
    expect(map_svg(page)).to_be_visible()
    assert_accessible(page)
    assert transfer.total < MAP_PAGE_BUDGET_BYTES, str(transfer)


def test_around_me_uses_the_device_position_after_the_button_press(login_as):
    page = login_as(Role.YOUNG)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 48.3904, "longitude": -4.4861})
    visit(page, "/carte/position")
    expect(page.get_by_text(re.compile("elle n’est pas enregistrée"))).to_be_visible()
    page.get_by_role("button", name="Autour de moi").click()
    expect(place_line(page, r"Autour de ta position \(près de Brest\), 20 km")).to_be_visible()
    expect(map_svg(page)).to_be_visible()
    assert_accessible(page)


def test_panning_by_an_arrow_swaps_only_the_map_and_keeps_the_focus(login_as):
    page = login_as(Role.YOUNG)
    open_the_map(page)
    heading = page.get_by_role("heading", level=1)
    heading.evaluate("element => element.dataset.marker = 'kept'")
    east = page.get_by_role("link", name="Vers l'est")
    east.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]lon="))
    expect(page.get_by_role("link", name="Vers l'est")).to_be_focused()
    expect(page.locator("h1[data-marker='kept']")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="Carte mise à jour")).to_be_visible()
    assert_accessible(page)


def test_the_list_of_venues_tells_a_screen_reader_what_the_map_shows(login_as):
    page = login_as(Role.YOUNG)
    open_the_map(page)
    venues = page.get_by_role("region", name="Les lieux, du plus proche au plus loin")
    expect(venues).to_match_aria_snapshot(
        """
        - heading "Les lieux, du plus proche au plus loin" [level=2]
        - list:
          - listitem:
            - link /.+/
            - text: /.+ · \\d+ offres? · \\d+(,\\d)? km (au|à l’|à l')/
        """
    )


def test_dragging_the_map_moves_it_like_the_arrows(login_as):
    page = login_as(Role.YOUNG)
    open_the_map(page)
    box = map_svg(page).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 60, y, steps=6)
    page.mouse.move(x - 120, y, steps=6)
    page.mouse.up()
    # Dragging leftwards brings what lies east into view: the centre moves east.
    expect(page).to_have_url(re.compile(r"[?&]lon=3\.9[5-9]|[?&]lon=4\."))
    expect(page.get_by_role("status").filter(has_text="Carte mise à jour")).to_be_visible()
    assert_accessible(page)
