"""The test database and the app around it.

Each pytest process (each xdist worker) gets its own database: a SQLite file by default, or a
fresh PostgreSQL database on the server named by `TEST_DATABASE_URL`. Its schema is built only by
the migrations, as in production, and the shipped geography is loaded once because most tests
need communes. Tests commit for real; after each test every row is deleted again except the
reference data (geography, and the credit programmes seeded by migration 0002).

Each test gets its own app. What is the same for every app of a process is made once: the
compiled templates (`SharedTemplateCache`), the URL builders (tests/routing_cache.py) and the
engine of the process's database, with the SQL it has compiled (tests/shared_engine.py).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import time_machine
from flask import Flask
from jinja2 import BytecodeCache
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models import migrations
from models.db import make_engine
from models.territories.api import load_geography
from models.users.models import User
from tests import factories, routing_cache
from tests.clock import DATE_SENSITIVE, DEFAULT_INSTANT, SWEEP, Instant
from tests.databases import Databases, analyze, delete_test_rows
from tests.helpers import login
from tests.live_server import demo_app as demo_copy
from tests.shared_engine import SharedEngine
from webapp import create_app
from webapp.config import normalise_database_url
from webapp.demo import load_demo
from webapp.demo.accounts import DEMO_PASSWORD


class SharedTemplateCache(BytecodeCache):
    """Compiled templates kept in memory for every app of the session.

    Each test builds its own app, and compiling the templates again for each one took most of
    the suite's time. Jinja checks each entry against the template's source before using it.
    """

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedTemplateCache()
routing_cache.install()


def pytest_addoption(parser):
    parser.addoption(
        "--clock", type=Instant.parse, default=DEFAULT_INSTANT,
        help="the instant every test runs at, e.g. 2026-03-14T23:30@America/Cayenne",
    )
    parser.addoption(
        "--clock-sweep", action="store_true",
        help="run the date-sensitive tests at every instant of tests.clock.SWEEP",
    )


def is_date_sensitive(nodeid: str, marker) -> bool:
    return marker is not None or nodeid.startswith(DATE_SENSITIVE)


def pytest_generate_tests(metafunc):
    config = metafunc.config
    if not config.getoption("clock_sweep") or "clock_instant" not in metafunc.fixturenames:
        return
    definition = metafunc.definition
    if is_date_sensitive(definition.nodeid, definition.get_closest_marker("dates")):
        metafunc.parametrize("clock_instant", SWEEP, indirect=True,
                             ids=[instant.label for instant in SWEEP])


def pytest_collection_modifyitems(config, items):
    for item in items:
        if is_date_sensitive(item.nodeid, item.get_closest_marker("dates")):
            item.add_marker(pytest.mark.dates)


@pytest.fixture(scope="session", autouse=True)
def session_clock(pytestconfig) -> Iterator[Instant]:
    """The session's instant, in force before any database or demo data is built."""
    instant = pytestconfig.getoption("clock")
    with time_machine.travel(instant.aware, tick=True):
        yield instant


@pytest.fixture
def clock_instant(request, session_clock) -> Instant:
    """The instant of this test: the session's, or one of the sweep's."""
    return getattr(request, "param", session_clock)


@pytest.fixture(autouse=True)
def frozen_clock(clock_instant) -> Iterator[time_machine.Traveller]:
    """Each test starts at its instant; `frozen_clock.shift(...)` moves it within the test."""
    with time_machine.travel(clock_instant.aware, tick=True) as traveller:
        yield traveller


@pytest.fixture(scope="session")
def databases(tmp_path_factory) -> Iterator[Databases]:
    server_url = os.environ.get("TEST_DATABASE_URL") or None
    if server_url is not None:
        server_url = normalise_database_url(server_url)
        if not server_url.startswith("postgresql"):
            raise pytest.UsageError("TEST_DATABASE_URL must name a PostgreSQL server.")
    managed = Databases(server_url, tmp_path_factory.mktemp("databases"))
    yield managed
    managed.drop_all()


def _load_demo(session: Session) -> None:
    """The demo, its accounts' passwords hashed cheaply as test accounts' are: a sign-in checks
    them through the same code, without the deliberately slow hash (~0.1 s of CPU each, some
    hundred sign-ins in the browser tests)."""
    load_demo(session)
    session.flush()
    quick = factories.password_hash(DEMO_PASSWORD)
    for account in session.scalars(select(User).where(User.password_hash.is_not(None))):
        if account.check_password(DEMO_PASSWORD):
            account.password_hash = quick


def _built_database(databases, label: str, load) -> str:
    """A new database migrated to head, filled by `load(session)`, with fresh statistics."""
    url = databases.create(label)
    _build(url, load)
    return url


