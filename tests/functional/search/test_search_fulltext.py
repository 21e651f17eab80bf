"""Free text over title, description, venue and people, through each engine's full-text index."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from models.db import utcnow
from models.search.criteria import SearchCriteria
from models.search.repository import search_offers
from tests import factories
from tests.functional.discovery.deck_data import bookable_offer


def found(session, words: str) -> list[str]:
    page = search_offers(session, SearchCriteria(text=words, radius_km=None), utcnow())
    return [card.name for card in page.cards]


@pytest.fixture
def catalogue(db_session):
    theatre = factories.venue(db_session, name="Théâtre des Treize Vents")
    bookable_offer(db_session, "SPECTACLE_REPRESENTATION", name="L'Été des comédiens",
                   description="Une pièce drôle et émouvante.", venue=theatre)
    bookable_offer(db_session, "CONCERT", name="Concert de jazz", performer="Éléonore Quartet",
                   description="Soirée au bord de l'eau.")
    bookable_offer(db_session, "LIVRE_PAPIER", name="Cœur de pierre", author="Anaïs Dupré",
                   description="Un roman sur le cinéma muet.")
    bookable_offer(db_session, "SEANCE_CINE", name="Cinémas du monde",
                   description="Trois films en version originale.")
    db_session.commit()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("ete", ["L'Été des comédiens"]),
        ("ÉTÉ", ["L'Été des comédiens"]),
        ("treize vents", ["L'Été des comédiens"]),
        ("eleonore", ["Concert de jazz"]),
        ("anais dupre", ["Cœur de pierre"]),
        ("coeur", ["Cœur de pierre"]),
        ("émouvant", ["L'Été des comédiens"]),
        ("concerts", ["Concert de jazz"]),
        ("le concert de jazz", ["Concert de jazz"]),
        ("jazz roman", []),
        ("opéra", []),
    ],
)
def test_words_match_accents_case_plurals_and_every_field(db_session, catalogue, words,
                                                          expected):
    assert found(db_session, words) == expected


def test_a_title_match_ranks_before_a_description_match(db_session, catalogue):
    assert found(db_session, "cinema") == ["Cinémas du monde", "Cœur de pierre"]


def test_the_index_follows_changes_to_offers_and_venues(db_session):
    offer = bookable_offer(db_session, name="Atelier d'écriture")
    db_session.commit()
    offer.name = "Atelier de gravure"
    offer.venue.public_name = "La Halle Tropisme"
    db_session.commit()
    assert found(db_session, "ecriture") == []
    assert found(db_session, "gravure tropisme") == ["Atelier de gravure"]
    db_session.delete(offer)
    db_session.commit()
    indexed = db_session.scalar(text("SELECT count(*) FROM offer_search"))
    assert indexed == 0


def test_offers_young_people_cannot_see_are_never_found(db_session):
    bookable_offer(db_session, name="Exposition cachée", is_active=False)
    factories.offer(db_session, name="Exposition sans stock")
    db_session.commit()
    assert found(db_session, "exposition") == []
