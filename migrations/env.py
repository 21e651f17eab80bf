"""Alembic environment: migrations run against the URL given by `flask db` or the environment."""

from alembic import context
from sqlalchemy import pool

from models.db import make_engine
from models.registry import metadata
from models.search.schema import include_object

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)


def _run(connection) -> None:
    if connection.dialect.name == "sqlite":
        _run_without_foreign_keys(connection)
        return
    _run_migrations(connection)


def _run_without_foreign_keys(connection) -> None:
    """Run SQLite's migrations with foreign keys off, then check them all at the end.

    Batch mode rebuilds a table by copying it and dropping the original; with foreign keys on,
    dropping `user_account` (migration 0009) would first delete every row, cascading into the
    tables that reference it. SQLite ignores the pragma inside a transaction, so it is set on
    the driver's connection before SQLAlchemy begins one.
    """
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        _run_migrations(connection)
        broken = driver.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the migrations: {broken[:5]}")
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def _run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables when a migration needs it.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # The full-text index is created by SQL the ORM does not model: never diff it.
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported: run them against a database.")
run_migrations_online()
