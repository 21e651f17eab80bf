"""Searches by words keep their ranking for five minutes (docs/domain/search.md): the same search
again reads no full-text index, and a kept ranking never shows an offer that changed or left."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from models.offers.models import Offer
from tests import factories
from tests.functional.discovery.deck_data import venue_at
from tests.helpers import counted_queries, html

PATH = "/recherche/?q=jazz&lieu=Montpellier&commune=34172"


def names(response) -> list[str]:
    assert response.status_code == 200
    return [title.get_text(strip=True)
            for title in html(response).select("#results-list .offer-card-title")]


def full_text(statements: list[str]) -> list[str]:
    return [s for s in statements if "MATCH" in s or "to_tsquery" in s]


@pytest.fixture
def jazz(app, db_session):
    with app.app_context():
        from webapp.views.search import _rankings

        _rankings().clear()
    offers = []
    for name in ("Nuit du jazz", "Jazz au parc"):
        offer = factories.offer(db_session, subcategory_id="CONCERT", name=name,
                                venue=venue_at(db_session, 2))
        factories.stock(db_session, offer=offer)
        offers.append(offer)
    db_session.commit()
    return offers


def test_the_same_search_again_reads_the_kept_ranking(app, client, jazz):
    first = names(client.get(PATH))
    assert sorted(first) == ["Jazz au parc", "Nuit du jazz"]
    with counted_queries(app) as statements:
        again = names(client.get(PATH))
    assert again == first and full_text(statements) == []


def test_an_offer_renamed_out_of_the_words_leaves_at_once(app, client, db_session, jazz):
    client.get(PATH)
    db_session.execute(update(Offer).where(Offer.id == jazz[0].id).values(name="Nuit du rock"))
    db_session.commit()
    assert names(client.get(PATH)) == ["Jazz au parc"]


def test_a_withdrawn_offer_leaves_at_once(app, client, db_session, jazz):
    client.get(PATH)
    db_session.execute(update(Offer).where(Offer.id == jazz[1].id).values(is_active=False))
    db_session.commit()
    assert names(client.get(PATH)) == ["Nuit du jazz"]


def test_a_new_offer_appears_within_five_minutes(client, db_session, jazz, frozen_clock):
    client.get(PATH)
    offer = factories.offer(db_session, subcategory_id="CONCERT", name="Jazz manouche",
                            venue=venue_at(db_session, 3))
    factories.stock(db_session, offer=offer)
    db_session.commit()
    frozen_clock.shift(dt.timedelta(minutes=5, seconds=1))
    assert "Jazz manouche" in names(client.get(PATH))
