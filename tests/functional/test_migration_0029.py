"""Migration 0029 adds the removal columns to the territory's list without losing a row: on
SQLite the table is copied, and the invitations pointing at its rows must stay."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import pool

from models import migrations
from models.db import make_engine
from tests.functional.test_migration_0008 import insert
from tests.functional.test_migration_0009 import rows

OLD = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def test_listed_structures_and_their_invitations_survive_the_upgrade_and_the_downgrade(
        databases):
    url = databases.create("migration_0029")
    try:
        migrations.upgrade(url, "0028")
        engine = make_engine(url, poolclass=pool.NullPool)
        with engine.begin() as connection:
            insert(connection, "user_account", id=1, email="agent@example.org", cell_key=1,
                   created_at=OLD)
            insert(connection, "territory_structure", id=7, territory_kind="departement",
                   territory_code="34", siren="123456782", name="Les Tréteaux",
                   email="contact@example.org", added_by_id=1, added_at=OLD)
            insert(connection, "territory_structure_invitation", id=3, listed_structure_id=7,
                   email="contact@example.org", sent_by_id=1, sent_at=OLD)

        migrations.upgrade(url)
        assert rows(engine, "SELECT id, siren, name, removed_at, removed_by_id "
                            "FROM territory_structure") == {
            (7, "123456782", "Les Tréteaux", None, None)}
        assert rows(engine, "SELECT id, listed_structure_id FROM "
                            "territory_structure_invitation") == {(3, 7)}
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE territory_structure SET removed_by_id = 1"))
            connection.execute(sa.text("DELETE FROM user_account"))
        # The new reference lets the account go, as the others do (privacy.KEPT_REFERENCES).
        assert rows(engine, "SELECT removed_by_id FROM territory_structure") == {(None,)}

        migrations.downgrade(url, "0028")
        assert rows(engine, "SELECT id, listed_structure_id FROM "
                            "territory_structure_invitation") == {(3, 7)}
        engine.dispose()
    finally:
        databases.drop(url)
