"""Structure members: invitations by e-mail, and removal of a member

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

A member invites a colleague by e-mail (docs/domain/6-structures.md, "Members and
invitations"). An invitation is open until accepted or revoked; a partial unique index keeps at
most one open invitation per structure and address. Removing a member deletes the membership
row and needs no schema change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

OPEN = "accepted_at IS NULL AND revoked_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "structure_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["structure_id"], ["structure.id"], ondelete="CASCADE",
                                name=op.f("fk_structure_invitation_structure_id_structure")),
        sa.ForeignKeyConstraint(["invited_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_structure_invitation_invited_by_id_user_account")),
        sa.ForeignKeyConstraint(["accepted_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_structure_invitation_accepted_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_structure_invitation")),
    )
    op.create_index(op.f("ix_structure_invitation_structure_id"), "structure_invitation",
                    ["structure_id"])
    op.create_index("uq_structure_invitation_open", "structure_invitation",
                    ["structure_id", "email"], unique=True,
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade() -> None:
    op.drop_index("uq_structure_invitation_open", table_name="structure_invitation")
    op.drop_index(op.f("ix_structure_invitation_structure_id"), table_name="structure_invitation")
    op.drop_table("structure_invitation")
