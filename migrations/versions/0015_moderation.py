"""Offer moderation: rules staff edit, and what each held offer matched

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05

The rules are explained in docs/domain/moderation.md. Only new tables: the structures staff
watch are a table of their own rather than a column of `structure`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _timestamp(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "moderation_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("words", "price", "new_structure", "watched_structure",
                                  name="rulekind", native_enum=False, create_constraint=True,
                                  length=17), nullable=False),
        sa.Column("label", sa.String(120), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("subcategory_id", sa.String(40), nullable=True),
        sa.Column("price_threshold_cents", sa.Integer(), nullable=True),
        sa.Column("first_offers", sa.Integer(), nullable=True),
        sa.Column("structure_age_days", sa.Integer(), nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.CheckConstraint("price_threshold_cents IS NULL OR price_threshold_cents >= 0",
                           name=op.f("ck_moderation_rule_threshold_positive")),
        sa.CheckConstraint("first_offers IS NULL OR first_offers > 0",
                           name=op.f("ck_moderation_rule_first_offers_positive")),
        sa.CheckConstraint("structure_age_days IS NULL OR structure_age_days > 0",
                           name=op.f("ck_moderation_rule_structure_age_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_rule")),
    )
    op.create_table(
        "watched_structure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("flagged_by_id", sa.Integer(), nullable=True),
        _timestamp("flagged_at"),
        sa.ForeignKeyConstraint(["structure_id"], ["structure.id"], ondelete="CASCADE",
                                name=op.f("fk_watched_structure_structure_id_structure")),
        sa.ForeignKeyConstraint(["flagged_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_watched_structure_flagged_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watched_structure")),
        sa.UniqueConstraint("structure_id", name=op.f("uq_watched_structure_structure_id")),
    )
    op.create_table(
        "moderation_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("detail", sa.String(300), nullable=False),
        _timestamp("matched_at"),
        sa.ForeignKeyConstraint(["offer_id"], ["offer.id"], ondelete="CASCADE",
                                name=op.f("fk_moderation_match_offer_id_offer")),
        sa.ForeignKeyConstraint(["rule_id"], ["moderation_rule.id"], ondelete="CASCADE",
                                name=op.f("fk_moderation_match_rule_id_moderation_rule")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_match")),
    )
    op.create_index("ix_moderation_match_offer_id", "moderation_match", ["offer_id"])
    op.create_index("ix_moderation_match_rule_id", "moderation_match", ["rule_id"])


def downgrade() -> None:
    op.drop_index("ix_moderation_match_rule_id", table_name="moderation_match")
    op.drop_index("ix_moderation_match_offer_id", table_name="moderation_match")
    op.drop_table("moderation_match")
    op.drop_table("watched_structure")
    op.drop_table("moderation_rule")
