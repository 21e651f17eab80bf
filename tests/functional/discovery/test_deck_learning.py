"""The deck learns from what a person does, and keeps showing them varied culture."""

from __future__ import annotations

from collections import Counter

import pytest

from models.db import utcnow
from models.discovery.api import like_card, skip_card
from models.discovery.deck import DeckFilters, candidates, next_cards
from models.discovery.history import MemberHistory
from models.discovery.models import DeckAction
from models.search.budget import Budget
from tests import factories
from tests.functional.discovery.deck_data import MONTPELLIER, bookable_offer
from tests.helpers import counted_queries

SUBCATEGORIES = {
    "CINEMA": "SEANCE_CINE",
    "LIVRE": "LIVRE_PAPIER",
    "MUSIQUE_LIVE": "CONCERT",
    "SPECTACLE": "SPECTACLE_REPRESENTATION",
    "MUSEE": "VISITE",
    "PRATIQUE_ART": "ATELIER_PRATIQUE_ART",
}
OFFERS_PER_CATEGORY = 12


@pytest.fixture
def person(db_session):
    young = factories.young(db_session)
    factories.deposit(db_session, young)
    return young


@pytest.fixture
def offers_by_category(db_session):
    """Twelve offers in each of six categories, at the same spread of distances."""
    offers = {}
    for index, (category, subcategory) in enumerate(SUBCATEGORIES.items()):
        offers[category] = [
            bookable_offer(db_session, subcategory, km=1 + number * 2 + index * 0.1)
            for number in range(OFFERS_PER_CATEGORY)
        ]
    db_session.commit()
    return offers


def categories_of(cards) -> Counter:
    return Counter(card.category_id for card in cards)


def twenty_next(db_session, history, budget):
    return next_cards(db_session, history, MONTPELLIER, DeckFilters(), budget, utcnow(), 20)


def test_likes_and_skips_shift_the_next_twenty_cards_and_keep_them_varied(
    db_session, person, offers_by_category
):
    history = MemberHistory(db_session, person.id)
    budget = Budget(15000)
    before = categories_of(twenty_next(db_session, history, budget))

    now = utcnow()
    # Liked offers leave the deck (they are favorites now): like every other one, so that the
    # cinema left to show is as near as what other categories offer.
    for offer in offers_by_category["CINEMA"][0:10:2]:
        like_card(db_session, history, offer.id, now)
    for offer in offers_by_category["LIVRE"][:5]:
        skip_card(db_session, history, offer.id, now)
    db_session.commit()
    after = categories_of(twenty_next(db_session, history, budget))

    assert after["CINEMA"] >= before["CINEMA"] + 3, (before, after)
    assert after["LIVRE"] < before["LIVRE"], (before, after)
    assert len(after) >= 3, after


def test_no_category_takes_more_than_two_of_any_five_consecutive_cards(
    db_session, person, offers_by_category
):
    history = MemberHistory(db_session, person.id)
    for offer in offers_by_category["CINEMA"][:6]:
        like_card(db_session, history, offer.id, utcnow())
    db_session.commit()
    sequence = [card.category_id for card in twenty_next(db_session, history, Budget(15000))]
    for start in range(len(sequence) - 4):
        window = Counter(sequence[start:start + 5])
        assert max(window.values()) <= 2, sequence


def test_categories_never_tried_come_before_a_disliked_one(db_session, person,
                                                           offers_by_category):
    history = MemberHistory(db_session, person.id)
    for offer in offers_by_category["MUSEE"][:4]:
        skip_card(db_session, history, offer.id, utcnow())
    db_session.commit()
    cards = twenty_next(db_session, history, Budget(15000))
    first_five = {card.category_id for card in cards[:5]}
    assert "MUSEE" not in first_five
    assert len(first_five) >= 4


@pytest.fixture
def dense_offers(db_session):
    """150 offers in ten subcategories within 1.5 km, and one escape game 30 km away."""
    dense = [*SUBCATEGORIES.values(), "FESTIVAL_CINE", "FESTIVAL_MUSIQUE", "VISITE_GUIDEE",
             "CONFERENCE"]
    for number in range(150):
        bookable_offer(db_session, dense[number % len(dense)], km=(number % 15) / 10)
    far = bookable_offer(db_session, "ESCAPE_GAME", km=30)
    db_session.commit()
    return far


def test_where_offers_are_dense_the_deck_reads_only_the_nearest_circle(app, db_session,
                                                                      dense_offers):
    with counted_queries(app) as queries:
        found = candidates(db_session, utcnow(), MONTPELLIER, DeckFilters())
    assert len(queries) == 2  # the online offers, then the offers within 2 km
    assert all(candidate.distance_km < 2 for candidate in found)
    with counted_queries(app) as queries:
        games = candidates(db_session, utcnow(), MONTPELLIER, DeckFilters(category_ids=("JEU",)))
    # No game within 2 km: the density says 5 or 15 km would not do either.
    assert len(queries) == 3  # the online offers, 2 km, then the whole radius
    assert [candidate.distance_km > 25 for candidate in games] == [True]


def test_the_card_left_unanswered_comes_back_even_beyond_the_nearest_circle(
    db_session, person, dense_offers
):
    far = dense_offers
    history = MemberHistory(db_session, person.id)
    history.record(far.id, far.subcategory_id, DeckAction.SEEN, utcnow())
    db_session.commit()
    cards = next_cards(db_session, history, MONTPELLIER, DeckFilters(), Budget(15000), utcnow())
    assert [card.id for card in cards] == [far.id]
