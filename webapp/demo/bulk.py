"""Bulk writing for the demo generators: ids chosen in advance, batched inserts, sequences.

The generators plan whole tables in memory and need to link rows before inserting them, so
they take ids after the current maximum instead of reading them back row by row. PostgreSQL
sequences do not see explicit ids; `sync_sequences` moves them past what was inserted.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from operator import itemgetter

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models.db import UtcDateTime

Reporter = Callable[[str], None]


class IdAllocator:
    """Hands out ids after the largest one already stored, table by table."""

    def __init__(self, session: Session):
        self._session = session
        self._next: dict[type, int] = {}

    def take(self, model) -> int:
        if model not in self._next:
            current = self._session.scalar(select(func.max(model.id))) or 0
            self._next[model] = current + 1
        value = self._next[model]
        self._next[model] = value + 1
        return value


class FastWriter:
    """Writes many rows fast: COPY on PostgreSQL, a plain `executemany` on SQLite.

    Values go through each column type's own bind processor first, so they are stored exactly
    as SQLAlchemy would store them (UTC timestamps, enum values, booleans). The ORM's bulk
    insert starts a new statement whenever the columns left None change from one row to the
    next (nearly one statement a row on these tables), and even the Core statement costs
    minutes on a million rows.
    """

    def __init__(self, session: Session):
        self.session = session
        self.dialect = session.get_bind().dialect

    def write(self, model, rows: Iterable[dict]) -> int:
        iterator = iter(rows)
        first = next(iterator, None)
        if first is None:
            return 0
        table = model.__table__
        columns = list(first)
        processors = [(index, process) for index, name in enumerate(columns)
                      if (process := self._processor(table.c[name])) is not None]
        values_of = itemgetter(*columns)

        def convert(row: dict) -> list:
            values = list(values_of(row))
            for index, process in processors:
                values[index] = process(values[index])
            return values

        tuples = map(convert, _prepend(first, iterator))
        if self.dialect.name == "postgresql":
            return self._copy(table.name, columns, tuples)
        return self._executemany(table.name, columns, tuples)

    def _processor(self, column):
        process = column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
        if isinstance(column.type, UtcDateTime):
            return self._fast_utc(process)
        return process

    def _fast_utc(self, process):
        """Timestamps already in UTC, as the planners make them, skip the generic conversion.

        On SQLite the stored text is the one SQLAlchemy writes ("2026-11-23 11:00:00.000000");
        PostgreSQL takes the aware value as it is. Anything else goes the generic way.
        """
        sqlite = self.dialect.name == "sqlite"

        def convert(value):
            if value is None or value.tzinfo is not dt.UTC:
                return process(value) if process else value
            if not sqlite:
                return value
            text = value.isoformat(" ")[:-6]
            return text if value.microsecond else f"{text}.000000"

        return convert

    def _copy(self, table: str, columns: list[str], tuples) -> int:
        raw = self.session.connection().connection.driver_connection
        count = 0
        with raw.cursor() as cursor, cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for values in tuples:
                copy.write_row(values)
                count += 1
        return count

    def _executemany(self, table: str, columns: list[str], tuples) -> int:
        raw = self.session.connection().connection.driver_connection
        statement = (f"INSERT INTO {table} ({', '.join(columns)}) "
                     f"VALUES ({', '.join('?' for _ in columns)})")
        count = 0
        cursor = raw.cursor()
        while batch := list(islice(tuples, 20000)):
            cursor.executemany(statement, batch)
            count += len(batch)
        cursor.close()
        return count


def _prepend(first, iterator):
    yield first
    yield from iterator


def sync_sequences(session: Session, models: Iterable) -> None:
    """Move each PostgreSQL id sequence past the ids inserted explicitly; no-op elsewhere."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__table__.name
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
        ))


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@contextmanager
def timed(report: Reporter | None, label: str):
    """Report how long the block took, when someone is listening."""
    started = time.perf_counter()
    yield
    if report is not None:
        report(f"{label}: {time.perf_counter() - started:.1f} s")
