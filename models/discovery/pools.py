"""Candidate pools: the deck's expensive read done once for a person, served from for a while.

Reading the candidates (the offers bookable around a position, nearest first per subcategory)
is the one part of a card whose cost grows with the catalogue. A pool keeps what that read
returned for one person, one position, one set of filters and one day, so the next swipes only
rank it again in Python, with the person's fresh signals, after taking out what the person
answered meanwhile. A pool is read again when it is older than `POOL_TTL`, when fewer than
`REFILL_SHARE` of its candidates are left, when the card left unanswered is not in it, or when
a card it chose is no longer bookable.

Pools live in the worker's memory (a small LRU) or, when a Redis URL is configured, in Redis,
shared by the workers. A pool holds ids, subcategories, distances and prices only: nothing a
stale entry could show wrongly, since each card is read from the database when served.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

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


class MemoryPools:
    """The pools of one worker process, the least recently used dropped past `size`."""

    def __init__(self, size: int = MEMORY_ENTRIES):
        self.size = size
        self._entries: OrderedDict[str, Pool] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Pool | None:
        with self._lock:
            pool = self._entries.get(key)
            if pool is not None:
                self._entries.move_to_end(key)
            return pool

    def put(self, key: str, pool: Pool) -> None:
        with self._lock:
            self._entries[key] = pool
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)


class RedisPools:
    """The same pools in Redis, shared by every worker; an unreachable Redis means no pool."""

    PREFIX = "passculture:deck-pool:"

    def __init__(self, url: str):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.2, socket_connect_timeout=0.2)

    def get(self, key: str) -> Pool | None:
        try:
            text = self._redis.get(self.PREFIX + key)
        except Exception:  # noqa: BLE001 - redis' own errors: a missing pool is only slower
            return None
        return Pool.from_json(text) if text else None

    def put(self, key: str, pool: Pool) -> None:
        try:
            self._redis.set(self.PREFIX + key, pool.to_json(),
                            ex=int(POOL_TTL.total_seconds()))
        except Exception:  # noqa: BLE001 - see get()
            return

    def drop(self, key: str) -> None:
        try:
            self._redis.delete(self.PREFIX + key)
        except Exception:  # noqa: BLE001 - see get()
            return


def make_pools(redis_url: str | None):
    """Redis pools when a URL is given, the worker's memory otherwise."""
    return RedisPools(redis_url) if redis_url else MemoryPools()
