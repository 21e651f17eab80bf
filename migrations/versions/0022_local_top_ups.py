"""Local top-up programmes (issue 13)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; empty until its change lands.
"""

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
