"""Server speed, second pass (issue 14)

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; filled by the work it names,
or left empty with a word on why.
"""

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
