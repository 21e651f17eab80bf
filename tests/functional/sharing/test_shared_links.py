"""Sharing an offer, a venue, or a duo booking's date and place.

A shared link unfolds in messaging apps through the Open Graph and Twitter card tags of the page
it points to; every address in them is absolute and starts with PUBLIC_BASE_URL. The share block
works without JavaScript: its buttons are hidden until js/share.js finds what the browser can
do, and the link itself and an e-mail link stay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from models.bookings.api import book
from models.db import utcnow
from models.offers.models import Image
from models.unit_of_work import atomic
from tests import factories
from tests.helpers import html, login

BASE = "https://pass.example.org"


@pytest.fixture(autouse=True)
def public_address(app):
    app.config["PUBLIC_BASE_URL"] = BASE


@pytest.fixture
def now() -> dt.datetime:
    return utcnow()


def meta(page, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, f"no {key} tag"
    return tag["content"]


def concert(session, now, is_duo=False, with_image=False, name_with_quote=False):
    venue = factories.venue(session, name="L'été électro" if name_with_quote
                            else "La Halle Tropisme")
    offer = factories.offer(session, venue=venue, subcategory_id="CONCERT", name="Nuit électro",
                            is_duo=is_duo)
    offer.name = "L'été électro" if name_with_quote else offer.name
    if with_image:
        data = b"\x89PNG poster"
        offer.image = Image(content_type="image/png", data=data, width=600, height=900,
                            checksum=hashlib.sha256(data).hexdigest(), alt_text="Affiche")
    stock = factories.stock(session, offer=offer, price_cents=1500,
                            beginning_at=now + dt.timedelta(days=10))
    session.commit()
    return offer, stock


def test_an_offer_page_carries_open_graph_and_twitter_tags_with_absolute_urls(
    client, db_session, now
):
    offer, _ = concert(db_session, now, with_image=True)
    page = html(client.get(f"/offres/{offer.id}"))
    assert meta(page, "og:title") == "Nuit électro"
    assert meta(page, "og:url") == f"{BASE}/offres/{offer.id}"
    description = meta(page, "og:description")
    assert description.startswith("La Halle Tropisme")
    assert description.endswith("15,00\xa0€")
    image = meta(page, "og:image")
    assert image.startswith(f"{BASE}/media/images/{offer.image.id}-")
    assert meta(page, "og:image:alt") == "Affiche"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:title") == "Nuit électro"
    assert meta(page, "twitter:image") == image
    assert page.find("link", rel="canonical")["href"] == f"{BASE}/offres/{offer.id}"


def test_an_offer_without_image_shows_the_logo_in_a_small_card(client, db_session, now):
    offer, _ = concert(db_session, now)
    page = html(client.get(f"/offres/{offer.id}"))
    assert meta(page, "twitter:card") == "summary"
    assert meta(page, "og:image").startswith(f"{BASE}/static/img/icon-512.")


def test_a_venue_page_carries_open_graph_tags(client, db_session, now):
    offer, _ = concert(db_session, now)
    page = html(client.get(f"/lieux/{offer.venue_id}"))
    assert meta(page, "og:title") == "La Halle Tropisme"
    assert meta(page, "og:url") == f"{BASE}/lieux/{offer.venue_id}"
    assert meta(page, "og:description")


@pytest.mark.parametrize("kind", ["offer", "venue"])
def test_the_share_block_works_without_javascript(client, db_session, now, kind):
    offer, _ = concert(db_session, now, name_with_quote=True)
    path = f"/offres/{offer.id}" if kind == "offer" else f"/lieux/{offer.venue_id}"
    block = html(client.get(path)).select_one("[data-share]")
    assert block["data-share-url"] == f"{BASE}{path}"
    for button in block.select("button"):
        assert button.has_attr("hidden"), "a button needs JavaScript: hidden until it works"
    assert block.select_one("a[data-share-link]")["href"] == f"{BASE}{path}"
    mail = urlsplit(block.select_one("a[href^='mailto:']")["href"])
    body = parse_qs(mail.query)["body"][0]
    assert f"{BASE}{path}" in body
    assert "L'été électro" in body, "the e-mail holds the text as written, not HTML-escaped"


def booked(client, db_session, now, quantity: int):
    person = factories.young(db_session)
    factories.deposit(db_session, person, now)
    offer, stock = concert(db_session, now, is_duo=True)
    with atomic(db_session):
        booking = book(db_session, person.id, stock.id, quantity, now)
    login(client, person.email, factories.PASSWORD)
    return booking


def test_a_duo_ticket_offers_to_send_the_date_and_place_never_the_token(client, db_session, now):
    booking = booked(client, db_session, now, quantity=2)
    page = html(client.get(f"/reservations/{booking.id}"))
    section = page.find("section", attrs={"aria-labelledby": "duo-title"})
    block = section.select_one("[data-share]")
    text = block["data-share-text"]
    assert "Nuit électro" in text and "La Halle Tropisme" in text
    # The factories' young people live in Montpellier: the date is told in Paris time.
    day = booking.stock.beginning_at.astimezone(ZoneInfo("Europe/Paris")).day
    assert f" {day} " in text
    assert block["data-share-url"] == f"{BASE}/offres/{booking.offer_id}"
    assert booking.token not in str(section)


def test_a_single_ticket_has_nothing_to_send(client, db_session, now):
    booking = booked(client, db_session, now, quantity=1)
    page = html(client.get(f"/reservations/{booking.id}"))
    assert page.find("section", attrs={"aria-labelledby": "duo-title"}) is None