def _build(url: str, load) -> None:
    migrations.upgrade(url)
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        load(session)
        session.commit()
    engine.dispose()
    analyze(url)


@pytest.fixture(scope="session")
def database_url(databases) -> str:
    """The worker's database: migrated to head, with the geography loaded."""
    return _built_database(databases, "main", load_geography)


@pytest.fixture(scope="session")
def demo_template_url(request, databases, tmp_path_factory) -> str:
    """A database with the schema and the demo data, built once; copy it, never change it.

    `databases.create(label, template=demo_template_url)` gives a copy in a fraction of the
    time loading the demo takes. Under xdist the workers share one, built by the first that
    needs it: loading the demo is the most expensive step of a run's set-up.
    """
    workerinput = getattr(request.config, "workerinput", None)
    if workerinput is None:
        return _built_database(databases, "demo_template", _load_demo)
    folder = tmp_path_factory.getbasetemp().parent
    return databases.shared("demo_template", workerinput["testrunuid"], folder,
                            lambda url: _build(url, _load_demo))


def pytest_configure(config):
    # The run's id, known to the controller as well as to the workers, names the databases
    # the workers share so that the controller can drop them once every worker is done.
    is_controller = getattr(config, "workerinput", None) is None
    uses_workers = config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses")
    if is_controller and uses_workers and config.getoption("testrunuid") is None:
        config.option.testrunuid = uuid.uuid4().hex


def pytest_unconfigure(config):
    run_id = getattr(config.option, "testrunuid", None)
    server_url = os.environ.get("TEST_DATABASE_URL")
    if getattr(config, "workerinput", None) is None and run_id and server_url:
        Databases(normalise_database_url(server_url), Path()).drop_shared("demo_template", run_id)


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory) -> Path:
    # Shared by the session's apps so the static files are hashed and compressed only once.
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="session")
def base_config(instance_dir) -> dict:
    """What every test app shares, whatever its database; nothing is read from the shell's
    environment that could reach a real mail server or a shared Redis."""
    return {
        "SECRET_KEY": "test-secret-key",
        "ENV": "testing",
        "TESTING": True,
        "INSTANCE_DIR": instance_dir,
        "WTF_CSRF_ENABLED": True,
        "REDIS_URL": None,
        "MAIL_SERVER": None,
        "TRUSTED_PROXIES": 0,
    }


@pytest.fixture(scope="session")
def app_config(base_config, database_url) -> dict:
    return {**base_config, "DATABASE_URL": database_url}


@pytest.fixture(scope="session")
def shared_engine(database_url) -> Iterator[SharedEngine]:
    shared = SharedEngine(database_url)
    shared.install()
    yield shared
    shared.close()


@pytest.fixture
def app(app_config, shared_engine) -> Iterator[Flask]:
    app = create_app(app_config)
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE
    yield app
    engine = app.extensions["database"]["engine"]
    delete_test_rows(engine)
    if not shared_engine.owns(engine):
        engine.dispose()


@pytest.fixture(scope="module")
def demo_app(request, databases, demo_template_url, base_config) -> Iterator[Flask]:
    """The app on a copy of the database `load_demo` filled, shared by the module's tests."""
    label = "demo_" + request.module.__name__.rpartition(".")[2]
    with demo_copy(databases, demo_template_url, base_config, label) as app:
        yield app


@pytest.fixture
def demo_session(demo_app) -> Iterator[Session]:
    """A session on the demo copy of `demo_app`."""
    session = demo_app.extensions["database"]["sessionmaker"]()
    yield session
    session.close()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database of this worker's own on the server at 127.0.0.1:6379, emptied first.

    Each xdist worker gets its own database number, so that emptying it never touches the keys
    of a test running beside it.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    url = f"redis://127.0.0.1:6379/{15 - int(worker or 0) % 8}"
    server = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        server.flushdb()
    except redis.RedisError:
        # CI has a Redis server: there, whatever lives in Redis is always tested for real.
        if os.environ.get("CI"):
            pytest.fail("CI must reach Redis on 127.0.0.1:6379", pytrace=False)
        pytest.skip("no Redis server on 127.0.0.1:6379")
    yield url
    server.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def young(db_session):
    """A young person of 18 with the current credit, in Montpellier."""
    person = factories.young(db_session)
    factories.deposit(db_session, person)
    db_session.commit()
    return person


@pytest.fixture
def signed_in(client, young):
    """The test client, signed in as `young`."""
    login(client, young.email, factories.PASSWORD)
    return client


@pytest.fixture
def db_session(app) -> Iterator[Session]:
    """A session on the app's engine, for factories and assertions.

    No application context is kept pushed around the test: the test client would reuse it for
    every request, so requests would share this session and Flask-Login's cached user on `g`.
    """
    session = app.extensions["database"]["sessionmaker"]()
    yield session
    session.close()
