"""Where the app keeps what it computed once to serve many times: one mechanism, two stores.

Without configuration, each worker process keeps its entries in memory (a small LRU). When a
Redis URL is configured (`REDIS_URL`), the entries live in Redis, shared by every worker and
server, with an expiry. Redis is only a cache: when it cannot be reached, `get` finds nothing
and `put` keeps nothing, and the caller computes again. Users: the deck's candidate pools
(models/discovery/pools.py) and the offer page cache (webapp/page_cache.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class MemoryStore:
    """Entries of one worker process, the least recently used dropped past `size`."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Any) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class RedisStore:
    """The same entries in Redis under `prefix`, expiring after `ttl_seconds`; an unreachable
    Redis means no entry."""

    PREFIX = "passculture:"

    def __init__(self, url: str, *, ttl_seconds: int, encode: Callable[[Any], str | bytes],
                 decode: Callable[[bytes], Any], prefix: str | None = None):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.2, socket_connect_timeout=0.2)
        self.ttl_seconds = ttl_seconds
        self._encode, self._decode = encode, decode
        if prefix is not None:
            self.PREFIX = prefix

    def get(self, key: str) -> Any | None:
        try:
            data = self._redis.get(self.PREFIX + key)
        except Exception:  # noqa: BLE001 - redis' own errors: a missing entry is only slower
            return None
        return self._decode(data) if data else None

    def put(self, key: str, entry: Any) -> None:
        try:
            self._redis.set(self.PREFIX + key, self._encode(entry), ex=self.ttl_seconds)
        except Exception:  # noqa: BLE001 - see get()
            return

    def drop(self, key: str) -> None:
        try:
            self._redis.delete(self.PREFIX + key)
        except Exception:  # noqa: BLE001 - see get()
            return


def make_store(redis_url: str | None, *, size: int, ttl_seconds: int, prefix: str,
               encode: Callable[[Any], str | bytes], decode: Callable[[bytes], Any]):
    """Redis when a URL is given, the worker's memory otherwise."""
    if redis_url:
        return RedisStore(redis_url, ttl_seconds=ttl_seconds, encode=encode, decode=decode,
                          prefix=prefix)
    return MemoryStore(size)
