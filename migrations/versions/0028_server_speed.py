"""Server speed, third and fourth passes (issue 14): no schema change

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain, and left empty: the third
and fourth passes of issue 14 (bench/README.md) changed how statements are built and run and what
a worker keeps in memory, not the schema.
"""

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
