"""Territory structures: removing one from the list (issue 13)

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05

An officer may take a structure off the territory's list. The row stays, marked removed (when
and by whom), with the name and address the officers gave cleared: its invitations keep saying
that the structure was invited and when, so removing and listing it again never lets a second
invitation go sooner than the 30 days every structure is promised
(docs/domain/7-territories.md, "Structures to win over").
"""

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite adds a foreign key only by copying the table (migrations/env.py turns
    # its foreign keys off meanwhile, so the invitations pointing at the rows stay).
    with op.batch_alter_table("territory_structure") as batch:
        batch.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("removed_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_territory_structure_removed_by_id_user_account",
                                 "user_account", ["removed_by_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("territory_structure") as batch:
        batch.drop_constraint("fk_territory_structure_removed_by_id_user_account",
                              type_="foreignkey")
        batch.drop_column("removed_by_id")
        batch.drop_column("removed_at")
