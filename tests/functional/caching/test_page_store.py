"""The page cache's entries survive the trip to Redis and back; the store follows REDIS_URL."""

from __future__ import annotations

from models.cache_store import MemoryStore, RedisStore, make_store
from tests import factories
from tests.helpers import counted_queries, unused_port
from webapp import create_app
from webapp.page_cache import Entry, store

ENTRY = Entry({"page": "<p>Nuit électro</p><!--csrf-token-->"}, 1.8e9, 1.7e9, (43.61, 3.87))


def test_an_entry_survives_its_json_form():
    assert Entry.from_json(ENTRY.to_json()) == ENTRY
    assert Entry.from_json(Entry({"a": "b"}, 1.0, 0.0).to_json()).venue_point is None


def test_the_digest_changes_with_the_content():
    other = Entry({"page": "<p>Nuit techno</p><!--csrf-token-->"}, 1.8e9, 1.7e9)
    assert ENTRY.digest != other.digest


def test_the_store_is_chosen_like_the_deck_pools(app):
    with app.app_context():
        assert isinstance(store(), MemoryStore)  # no REDIS_URL in the tests
    redis = make_store(f"redis://127.0.0.1:{unused_port()}/0", size=2, ttl_seconds=60,
                       prefix="test:", encode=Entry.to_json, decode=Entry.from_json)
    assert isinstance(redis, RedisStore)
    redis.put("a", ENTRY)  # an unreachable Redis keeps nothing and raises nothing
    assert redis.get("a") is None


def test_with_redis_two_servers_share_the_rendered_page(app_config, db_session, redis_url):
    offer = factories.offer(db_session, name="Nuit électro")
    factories.stock(db_session, offer=offer)
    db_session.commit()
    first, second = (create_app({**app_config, "REDIS_URL": redis_url}) for _ in range(2))
    try:
        assert "Nuit électro" in first.test_client().get(f"/offres/{offer.id}").text
        with counted_queries(second) as statements:
            page = second.test_client().get(f"/offres/{offer.id}")
        assert "Nuit électro" in page.text and len(statements) == 1  # rendered by the first
    finally:
        for app in (first, second):
            app.extensions["database"]["engine"].dispose()
