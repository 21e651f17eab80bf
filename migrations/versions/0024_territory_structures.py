"""Territory structures not yet partners: officers' SIREN lists (issue 13)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05

The structures a territory's officers list by SIREN, shared by the territory's officers, and the
invitations to the pro sign-up they sent them (docs/domain/7-territories.md, "Structures to win
over"). Whether a listed SIREN is a partner is not stored: it is read from `structure`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

TERRITORY_KINDS = ("commune", "epci", "departement", "region")


def _timestamp(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "territory_structure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("territory_kind", sa.Enum(*TERRITORY_KINDS, name="territorykind",
                                            native_enum=False, create_constraint=True,
                                            length=11), nullable=False),
        sa.Column("territory_code", sa.String(9), nullable=False),
        sa.Column("siren", sa.String(9), nullable=False),
        sa.Column("name", sa.String(140), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        _timestamp("added_at"),
        sa.ForeignKeyConstraint(["added_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_territory_structure_added_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territory_structure")),
        sa.UniqueConstraint("territory_kind", "territory_code", "siren",
                            name=op.f("uq_territory_structure_territory_kind_territory_code_siren")),
    )
    op.create_index("ix_territory_structure_siren", "territory_structure", ["siren"])
    op.create_table(
        "territory_structure_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listed_structure_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        _timestamp("sent_at"),
        sa.ForeignKeyConstraint(
            ["listed_structure_id"], ["territory_structure.id"], ondelete="CASCADE",
            name=op.f("fk_territory_structure_invitation_listed_structure_id_territory_structure")),
        sa.ForeignKeyConstraint(["sent_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_territory_structure_invitation_sent_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territory_structure_invitation")),
    )
    op.create_index("ix_territory_structure_invitation_listed_structure_id",
                    "territory_structure_invitation", ["listed_structure_id"])


def downgrade() -> None:
    op.drop_index("ix_territory_structure_invitation_listed_structure_id",
                  table_name="territory_structure_invitation")
    op.drop_table("territory_structure_invitation")
    op.drop_index("ix_territory_structure_siren", table_name="territory_structure")
    op.drop_table("territory_structure")
