"""`flask db`: the schema is only ever created and changed through Alembic migrations."""

import click
from alembic import command
from flask import current_app

from models import migrations


@click.group("db")
def db_group():
    """Manage the database schema through migrations."""


def _config():
    return migrations.alembic_config(current_app.config["DATABASE_URL"])


@db_group.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision):
    """Apply migrations up to REVISION (default: the latest)."""
    command.upgrade(_config(), revision)


@db_group.command("downgrade")
@click.argument("revision", default="-1")
def downgrade(revision):
    """Revert migrations down to REVISION (use "base" to empty the database)."""
    command.downgrade(_config(), revision)


@db_group.command("revision")
@click.option("-m", "--message", required=True)
def revision(message):
    """Write a new migration compared against the models (review it before committing)."""
    command.revision(_config(), message=message, autogenerate=True)


@db_group.command("current")
def current():
    """Show the revision the database is at."""
    command.current(_config())
