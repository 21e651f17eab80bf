"""Weight budgets of issue 5 not covered elsewhere: offer and ticket pages, htmx partials, images.

The search, deck, home and map pages have their first-load budgets in their own test modules.

How bytes are counted:
- Pages: `measure_transfer`, a cold-cache load whose figures are Chromium's own accounting
  (`Network.loadingFinished.encodedDataLength`, compressed bodies plus headers).
- Partials and images: the request's `sizes()`, which Playwright derives from the same
  `encodedDataLength`: `responseBodySize` is the body as it came over the wire (gzip-compressed
  by the app for HTML, since Chromium asks for gzip) and `responseHeadersSize` the headers. The
  budget applies to both together. The size of the body gzip-compressed again here, at the
  app's level, is printed beside it as a cross-check.

Run with `pytest -s` to see the figures.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from tests.e2e.booking_steps import book, bookable_events
from tests.e2e.helpers import assert_accessible, measure_transfer, shown_offer, visit
from tests.factories.users import Role

PAGE_BUDGET_BYTES = 50_000
PARTIAL_BUDGET_BYTES = 4_000
CARD_IMAGE_BUDGET_BYTES = 25_000
# Below this size the app sends HTML as it is: gzip would save nothing (webapp/headers.py).
UNCOMPRESSED_BELOW_BYTES = 500
SEARCH_AROUND_MONTPELLIER = "/recherche/?lieu=Montpellier&commune=34172"
DECK_ANSWERS = 5


@pytest.fixture(scope="module")
def events(demo_template_url):
    return bookable_events(demo_template_url, 1)


def wire_size(response: Response, label: str) -> int:
    """Bytes of `response` on the wire (headers and encoded body); print the figures."""
    sizes = response.request.sizes()
    body = response.body()
    transferred = sizes["responseHeadersSize"] + sizes["responseBodySize"]
    encoding = response.headers.get("content-encoding", "none")
    print(
        f"{label}: {transferred} bytes transferred (headers {sizes['responseHeadersSize']}, "
        f"body {sizes['responseBodySize']} as {encoding}; {len(body)} bytes decoded, "
        f"{len(gzip.compress(body, compresslevel=6))} gzipped again here)"
    )
    if len(body) >= UNCOMPRESSED_BELOW_BYTES and "html" in response.headers["content-type"]:
        assert encoding == "gzip", f"{label} was sent uncompressed"
    return transferred


def htmx_response(page: Page, path: str, action: Callable[[], None]) -> Response:
    """The response of the htmx (not boosted) request to `path` that `action` makes."""
    def is_the_partial(response: Response) -> bool:
        headers = response.request.headers
        return (path in response.url and headers.get("hx-request") == "true"
                and "hx-boosted" not in headers)

    with page.expect_response(is_the_partial) as caught:
        action()
    response = caught.value
    assert response.ok, f"{response.url} answered {response.status}"
    return response


def test_an_offer_page_weighs_less_than_50_kb_without_images(login_as, events):
    page = login_as(Role.YOUNG)
    transfer = measure_transfer(page, events[0].path)
    print(f"offer page first load: {transfer}")
    expect(page.get_by_role("heading", level=1)).to_have_text(events[0].name)
    assert_accessible(page)
    assert transfer.without_images < PAGE_BUDGET_BYTES, str(transfer)


def test_a_ticket_page_weighs_less_than_50_kb_without_images(login_as, events):
    page = login_as(Role.YOUNG)
    ticket_url = book(page, events[0])
    transfer = measure_transfer(page, ticket_url)
    print(f"ticket page first load: {transfer}")
    expect(page.get_by_role("heading", name="Ton billet")).to_be_visible()
    assert_accessible(page)
    assert transfer.without_images < PAGE_BUDGET_BYTES, str(transfer)


def test_a_swipe_on_the_deck_brings_the_next_card_in_less_than_4_kb(login_as):
    page = login_as(Role.YOUNG)
    title = page.get_by_role("region").get_by_role("heading", level=2)
    first = shown_offer(page).get_attribute("href")
    title.focus()
    # The right arrow is the keyboard's swipe: it answers "J'aime" through swipe.js.
    response = htmx_response(page, "/decouvrir/reponse", lambda: page.keyboard.press("ArrowRight"))
    expect(shown_offer(page)).not_to_have_attribute("href", first)
    assert_accessible(page)
    assert wire_size(response, "deck swipe partial") < PARTIAL_BUDGET_BYTES


def test_a_search_filter_and_the_next_page_swap_in_less_than_4_kb_each(page):
    visit(page, SEARCH_AROUND_MONTPELLIER)
    page.get_by_text("Filtres et tri", exact=True).click()
    page.get_by_label("Catégorie", exact=True).select_option("LIVRE")
    response = htmx_response(
        page, "/recherche/", lambda: page.get_by_role("button", name="Appliquer").click()
    )
    expect(page).to_have_url(re.compile(r"categorie=LIVRE"))
    assert_accessible(page)
    filtered = wire_size(response, "search filter partial")

    shown = page.locator("#results-list > li").count()
    more = page.get_by_role("link", name="Voir plus de résultats")
    response = htmx_response(page, "/recherche/", more.click)
    expect(page.locator("#results-list > li")).not_to_have_count(shown)
    assert_accessible(page)
    next_page = wire_size(response, "search next page partial")
    assert filtered < PARTIAL_BUDGET_BYTES
    assert next_page < PARTIAL_BUDGET_BYTES


def test_a_pan_of_the_map_and_a_venue_panel_swap_in_less_than_4_kb_each(login_as):
    page = login_as(Role.YOUNG)
    page.get_by_role("link", name="Carte", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des offres")
    assert_accessible(page)

    east = page.get_by_role("link", name="Vers l'est")
    response = htmx_response(page, "/carte", east.click)
    expect(page).to_have_url(re.compile(r"[?&]lon="))
    assert_accessible(page)
    pan = wire_size(response, "map pan partial")

    venues = page.get_by_role("region", name="Les lieux, du plus proche au plus loin")
    first_venue = venues.get_by_role("link").first
    name = first_venue.inner_text()
    response = htmx_response(page, "/lieux/", first_venue.click)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_focused()
    assert_accessible(page)
    panel = wire_size(response, "map venue panel partial")
    assert pan < PARTIAL_BUDGET_BYTES
    assert panel < PARTIAL_BUDGET_BYTES


def load_images(cards: Locator) -> list[Locator]:
    """Load every image of `cards`, scrolling the lazy ones into view."""
    images = cards.locator("img").all()
    for image in images:
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
    return images


def watch_card_images(page: Page) -> list:
    """The requests for stored images the page makes from now on."""
    requests = []

    def keep(request) -> None:
        if request.resource_type == "image" and "/media/images/" in request.url:
            requests.append(request)

    page.on("request", keep)
    return requests


def image_sizes(requests) -> dict[str, int]:
    """Bytes transferred (headers and body) for each requested image, by URL."""
    sizes = {}
    for request in requests:
        transferred = request.sizes()
        sizes[request.url] = transferred["responseHeadersSize"] + transferred["responseBodySize"]
    return sizes


def assert_sized(image: Locator) -> None:
    for dimension in ("width", "height"):
        value = image.get_attribute(dimension)
        assert value and value.isdigit() and int(value) > 0, (
            f"{image.get_attribute('src')} has no {dimension} attribute"
        )


def report_images(label: str, sizes: dict[str, int]) -> None:
    largest = max(sizes.values())
    print(f"{label}: {len(sizes)} card images, largest {largest} bytes transferred, "
          f"{sum(sizes.values())} bytes in all")
    over = {url: size for url, size in sizes.items() if size >= CARD_IMAGE_BUDGET_BYTES}
    assert not over, f"card images over {CARD_IMAGE_BUDGET_BYTES} bytes: {over}"


def test_deck_card_images_are_sized_and_under_25_kb(login_as):
    page = login_as(Role.YOUNG)
    requests = watch_card_images(page)
    visit(page, "/decouvrir/")
    with_image = 0
    for _answer in range(DECK_ANSWERS):
        for image in load_images(page.locator(".deck-card")):
            assert_sized(image)
            with_image += 1
        before = shown_offer(page).get_attribute("href")
        page.get_by_role("button", name=re.compile("^Pas pour moi")).click()
        expect(shown_offer(page)).not_to_have_attribute("href", before)
        assert_accessible(page)
    assert with_image, f"none of {DECK_ANSWERS} deck cards had an image"
    report_images("deck", image_sizes(requests))


def test_search_card_images_are_sized_lazy_after_the_first_and_under_25_kb(page):
    requests = watch_card_images(page)
    visit(page, SEARCH_AROUND_MONTPELLIER)
    cards = page.locator("#results-list > li")
    expect(cards.first).to_be_visible()
    for rank, card in enumerate(cards.all()):
        for image in card.locator("img").all():
            assert_sized(image)
            if rank > 0:
                assert image.get_attribute("loading") == "lazy", (
                    f"the image of result {rank + 1} is not lazy-loaded"
                )
    assert load_images(cards), "no search result had an image"
    report_images("search", image_sizes(requests))
