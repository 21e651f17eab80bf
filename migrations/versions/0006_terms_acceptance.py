"""Which terms of use a person accepted at sign-up, and when

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

Accounts created before this revision accepted the terms too (the form required it) but the
version was not kept: their columns stay empty rather than claim a version.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("user_account", sa.Column("terms_version", sa.String(length=20), nullable=True))
    op.add_column(
        "user_account", sa.Column("terms_accepted_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("user_account", "terms_accepted_at")
    op.drop_column("user_account", "terms_version")
