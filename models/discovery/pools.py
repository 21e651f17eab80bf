"""Candidate pools: the deck's expensive read done once for a person, served from for a while.

Reading the candidates (the offers bookable around a position, nearest first per subcategory)
is the one part of a card whose cost grows with the catalogue. A pool keeps what that read
returned for one person, one position, one set of filters and one day, so the next swipes only
rank it again in Python, with the person's fresh signals, after taking out what the person
answered meanwhile. A pool is read again when it is older than `POOL_TTL`, when fewer than
`REFILL_SHARE` of its candidates are left, when the card left unanswered is not in it, or when
a card it chose is no longer bookable.

Pools live in the worker's memory (a small LRU) or, when a Redis URL is configured, in Redis,
shared by the workers (models/cache_store.py, the one mechanism the page cache uses too).
A pool holds ids, subcategories, distances and prices only: nothing a stale entry could show
wrongly, since each card is read from the database when served.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from models.cache_store import MemoryStore, RedisStore
from models.discovery.ranking import Candidate

POOL_TTL = dt.timedelta(minutes=5)
REFILL_SHARE = 0.5
MEMORY_ENTRIES = 256


@dataclass(frozen=True)
class Pool:
    candidates: tuple[Candidate, ...]
    built_at: dt.datetime

    def fresh(self, now: dt.datetime) -> bool:
        return self.built_at <= now < self.built_at + POOL_TTL

    def to_json(self) -> str:
        rows = [[c.offer_id, c.subcategory_id, c.distance_km, c.price_cents]
                for c in self.candidates]
        return json.dumps({"at": self.built_at.timestamp(), "rows": rows})

    @classmethod
    def from_json(cls, text: str | bytes) -> Pool:
        data = json.loads(text)
        return cls(tuple(Candidate(*row) for row in data["rows"]),
                   dt.datetime.fromtimestamp(data["at"], dt.UTC))


class MemoryPools(MemoryStore):
    """The pools of one worker process, the least recently used dropped past `size`."""

    def __init__(self, size: int = MEMORY_ENTRIES):
        super().__init__(size)


class RedisPools(RedisStore):
    """The same pools in Redis, shared by every worker; an unreachable Redis means no pool."""

    PREFIX = "passculture:deck-pool:"

    def __init__(self, url: str):
        super().__init__(url, ttl_seconds=int(POOL_TTL.total_seconds()),
                         encode=Pool.to_json, decode=Pool.from_json)


def make_pools(redis_url: str | None):
    """Redis pools when a URL is given, the worker's memory otherwise (models/cache_store.py:
    the same choice as the offer page cache)."""
    return RedisPools(redis_url) if redis_url else MemoryPools()
