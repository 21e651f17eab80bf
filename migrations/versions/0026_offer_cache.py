"""Offer pages cached by version, search at scale (issue 14)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain; filled by the work it names,
or left empty with a word on why.
"""

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
