"""Take-up by age: cohort figures uploaded by officers (issue 13)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; filled by the work it names,
or left empty with a word on why.
"""

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
