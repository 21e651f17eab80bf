"""Offer moderation: rules staff edit, and what each held offer matched

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05

The rules are explained in docs/domain/moderation.md.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
