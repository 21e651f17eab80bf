"""Statistics at scale: beneficiaries aggregate, incremental refresh (issue 13)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; filled by the work it names,
or left empty with a word on why.
"""

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
