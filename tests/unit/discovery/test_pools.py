"""Candidate pools: kept per worker (LRU) or in Redis, fresh for a few minutes, never required."""

from __future__ import annotations

import datetime as dt

from models.discovery.pools import POOL_TTL, MemoryPools, Pool, RedisPools, make_pools
from models.discovery.ranking import Candidate
from tests.helpers import unused_port

NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
POOL = Pool((Candidate(1, "LIVRE_PAPIER", 1.5, 1000), Candidate(2, "PODCAST", None, 0)), NOW)


def test_a_pool_is_fresh_for_its_time_to_live_only():
    assert POOL.fresh(NOW)
    assert POOL.fresh(NOW + POOL_TTL - dt.timedelta(seconds=1))
    assert not POOL.fresh(NOW + POOL_TTL)
    assert not POOL.fresh(NOW - dt.timedelta(seconds=1))  # built "in the future": not trusted


def test_a_pool_survives_its_json_form():
    assert Pool.from_json(POOL.to_json()) == POOL


def test_the_worker_keeps_the_pools_used_last():
    pools = MemoryPools(size=2)
    pools.put("a", POOL)
    pools.put("b", POOL)
    assert pools.get("a") == POOL  # "a" is now the most recently used
    pools.put("c", POOL)
    assert pools.get("b") is None
    assert pools.get("a") == POOL and pools.get("c") == POOL
    pools.drop("a")
    assert pools.get("a") is None


def test_without_redis_url_pools_stay_in_the_worker():
    assert isinstance(make_pools(None), MemoryPools)


def test_an_unreachable_redis_only_means_no_pool():
    pools = make_pools(f"redis://127.0.0.1:{unused_port()}/0")
    pools.put("a", POOL)
    assert pools.get("a") is None
    pools.drop("a")


def test_pools_in_redis_are_shared_and_expire(redis_url):
    first, second = make_pools(redis_url), make_pools(redis_url)
    assert isinstance(first, RedisPools)
    first.put("member:1|x", POOL)
    assert second.get("member:1|x") == POOL  # another worker reads the same pool
    ttl = first._redis.ttl(RedisPools.PREFIX + "member:1|x")
    assert 0 < ttl <= POOL_TTL.total_seconds()
    second.drop("member:1|x")
    assert first.get("member:1|x") is None
