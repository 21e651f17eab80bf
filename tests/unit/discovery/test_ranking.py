"""The deck's scoring: distance, taste learnt from signals, a push to explore, and variety."""

import datetime as dt
from collections import Counter

import pytest

from models.discovery.models import DeckAction
from models.discovery.ranking import (
    AFFINITY_FLOOR,
    EXPLORATION_BONUS,
    JITTER,
    Affinity,
    Candidate,
    Interaction,
    Signals,
    distance_decay,
    diversified,
    jitter,
    score,
)

DAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def candidate(offer_id, subcategory_id="SEANCE_CINE", distance=1.0, price=1000):
    return Candidate(offer_id, subcategory_id, distance, price)


def test_nearer_is_better_and_online_counts_as_ten_kilometres():
    assert distance_decay(0) == 1
    assert distance_decay(1) > distance_decay(5) > distance_decay(40)
    assert distance_decay(None) == distance_decay(10)


def test_likes_favorites_and_bookings_raise_affinity_and_skips_lower_it():
    affinity = Affinity(Counter({
        ("SEANCE_CINE", "like"): 3, ("CONCERT", "booking"): 1, ("LIVRE_PAPIER", "skip"): 4,
        ("VISITE", "favorite"): 1,
    }))
    assert affinity.of("SEANCE_CINE") > 0
    assert affinity.of("CONCERT") > 0 and affinity.of("VISITE") > 0
    assert affinity.of("LIVRE_PAPIER") < 0
    assert affinity.of("SPECTACLE_REPRESENTATION") == 0


def test_a_liked_subcategory_lifts_its_whole_category_a_little_less():
    affinity = Affinity(Counter({("SEANCE_CINE", "like"): 3}))
    assert affinity.of("SEANCE_CINE") > affinity.of("FESTIVAL_CINE") > 0


def test_affinity_is_bounded_so_no_taste_erases_a_category():
    affinity = Affinity(Counter({("LIVRE_PAPIER", "skip"): 500, ("CONCERT", "like"): 500}))
    assert affinity.of("LIVRE_PAPIER") == AFFINITY_FLOOR
    assert affinity.of("CONCERT") < 2


def test_seen_cards_teach_nothing():
    affinity = Affinity(Counter({("SEANCE_CINE", "seen"): 50}))
    assert affinity.of("SEANCE_CINE") == 0
    assert affinity.exploration_bonus("CINEMA") == EXPLORATION_BONUS


def test_only_categories_without_any_signal_get_the_exploration_bonus():
    affinity = Affinity(Counter({("SEANCE_CINE", "like"): 1, ("LIVRE_PAPIER", "skip"): 1}))
    assert affinity.exploration_bonus("CINEMA") == 0
    assert affinity.exploration_bonus("LIVRE") == 0
    assert affinity.exploration_bonus("MUSEE") == EXPLORATION_BONUS


def test_jitter_is_small_and_the_same_for_a_person_offer_and_day():
    values = {jitter(7, offer_id, DAY) for offer_id in range(200)}
    assert all(0 <= value <= JITTER for value in values)
    assert len(values) > 150
    assert jitter(7, 3, DAY) == jitter(7, 3, DAY)
    assert jitter(7, 3, DAY) != jitter(8, 3, DAY)


def test_an_offer_above_the_budget_scores_lower_but_still_scores():
    affinity = Affinity(Counter())
    within = score(candidate(1), affinity, True, 0, DAY)
    above = score(candidate(1), affinity, False, 0, DAY)
    assert 0 < above < within


def ranked(categories):
    subcategories = {"CINEMA": "SEANCE_CINE", "LIVRE": "LIVRE_PAPIER", "MUSEE": "VISITE",
                     "MUSIQUE_LIVE": "CONCERT"}
    return [candidate(index, subcategories[category]) for index, category in enumerate(categories)]


def test_no_category_takes_more_than_two_of_five_consecutive_cards_when_others_exist():
    chosen = diversified(ranked(["CINEMA"] * 10 + ["LIVRE"] * 5 + ["MUSEE"] * 5), [], 12)
    sequence = [card.category_id for card in chosen]
    for start in range(len(sequence) - 4):
        assert max(Counter(sequence[start:start + 5]).values()) <= 2, sequence


def test_the_cards_served_just_before_count_in_the_diversity_rule():
    chosen = diversified(ranked(["CINEMA", "CINEMA", "LIVRE"]), ["CINEMA", "CINEMA"], 1)
    assert chosen[0].category_id == "LIVRE"


def test_with_one_category_left_the_deck_still_serves_it():
    chosen = diversified(ranked(["CINEMA"] * 4), [], 4)
    assert len(chosen) == 4


@pytest.mark.parametrize(
    ("action", "age", "pending"),
    [
        (DeckAction.SEEN, dt.timedelta(hours=1), 5),
        (DeckAction.SEEN, dt.timedelta(days=1), None),
        (DeckAction.LIKE, dt.timedelta(minutes=1), None),
    ],
)
def test_the_last_card_served_and_not_answered_is_pending(action, age, pending):
    signals = Signals(Counter(), (Interaction(5, "SEANCE_CINE", action, NOW - age),))
    assert signals.pending_offer_id(NOW, hours=12) == pending
