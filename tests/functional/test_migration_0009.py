"""Migration 0009 turns each old role into capacities, keeps every row that points to an
account, and gives one role back on downgrade (docs/domain/access.md).

Rows are written with plain SQL at revision 0008, as a database of that time holds them.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy import pool

from models import migrations
from models.db import make_engine
from tests.functional.test_migration_0008 import insert

OLD = dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC)
ACCOUNTS = {1: "young", 2: "pro", 3: "territory", 4: "admin"}
EVERY_PERMISSION = {
    "review_identities", "validate_structures", "moderate", "support", "manage_programmes",
    "manage_staff",
}


@pytest.fixture
def database_at_0008(databases):
    url = databases.create("migration_0009")
    migrations.upgrade(url, "0008")
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        for user_id, role in ACCOUNTS.items():
            insert(connection, "user_account", id=user_id, email=f"p{user_id}@example.org",
                   role=role, cell_key=1, created_at=OLD)
        insert(connection, "structure", id=1, siren="123456782", name="S", status="validated",
               created_at=OLD)
        insert(connection, "structure_membership", id=1, user_id=2, structure_id=1,
               status="validated", created_at=OLD)
        insert(connection, "local_government_mandate", id=1, user_id=3,
               territory_kind="departement", territory_code="34", status="validated",
               created_at=OLD)
    yield url, engine
    engine.dispose()
    databases.drop(url)


def rows(engine, sql: str) -> set[tuple]:
    with engine.connect() as connection:
        return {tuple(row) for row in connection.execute(sa.text(sql))}


def test_roles_become_capacities(database_at_0008):
    url, engine = database_at_0008
    migrations.upgrade(url, "0009")
    assert rows(engine, "SELECT id FROM user_account WHERE is_beneficiary") == {(1,)}
    assert rows(engine, "SELECT user_id, permission FROM staff_permission") == {
        (4, permission) for permission in EVERY_PERMISSION
    }


def test_memberships_and_mandates_survive_the_rebuilt_table(database_at_0008):
    url, engine = database_at_0008
    migrations.upgrade(url, "0009")
    assert rows(engine, "SELECT user_id FROM structure_membership") == {(2,)}
    assert rows(engine, "SELECT user_id FROM local_government_mandate") == {(3,)}


def test_downgrade_gives_each_account_its_role_back(database_at_0008):
    url, engine = database_at_0008
    migrations.upgrade(url, "0009")
    migrations.downgrade(url, "0008")
    assert rows(engine, "SELECT id, role FROM user_account") == set(ACCOUNTS.items())
