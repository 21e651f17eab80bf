"""Statistics aggregates refreshed in seconds after a day (issue 13)

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; filled by the work it names,
or left empty with a word on why.
"""

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
