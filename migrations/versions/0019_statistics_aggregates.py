"""Territory statistics aggregates (issue 13)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; empty until its change lands.
"""

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
