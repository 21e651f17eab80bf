"""Money: bank details per pricing point, reimbursement statements and their lines

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

The rules are explained in docs/domain/6-reimbursement.md.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
