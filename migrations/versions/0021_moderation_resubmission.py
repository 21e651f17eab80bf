"""Moderation: resubmission and imports (issue 12)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; empty until its change lands.
"""

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
