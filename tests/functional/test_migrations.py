"""The migrations build exactly the schema the models describe, and unwind completely.

Each test runs on a new, empty database of the engine under test (SQLite by default,
PostgreSQL when `TEST_DATABASE_URL` names a server).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, pool

from models import migrations
from models.db import make_engine
from models.registry import metadata
from models.search.schema import include_object, is_fulltext_object


@pytest.fixture
def empty_database_url(databases) -> Iterator[str]:
    url = databases.create("migrations")
    yield url
    databases.drop(url)


def table_names(url: str) -> set[str]:
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    # The full-text index (migration 0003) is SQL the ORM does not model.
    names = {name for name in names if not is_fulltext_object(name, "table")}
    engine.dispose()
    return names


def test_upgraded_schema_matches_the_models(empty_database_url):
    migrations.upgrade(empty_database_url)
    engine = make_engine(empty_database_url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


def test_downgrade_to_base_leaves_only_the_version_table(empty_database_url):
    migrations.upgrade(empty_database_url)
    migrations.downgrade(empty_database_url, "base")
    assert table_names(empty_database_url) == {"alembic_version"}


def test_upgrade_works_again_after_a_full_downgrade(empty_database_url):
    migrations.upgrade(empty_database_url)
    migrations.downgrade(empty_database_url, "base")
    migrations.upgrade(empty_database_url)
    assert table_names(empty_database_url) == {"alembic_version", *metadata.tables}
