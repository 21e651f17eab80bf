"""Headers that keep personal pages out of caches and put every response, static files and
refusals included, under the same security policy."""

from __future__ import annotations

import hashlib

import pytest
from werkzeug.test import Client

from models.bookings.api import book
from models.db import utcnow
from models.offers.models import Image
from tests import factories
from tests.functional.discovery.deck_data import bookable_offer
from tests.helpers import html, login
from webapp.assets import serve_static
from webapp.headers import SECURITY_HEADERS


@pytest.fixture
def booking_id(db_session, young):
    offer = bookable_offer(db_session, km=1)
    db_session.commit()
    booking = book(db_session, young.id, offer.stocks[0].id, 1, utcnow())
    db_session.commit()
    return booking.id


def test_personal_pages_are_never_stored_by_any_cache(client, young, booking_id):
    login(client, young.email, factories.PASSWORD)
    for path in ("/profil/", "/favoris/", "/compte/securite", f"/reservations/{booking_id}",
                 "/reservations/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers["Cache-Control"], path


def test_public_pages_for_visitors_are_revalidated_not_forbidden_to_cache(client):
    assert client.get("/").headers["Cache-Control"] == "private, no-cache"


def stored_image(db_session) -> Image:
    data = b"\x89PNG fake image"
    image = Image(content_type="image/png", data=data, width=1, height=1,
                  checksum=hashlib.sha256(data).hexdigest())
    db_session.add(image)
    db_session.commit()
    return image


def test_an_image_is_served_for_the_checksum_of_its_url_only(client, db_session):
    image = stored_image(db_session)
    assert client.get(f"/media/images/{image.id}-{image.checksum[:16]}").status_code == 200
    for guess in (image.checksum[:1], image.checksum[:15], image.checksum, ""):
        assert client.get(f"/media/images/{image.id}-{guess}").status_code == 404, guess


def test_static_files_carry_the_security_headers(app):
    static = Client(serve_static(app))
    with app.test_request_context():
        from webapp.assets import static_url

        url = static_url("css/bundle.css")
    response = static.get(url)
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_a_url_too_long_gets_a_french_414_page_with_the_security_headers(client):
    response = client.get("/recherche/?q=" + "a" * 5000)
    assert response.status_code == 414
    assert html(response).find("h1").get_text(strip=True) == "Adresse trop longue"
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
