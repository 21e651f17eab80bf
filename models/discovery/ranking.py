"""How the deck orders offers for one person: near, liked, new to them, and varied.

score = distance decay × (1 + affinity) × budget factor + exploration bonus + jitter

- Distance decay: 1 / (1 + d / 20 km); online offers count as 10 km away.
- Affinity, in [-0.8, 2): learnt from what the person did, the sum of a category part and a
  subcategory part: likes, favorites and bookings raise them, skips lower them. Each part is
  squashed (x / (2 + |x|), within ±1) so that a few signals matter and many do not run away;
  the floor keeps a disliked category at a fifth of its score, never at nothing.
- Budget: an offer above the remaining credit stays in the deck, marked, at 60 % of its score.
- Exploration bonus: categories the person never reacted to get a flat bonus, because the
  public aim of the pass is cultural diversity, not more of the same.
- Jitter: a small deterministic variation per person, offer and day, so that equal offers
  do not always come in the same order, and a reload shows the same card.

The served sequence then keeps a diversity rule: never more than 2 cards of one category in
any 5 consecutive cards, as long as other categories have candidates.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from models.discovery.models import DeckAction
from models.offers.catalogue import SUBCATEGORIES

DECAY_KM = 20.0
ONLINE_DISTANCE_KM = 10.0
SQUASH_SCALE = 2.0
AFFINITY_FLOOR = -0.8
OVER_BUDGET_FACTOR = 0.6
EXPLORATION_BONUS = 0.25
JITTER = 0.05
DIVERSITY_WINDOW = 5
MAX_PER_CATEGORY_IN_WINDOW = 2

# What each kind of signal says about a person's taste; "seen" says nothing.
SIGNAL_WEIGHTS = {
    DeckAction.LIKE.value: 1.0,
    DeckAction.SKIP.value: -0.7,
    DeckAction.SEEN.value: 0.0,
    "favorite": 0.5,
    "booking": 2.0,
}


@dataclass(frozen=True)
class Interaction:
    offer_id: int
    subcategory_id: str
    action: DeckAction
    at: dt.datetime

    @property
    def category_id(self) -> str:
        return SUBCATEGORIES[self.subcategory_id].category_id


@dataclass(frozen=True)
class Signals:
    """What the ranking knows of a person: signal counts, and the cards served last."""

    counts: Counter  # (subcategory_id, kind) -> number of times
    recent: tuple[Interaction, ...] = ()  # most recent first

    def pending_offer_id(self, now: dt.datetime, hours: int) -> int | None:
        """The card served last and not answered yet, shown again until answered."""
        if not self.recent:
            return None
        last = self.recent[0]
        if last.action is DeckAction.SEEN and last.at > now - dt.timedelta(hours=hours):
            return last.offer_id
        return None


@dataclass(frozen=True, slots=True)
class Candidate:
    offer_id: int
    subcategory_id: str
    distance_km: float | None
    price_cents: int

    @property
    def category_id(self) -> str:
        return SUBCATEGORIES[self.subcategory_id].category_id


def _squash(value: float) -> float:
    return value / (SQUASH_SCALE + abs(value))


class Affinity:
    """A person's taste per category and subcategory, learnt from their signals."""

    def __init__(self, counts: Counter):
        self.by_category: Counter = Counter()
        self.by_subcategory: Counter = Counter()
        self.explored: set[str] = set()
        self._of: dict[str, float] = {}
        for (subcategory_id, kind), number in counts.items():
            subcategory = SUBCATEGORIES.get(subcategory_id)
            weight = SIGNAL_WEIGHTS.get(kind, 0.0)
            if subcategory is None or weight == 0:
                continue
            self.by_category[subcategory.category_id] += weight * number
            self.by_subcategory[subcategory_id] += weight * number
            self.explored.add(subcategory.category_id)

    def of(self, subcategory_id: str) -> float:
        # Asked once per candidate (hundreds a card) for a few dozen subcategories.
        known = self._of.get(subcategory_id)
        if known is None:
            category = _squash(self.by_category[SUBCATEGORIES[subcategory_id].category_id])
            known = self._of[subcategory_id] = max(
                AFFINITY_FLOOR, category + _squash(self.by_subcategory[subcategory_id]))
        return known

    def exploration_bonus(self, category_id: str) -> float:
        return 0.0 if category_id in self.explored else EXPLORATION_BONUS


def distance_decay(distance: float | None) -> float:
    return 1 / (1 + (ONLINE_DISTANCE_KM if distance is None else distance) / DECAY_KM)


@lru_cache(maxsize=65536)
def jitter(seed: int, offer_id: int, day: dt.date) -> float:
    digest = zlib.crc32(f"{seed}:{offer_id}:{day.isoformat()}".encode())
    return JITTER * digest / 0xFFFFFFFF


def score(candidate: Candidate, affinity: Affinity, within_budget: bool, seed: int,
          day: dt.date) -> float:
    value = distance_decay(candidate.distance_km) * (1 + affinity.of(candidate.subcategory_id))
    if not within_budget:
        value *= OVER_BUDGET_FACTOR
    return (
        value
        + affinity.exploration_bonus(candidate.category_id)
        + jitter(seed, candidate.offer_id, day)
    )


def _fits(category_id: str, previous: list[str]) -> bool:
    window = previous[-(DIVERSITY_WINDOW - 1):]
    return window.count(category_id) < MAX_PER_CATEGORY_IN_WINDOW


def diversified(ranked: list[Candidate], previous_categories: list[str], count: int
                ) -> list[Candidate]:
    """The first `count` of `ranked` (best first), reordered to respect the diversity rule.

    `previous_categories` are those of the cards served just before, oldest first. When no
    remaining candidate fits the rule, the best one is taken anyway: a deck with one category
    left is still a deck.
    """
    remaining = list(ranked)
    history = list(previous_categories)
    chosen: list[Candidate] = []
    while remaining and len(chosen) < count:
        pick = next((c for c in remaining if _fits(c.category_id, history)), remaining[0])
        remaining.remove(pick)
        chosen.append(pick)
        history.append(pick.category_id)
    return chosen
