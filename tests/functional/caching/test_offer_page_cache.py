"""The offer page rendered once per offer version (webapp/page_cache.py, docs/domain/caching.md).

Every change of what the page shows must be seen at the next request; a language, a person, a
session never gets what was rendered for another; a visitor's copy is revalidated with a 304.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import update

from models.db import utcnow
from models.offerers.models import Structure, StructureStatus, Venue
from models.offers.models import Image, Offer, PriceCategory, Stock, Validation
from models.social.models import Review
from models.territories.models import Commune
from tests import factories
from tests.functional.pro.bookings_data import add_booking
from tests.helpers import counted_queries, csrf_token, login

LOGIN_PATH = "/connexion"


@pytest.fixture
def page_store(app):
    """Each test starts with an empty page cache (the app is shared by a worker's tests)."""
    from webapp import page_cache

    with app.app_context():
        store = page_cache.store()
        store.clear()
    yield store
    store.clear()


@pytest.fixture
def concert(db_session, page_store):
    venue = factories.venue(db_session, name="La Halle Tropisme")
    offer = factories.offer(db_session, venue=venue, subcategory_id="CONCERT",
                            name="Nuit électro", description="Au bord de l'eau.")
    factories.stock(db_session, offer=offer, price_cents=1500, quantity=20,
                    beginning_at=utcnow() + dt.timedelta(days=10))
    db_session.commit()
    return offer


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def hx_token(response) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', text_of(response)).group(1)


def test_a_visitor_page_comes_from_the_cache_then_revalidates_with_304(
        app, client, concert, page_store):
    path = f"/offres/{concert.id}"
    first = client.get(path)
    assert "Nuit électro" in text_of(first)
    assert "<!--" not in text_of(first).split("<body", 1)[1]  # every slot filled
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and first.headers["Last-Modified"]
    assert {"Cookie", "Accept-Language", "HX-Request"} <= set(first.vary)
    assert first.headers["Cache-Control"] == "private, no-cache"
    with counted_queries(app) as statements:
        again = client.get(path)
    assert text_of(again) and len(statements) == 1  # the versions only
    with counted_queries(app) as statements:
        revalidated = client.get(path, headers={"If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated.get_data() == b""
    assert revalidated.headers["ETag"] == etag and len(statements) == 1
    assert client.get(path, headers={"If-None-Match": 'W/"autre"'}).status_code == 200


def test_another_visitor_gets_their_own_token_and_no_304_for_a_copy_not_theirs(
        app, client, concert, page_store):
    path = f"/offres/{concert.id}"
    mine = client.get(path)
    other = app.test_client()
    theirs = other.get(path, headers={"If-None-Match": mine.headers["ETag"]})
    assert theirs.status_code == 200  # a copy holding someone else's token is not theirs
    assert hx_token(mine) != hx_token(theirs)
    assert theirs.headers["ETag"] != mine.headers["ETag"]


def test_the_token_of_a_cached_page_is_the_visitor_s_own_and_works(app, client, concert,
                                                                      page_store):
    path = f"/offres/{concert.id}"
    client.get(path)
    token = hx_token(client.get(path))  # from the cache
    form = {"email": "personne@example.org", "password": "pas le bon"}
    # The visitor's own token is accepted: the sign-in form answers (wrong password), not the
    # "form expired" refusal of a CSRF failure.
    assert client.post(LOGIN_PATH, data={**form, "csrf_token": token}).status_code != 400
    stranger = app.test_client()
    stranger.get(path)
    assert stranger.post(LOGIN_PATH, data={**form, "csrf_token": token}).status_code == 400


def _book_a_place(session, offer):
    add_booking(session, offer.stocks[0])
    session.execute(update(Stock).where(Stock.offer_id == offer.id)
                    .values(booked_quantity=Stock.booked_quantity + 1))


def _hide_venue_behind_a_new_name(session, offer):
    session.execute(update(Venue).where(Venue.id == offer.venue_id)
                    .values(public_name="Le Nouveau Lieu"))


def _add_a_cheaper_date(session, offer):
    factories.stock(session, offer=offer, price_cents=500,
                    beginning_at=utcnow() + dt.timedelta(days=20))


def _review(session, offer):
    author = factories.young(session)
    booking = add_booking(session, offer.stocks[0], person=author)
    session.add(Review(booking_id=booking.id, user_id=author.id, offer_id=offer.id,
                       text="Une soirée inoubliable."))


def _hide_the_review(session, offer):
    _review(session, offer)
    session.commit()
    return lambda: session.execute(update(Review).where(Review.offer_id == offer.id)
                                   .values(hidden_at=utcnow()))


def _price_category(session, offer):
    category = PriceCategory(offer_id=offer.id, label="Fosse", price_cents=1500)
    session.add(category)
    session.flush()
    session.execute(update(Stock).where(Stock.offer_id == offer.id)
                    .values(price_category_id=category.id))


# (what changes, how, what the page shows after it)
CHANGES = {
    "the offer's name": (lambda s, o: s.execute(update(Offer).where(Offer.id == o.id)
                                                .values(name="Nuit techno")), "Nuit techno"),
    "a stock's price": (lambda s, o: s.execute(update(Stock).where(Stock.offer_id == o.id)
                                               .values(price_cents=2200)), "22,00"),
    "a new date": (_add_a_cheaper_date, "Dès 5,00"),
    "the venue": (_hide_venue_behind_a_new_name, "Le Nouveau Lieu"),
    "a review": (_review, "Une soirée inoubliable."),
}
# Shown in the booking section only, which is a signed-in person's own.
SIGNED_IN_ONLY = {"a price category": (_price_category, "Fosse")}


@pytest.mark.parametrize("change", [*CHANGES, *SIGNED_IN_ONLY])
def test_each_change_of_what_the_page_shows_is_seen_at_once(app, signed_in, db_session,
                                                            concert, change):
    how, shown = {**CHANGES, **SIGNED_IN_ONLY}[change]
    visitor = app.test_client()
    browsers = [signed_in] if change in SIGNED_IN_ONLY else [visitor, signed_in]
    for browser in browsers:
        assert shown not in text_of(browser.get(f"/offres/{concert.id}"))
    how(db_session, concert)
    db_session.commit()
    for browser in browsers:
        assert shown in text_of(browser.get(f"/offres/{concert.id}"))


def test_a_place_booked_is_seen_at_once(signed_in, db_session, concert):
    path = f"/offres/{concert.id}"
    assert "20 places restantes" in text_of(signed_in.get(path))
    _book_a_place(db_session, concert)
    db_session.commit()
    assert "19 places restantes" in text_of(signed_in.get(path))


def test_a_hidden_review_leaves_the_page(client, db_session, concert):
    hide = _hide_the_review(db_session, concert)
    assert "Une soirée inoubliable." in text_of(client.get(f"/offres/{concert.id}"))
    hide()
    db_session.commit()
    assert "Une soirée inoubliable." not in text_of(client.get(f"/offres/{concert.id}"))


@pytest.mark.parametrize("withdrawal", ["rejected", "deactivated", "structure suspended"])
def test_a_withdrawn_offer_is_never_served_from_the_cache(client, db_session, concert,
                                                          withdrawal):
    path = f"/offres/{concert.id}"
    assert client.get(path).status_code == 200
    if withdrawal == "rejected":
        db_session.execute(update(Offer).where(Offer.id == concert.id)
                           .values(validation=Validation.REJECTED))
    elif withdrawal == "deactivated":
        db_session.execute(update(Offer).where(Offer.id == concert.id).values(is_active=False))
    else:
        structure_id = db_session.get(Venue, concert.venue_id).structure_id
        db_session.execute(update(Structure).where(Structure.id == structure_id)
                           .values(status=StructureStatus.REJECTED))
    db_session.commit()
    assert client.get(path).status_code == 404


def test_a_date_that_begins_leaves_the_page_without_any_write(client, db_session, page_store,
                                                                frozen_clock):
    offer = factories.offer(db_session, subcategory_id="CONCERT", name="Apéro concert")
    factories.stock(db_session, offer=offer, beginning_at=utcnow() + dt.timedelta(hours=2))
    db_session.commit()
    path = f"/offres/{offer.id}"
    assert "Connecte-toi" in text_of(client.get(path))
    frozen_clock.shift(dt.timedelta(hours=3))
    assert "il n'y a pas de date à venir" in text_of(client.get(path))


def test_two_languages_never_share_an_entry(client, concert):
    path = f"/offres/{concert.id}"
    french = text_of(client.get(path, headers={"Accept-Language": "fr"}))
    english = text_of(client.application.test_client().get(
        path, headers={"Accept-Language": "en"}))
    assert '<html lang="fr">' in french and '<html lang="en">' in english
    assert "Avis des jeunes" in french and "Avis des jeunes" not in english
    assert '<html lang="fr">' in text_of(client.get(path, headers={"Accept-Language": "fr"}))


def test_a_signed_in_person_never_gets_another_s_page(app, client, db_session, concert):
    path = f"/offres/{concert.id}"
    first = factories.young(db_session, first_name="Alix")
    factories.deposit(db_session, first)
    second = factories.young(db_session, first_name="Bilal")
    factories.deposit(db_session, second)
    add_booking(db_session, concert.stocks[0], person=first)
    db_session.commit()
    visitor = text_of(client.get(path))
    assert "Connecte-toi" in visitor
    alix, bilal = app.test_client(), app.test_client()
    login(alix, first.email, factories.PASSWORD)
    login(bilal, second.email, factories.PASSWORD)
    alix_page, bilal_page = text_of(alix.get(path)), text_of(bilal.get(path))
    assert "Tu as déjà réservé cette offre." in alix_page
    assert "Tu as déjà réservé cette offre." not in bilal_page
    assert "Connecte-toi" not in alix_page + bilal_page
    assert csrf_token(alix.get(path)) != csrf_token(bilal.get(path))
    for page in (alix.get(path), bilal.get(path)):
        assert page.headers["Cache-Control"] == "private, no-store"
        assert "ETag" not in page.headers
    assert "Tu as déjà réservé" not in text_of(client.get(path))


def test_a_new_description_of_the_image_is_seen_at_once(client, db_session, concert):
    image = Image(content_type="image/png", data=b"\x89PNG", width=4, height=3,
                  checksum="0" * 64, alt_text="La scène vide")
    db_session.add(image)
    db_session.flush()
    concert.image_id = image.id
    db_session.commit()
    path = f"/offres/{concert.id}"
    assert "La scène vide" in text_of(client.get(path))
    db_session.execute(update(Image).where(Image.id == image.id)
                       .values(alt_text="La scène pleine"))
    db_session.commit()
    assert "La scène pleine" in text_of(client.get(path))


def test_a_renamed_commune_is_seen_at_once(client, db_session, concert):
    path = f"/offres/{concert.id}"
    code = db_session.get(Venue, concert.venue_id).commune_code
    name = db_session.get(Commune, code).name
    assert name in text_of(client.get(path))
    try:
        db_session.execute(update(Commune).where(Commune.code == code)
                           .values(name="Montpellier-sur-Lez"))
        db_session.commit()
        assert "Montpellier-sur-Lez" in text_of(client.get(path))
    finally:  # the communes are reference data, shared by every test
        db_session.execute(update(Commune).where(Commune.code == code).values(name=name))
        db_session.commit()
