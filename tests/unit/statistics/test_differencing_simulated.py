"""Differencing attacks on the cell-key method, simulated on many draws of people's keys.

An attacker reads two published counts whose true values differ by a few people (a territory
and the same territory minus one commune; two periods one day apart; a category and its
complement) and subtracts them. The keys are secret, so across draws the attacker sees the
spread below; these tests check that it does not give the small count away
(docs/domain/7-territories.md).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest

from models.statistics.secrecy import Count, protect_count

DRAWS = 3000


def published(keys: list[int]) -> int:
    return protect_count(Count(len(keys), sum(keys))).value


def differences(rng: random.Random, large: int, small: int) -> Counter:
    """Published(large + small people) minus published(large people), over many key draws."""
    seen = Counter()
    for _ in range(DRAWS):
        base = [rng.randrange(2**31) for _ in range(large)]
        extra = [rng.randrange(2**31) for _ in range(small)]
        seen[published(base + extra) - published(base)] += 1
    return seen


@pytest.fixture(scope="module")
def observed() -> dict[int, Counter]:
    rng = random.Random(2026)
    return {small: differences(rng, 40, small) for small in range(1, 5)}


@pytest.mark.parametrize("small", range(1, 5))
def test_the_difference_rarely_equals_the_small_count(observed, small):
    assert observed[small][small] / DRAWS < 0.15


@pytest.mark.parametrize("small", range(1, 5))
def test_the_difference_spreads_over_many_values(observed, small):
    assert len(observed[small]) >= 15


def test_an_attacker_guessing_the_likeliest_small_count_is_mostly_wrong(observed):
    """With each count from 1 to 4 as likely, the best guess from the difference (knowing the
    noise table, not the keys) is right barely more often than a blind guess (one in four)."""
    by_difference: dict[int, dict[int, int]] = defaultdict(dict)
    for small, seen in observed.items():
        for difference, times in seen.items():
            by_difference[difference][small] = times
    right = sum(max(guesses.values()) for guesses in by_difference.values())
    assert right / (DRAWS * len(observed)) < 0.4


def test_the_same_people_always_get_the_same_published_count():
    rng = random.Random(7)
    keys = [rng.randrange(2**31) for _ in range(37)]
    shuffled = keys[:]
    rng.shuffle(shuffled)
    assert published(keys) == published(shuffled) == published(list(reversed(keys)))


def test_no_draw_publishes_a_count_between_1_and_4():
    rng = random.Random(11)
    for size in range(0, 12):
        for _ in range(200):
            assert published([rng.randrange(2**31) for _ in range(size)]) not in {1, 2, 3, 4}
