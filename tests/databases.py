"""Test databases: created per pytest process, copied from templates, emptied between tests."""

from __future__ import annotations

import fcntl
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
        # Tests commit for real, thousands of times: waiting for each commit to reach the disk
        # made the PostgreSQL run several times slower, and a test database need not survive
        # a crash of the server. The setting is per database: copies do not inherit it.
        self._execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        return make_url(self.server_url).set(database=name).render_as_string(hide_password=False)

    def shared(self, label: str, run_id: str, folder: Path, build) -> str:
        """The URL of a database built once for the whole run, whatever the number of workers.

        The first xdist worker to ask builds it with `build(url)` while holding a file lock in
        `folder` (shared by the run's workers); the others wait, then read the URL it wrote.
        Such a database is a template to copy, never changed; `drop_shared` removes it at the
        end of the run.
        """
        marker = folder / f"{label}.url"
        with open(folder / f"{label}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if marker.exists():
                return marker.read_text()
            if self.is_postgresql:
                name = shared_name(label, run_id)
                self._execute(f'CREATE DATABASE "{name}"')
                self._execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
                url = make_url(self.server_url).set(database=name).render_as_string(
                    hide_password=False)
            else:
                url = f"sqlite:///{folder / f'{label}.sqlite3'}"
            build(url)
            marker.write_text(url)
            return url

    def drop_shared(self, label: str, run_id: str) -> None:
        if self.is_postgresql:
            self._execute(f'DROP DATABASE IF EXISTS "{shared_name(label, run_id)}" WITH (FORCE)')

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


def shared_name(label: str, run_id: str) -> str:
    return f"pc_test_run_{run_id[:12]}_{label}"


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
    tables = [table.name for table in reversed(metadata.sorted_tables)
              if table.name not in REFERENCE_TABLES]
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # One round trip instead of one per table: this runs after every test.
            # A transaction the test left open would otherwise make it wait for ever; the
            # audit log refuses deletions, except in a purge (migration 0017).
            script = "; ".join([
                "SET LOCAL lock_timeout = '20s'",
                "SET LOCAL audit.purge = 'on'",
                *(f'DELETE FROM "{name}"' for name in tables),
            ])
            connection.connection.driver_connection.execute(script)
            return
        guards = connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'audit_entry'")).all()
        for name, _sql in guards:
            connection.execute(text(f'DROP TRIGGER "{name}"'))
        for name in tables:
            connection.execute(text(f'DELETE FROM "{name}"'))
        for _name, sql in guards:
            connection.execute(text(sql))
