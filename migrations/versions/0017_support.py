"""Support: suspended accounts, and an audit log nobody can rewrite

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05

The rules are explained in docs/domain/support.md.

`user_account` gains `suspended_at` and `suspension_reason`. `audit_entry` gets triggers that
refuse any DELETE and any UPDATE, except the one the database itself makes when an actor's
account is deleted (`actor_id` set to NULL by its foreign key). On PostgreSQL a deliberate purge
(retention, or the test suite emptying its database) sets `audit.purge` to `on` for its
transaction; on SQLite it drops the triggers for its transaction and puts them back.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_REFUSAL = "audit_entry is append-only"

_POSTGRESQL_UP = (
    f"""
    CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
    BEGIN
        IF current_setting('audit.purge', true) = 'on' THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'UPDATE'
           AND NEW.actor_id IS NULL
           AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
           AND NEW.object_type = OLD.object_type AND NEW.object_id = OLD.object_id
           AND NEW.details::text IS NOT DISTINCT FROM OLD.details::text THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{_REFUSAL}';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()
    """,
)
_POSTGRESQL_DOWN = (
    "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
)
_SQLITE_UP = (
    f"""
    CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    WHEN NOT (NEW.actor_id IS NULL AND NEW.id = OLD.id AND NEW.at IS OLD.at
              AND NEW.action IS OLD.action AND NEW.object_type IS OLD.object_type
              AND NEW.object_id IS OLD.object_id AND NEW.details IS OLD.details)
    BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END
    """,
    f"""
    CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END
    """,
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS audit_entry_no_update",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
)


def upgrade() -> None:
    op.add_column("user_account", sa.Column("suspended_at", sa.DateTime(timezone=True)))
    op.add_column("user_account", sa.Column("suspension_reason", sa.String(500)))
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRESQL_UP if postgresql else _SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRESQL_DOWN if postgresql else _SQLITE_DOWN:
        op.execute(statement)
    op.execute("ALTER TABLE user_account DROP COLUMN suspension_reason")
    op.execute("ALTER TABLE user_account DROP COLUMN suspended_at")
