"""Statistical secrecy: the fixed random key each person carries for the cell-key method

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05

The rules are explained in docs/domain/7-territories.md.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
