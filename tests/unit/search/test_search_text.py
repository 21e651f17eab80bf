"""What people type becomes the same folded, French-aware terms on every engine."""

import pytest

from models.search.fulltext import postgresql_match_expression, sqlite_match_expression
from models.search.text import search_fold, search_terms


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("Théâtre", ["theatre"]),
        ("L'ÉTÉ des CONCERTS", ["ete", "concert"]),
        ("le concert de jazz", ["concert", "jazz"]),
        ("Cœur de pirate", ["coeur", "pirate"]),
        ("jeux vidéo", ["jeu", "video"]),
        ("  ", []),
        ("«»!?", []),
        ("bd bd BD", ["bd"]),
    ],
)
def test_typed_text_becomes_folded_terms_without_stop_words_or_plurals(typed, terms):
    assert search_terms(typed) == terms


def test_at_most_eight_terms_are_kept():
    assert len(search_terms("un deux trois quatre cinq six sept huit neuf dix")) == 8


def test_folding_matches_the_index_for_ligatures_and_accents():
    assert search_fold("Œuvre ÆSOP Straße Łódź") == "oeuvre aesop strasse lodz"


def test_terms_become_prefix_queries_for_each_engine():
    assert sqlite_match_expression(["cinema", "ete"]) == '"cinema"* AND "ete"*'
    assert postgresql_match_expression(["cinema", "ete"]) == "cinema:* & ete:*"
