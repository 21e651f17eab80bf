"""PostgreSQL drops every connection in the middle of a crowd of bookings.

This is what a server restart or a failover does to the app: every pooled connection dies at
once. The app must answer those requests with a French "try again" page (503), never a 500,
leave no booking half-written, and serve the next requests without being restarted itself.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, pool, text

from models.integrity.checks import check_integrity
from tests import factories
from tests.functional.concurrency.test_booking_races import attempt_booking, young_with_credit
from tests.helpers import csrf_token
from tests.live_server import Body, serving

pytestmark = pytest.mark.timeout(300)


def drop_every_connection(database_url: str) -> int:
    """What a restart does: end every backend of the app's database; return how many."""
    engine = create_engine(database_url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        ended = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )).scalar_one()
    engine.dispose()
    return ended


def attempt_during_fault(client, stock) -> int:
    """Like `attempt_booking`, but the offer page itself may be the request the fault hits."""
    status, page = client.request(f"/offres/{stock.offer_id}")
    if status != 200:
        return status
    return client.request(f"/offres/{stock.offer_id}/reserver", {
        "csrf_token": csrf_token(Body(page)), "stock_id": stock.id, "quantity": 1,
    })[0]


def test_the_app_recovers_from_lost_connections_without_a_500(app, db_session, databases,
                                                              app_config):
    if not databases.is_postgresql:
        pytest.skip("a PostgreSQL fault: runs in the PostgreSQL pass of `make test`")
    stocks = [factories.stock(db_session, price_cents=100) for _ in range(48)]
    db_session.commit()
    with serving(app) as base_url:
        clients = [young_with_credit(db_session, base_url)[0] for _ in range(8)]
        answered, dropped = [], []
        lock = threading.Lock()

        def book_and_maybe_fail(client, stock) -> int:
            status = attempt_during_fault(client, stock)
            with lock:
                answered.append(status)
                if len(answered) == 12:
                    dropped.append(drop_every_connection(app_config["DATABASE_URL"]))
            return status

        calls = [(clients[i % 8], stock) for i, stock in enumerate(stocks[:40])]
        with ThreadPoolExecutor(8) as workers:
            statuses = list(workers.map(lambda call: book_and_maybe_fail(*call), calls))
        assert dropped and dropped[0] > 0
        assert set(statuses) <= {200, 303, 503}, statuses
        # Without any restart of its own, the app serves every visitor again.
        after = [attempt_booking(client, stock) for client, stock in zip(clients, stocks[40:],
                                                                            strict=True)]
        assert after == [303] * 8
    db_session.close()
    assert [str(breach) for breach in check_integrity(db_session)] == []
