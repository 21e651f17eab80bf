"""Test databases: created per pytest process, copied from templates, emptied between tests."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from itertools import count
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, pool, text

from models.registry import metadata

REFERENCE_TABLES = frozenset(
    {
        "region",
        "departement",
        "epci",
        "commune",
        "commune_postal_code",
        "geography_dataset",
        "credit_programme",
        "programme_age_grant",
    }
)


class Databases:
    """Creates this process's databases on demand and drops them at the end of the session.

    With SQLite a database is a file in a temporary folder; with PostgreSQL it is a database
    created on the server through an AUTOCOMMIT connection to the database `TEST_DATABASE_URL`
    names. Names carry the xdist worker and the process id, so parallel runs never meet.
    """

    def __init__(self, server_url: str | None, directory: Path):
        self.server_url = server_url
        self.directory = directory
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.prefix = f"pc_test_{worker}_{os.getpid()}"
        self.created: list[str] = []
        self._numbers = count(1)

    @property
    def is_postgresql(self) -> bool:
        return self.server_url is not None

    def create(self, label: str, template: str | None = None) -> str:
        """Return the URL of a new database, empty or a copy of the `template` database."""
        name = f"{label}_{next(self._numbers)}"
        if not self.is_postgresql:
            path = self.directory / f"{name}.sqlite3"
            if template is not None:
                _copy_sqlite(make_url(template).database, path)
            return f"sqlite:///{path}"
        name = f"{self.prefix}_{name}"
        copy = f' TEMPLATE "{make_url(template).database}"' if template else ""
        self._execute(f'CREATE DATABASE "{name}"{copy}')
        self.created.append(name)
        return make_url(self.server_url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        if not self.is_postgresql:
            path = make_url(url).database
            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)
            return
        name = make_url(url).database
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.remove(name)

    def drop_all(self) -> None:
        for name in reversed(self.created):
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()

    def _execute(self, statement: str) -> None:
        engine = create_engine(
            self.server_url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool
        )
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()


def _copy_sqlite(source: str, target: Path) -> None:
    # The backup API copies a consistent snapshot, write-ahead log included.
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def analyze(url: str) -> None:
    """Gather the planner's statistics after a bulk load.

    A freshly loaded PostgreSQL database has none until autovacuum runs, and the planner then
    picks plans that make some pages a hundred times slower. Copies keep the statistics.
    """
    engine = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
    engine.dispose()


def delete_test_rows(engine: Engine) -> None:
    """Delete every row a test may have written, children before parents."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # A transaction the test left open would otherwise make this wait for ever.
            connection.execute(text("SET LOCAL lock_timeout = '20s'"))
            # The audit log refuses deletions, except in a purge (migration 0017).
            connection.execute(text("SET LOCAL audit.purge = 'on'"))
            guards = []
        else:
            guards = connection.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_entry'")).all()
            for name, _sql in guards:
                connection.execute(text(f'DROP TRIGGER "{name}"'))
        for table in reversed(metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                connection.execute(table.delete())
        for _name, sql in guards:
            connection.execute(text(sql))
