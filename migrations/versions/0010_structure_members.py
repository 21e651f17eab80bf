"""Structure members: invitations by e-mail, and removal of a member

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Owned by the members work (invitations, member list, removal). Fill upgrade/downgrade.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
