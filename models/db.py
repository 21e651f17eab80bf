"""Database foundations shared by every domain package: the declarative base and engine setup."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Enum, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.types import TypeDecorator

# Stable constraint names let Alembic compare and drop constraints identically on both engines.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator):
    """A timezone-aware timestamp stored in UTC on every engine.

    SQLite has no time zone type, so values are stored as naive UTC there and made aware again
    when read; PostgreSQL keeps them in a `timestamptz` column. Naive values are refused so that
    a local time can never be stored by mistake.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store timezone-aware values")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_engine(url: str, **kwargs) -> Engine:
    """Create an engine with the per-engine settings the domain relies on."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN in ways that break savepoints and
    # locking; we take it over so that a transaction starts exactly when SQLAlchemy begins one,
    # and so that write transactions can ask for BEGIN IMMEDIATE (see `start_write_transaction`
    # and `writer_engine`). WAL lets readers go on while one connection writes; the busy
    # timeout makes a second writer wait for the lock instead of failing at once.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def writer_engine(engine: Engine) -> Engine:
    """The same engine (same pool), whose transactions take the write lock when they begin.

    On SQLite a transaction that reads and then writes cannot wait for the write lock: if
    another connection wrote since it started reading, SQLite answers "database is locked" at
    once, whatever the busy timeout. Work that will write therefore begins with BEGIN
    IMMEDIATE, which waits (up to the busy timeout) for the lock and then holds it until
    commit. PostgreSQL needs nothing of the kind: the same engine is returned.
    """
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def enum_type(enum_cls) -> Enum:
    """A portable enum column: a short string with a CHECK constraint on both engines."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_cls),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
        name=enum_cls.__name__.lower(),
    )


def start_write_transaction(session) -> None:
    """Make sure the session's transaction may write, so that concurrent writers queue.

    Called by `models.unit_of_work.atomic` when a unit of work begins, and by the commands that
    write (they are then inside one: this does nothing). It never commits anything written:

    - no transaction in progress: one begins, with BEGIN IMMEDIATE on SQLite, which takes the
      database's write lock at once (waiting for it) and holds it until commit;
    - a transaction that already holds the lock (a write request's session, see
      `writer_engine`), or that has written (on SQLite, its first write took the lock), or any
      transaction on PostgreSQL (where commands lock the rows they change with
      SELECT ... FOR UPDATE): it is kept, and the unit of work joins it;
    - on SQLite, a transaction that has only read: it ends (nothing to commit) and a new one
      begins with the lock, so that a booking or a cancellation reads the credit and the stock
      as they are now, not from a snapshot taken earlier in the request.
    """
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            session.flush()
        connection = session.connection()
        if (
            connection.dialect.name != "sqlite"
            or connection.get_execution_options().get("sqlite_begin") == "IMMEDIATE"
            or session.info.get(WROTE_KEY)
        ):
            return
        session.commit()
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


WROTE_KEY = "transaction_wrote"


@event.listens_for(Session, "after_flush")
def _remember_write(session, _flush_context) -> None:
    session.info[WROTE_KEY] = True


@event.listens_for(Session, "do_orm_execute")
def _remember_statement_write(orm_execute_state) -> None:
    if orm_execute_state.is_insert or orm_execute_state.is_update or orm_execute_state.is_delete:
        orm_execute_state.session.info[WROTE_KEY] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_write(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(WROTE_KEY, None)
