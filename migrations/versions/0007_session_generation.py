"""A per-person session generation, so that signing out ends every copy of a session cookie

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

Each signed session cookie carries the generation it was issued under; logging out, signing out
everywhere, a password change, suspension or deletion increments the person's generation, and a
cookie of an older generation no longer opens anything, even if it was copied before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "user_account",
        sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_column("user_account", "session_generation")
