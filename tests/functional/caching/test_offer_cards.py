"""Offer cards rendered once per process (webapp/templating.py, `offer_card`): the same card is
not rendered twice, and any change of what a card shows, its language or its time zone gives
the card anew."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from models.offers.models import Offer, Stock
from tests import factories
from tests.functional.discovery.deck_data import venue_at
from tests.helpers import html

PATH = "/recherche/?q=jazz&lieu=Montpellier&commune=34172"


def cards(response) -> list[str]:
    assert response.status_code == 200
    return [" ".join(card.get_text(" ", strip=True).split())
            for card in html(response).select("#results-list .offer-card")]


@pytest.fixture
def jazz(app, db_session):
    with app.app_context():
        from webapp.views.search import _rankings

        _rankings().clear()
    app.extensions["offer_cards"].cache_clear()
    offer = factories.offer(db_session, subcategory_id="CONCERT", name="Nuit du jazz",
                            venue=venue_at(db_session, 2))
    factories.stock(db_session, offer=offer, price_cents=1200)
    db_session.commit()
    return offer


def test_the_same_card_is_rendered_once(app, client, jazz):
    first = cards(client.get(PATH))
    assert cards(client.get(PATH)) == first
    rendered = app.extensions["offer_cards"].cache_info()
    assert (rendered.misses, rendered.hits) == (1, 1)


def test_a_new_price_or_name_gives_the_card_anew(app, client, db_session, jazz):
    [before] = cards(client.get(PATH))
    assert "12,00" in before
    db_session.execute(update(Stock).where(Stock.offer_id == jazz.id).values(price_cents=900))
    db_session.execute(update(Offer).where(Offer.id == jazz.id)
                       .values(name="Nuit du jazz manouche"))
    db_session.commit()
    [after] = cards(client.get(PATH))
    assert "9,00" in after and "12,00" not in after and "Nuit du jazz manouche" in after


def test_the_card_follows_the_language(client, jazz):
    [french] = cards(client.get(PATH))
    [english] = cards(client.get(PATH + "&lang=en"))
    assert "Concert" in french and "12,00" in french
    assert "€12.00" in english and english != french
