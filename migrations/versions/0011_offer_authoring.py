"""Offer authoring: EAN and the fields each subcategory asks, history of changes, image variants

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

The rules are explained in docs/domain/4-offers.md.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("offer", sa.Column("ean", sa.String(13), nullable=True))
    op.create_index("uq_offer_venue_ean", "offer", ["venue_id", "ean"], unique=True,
                    sqlite_where=sa.text("ean IS NOT NULL"),
                    postgresql_where=sa.text("ean IS NOT NULL"))
    # Plain ADD COLUMN on both engines (no batch mode, for the search triggers on `offer`).
    op.add_column("offer", sa.Column("show_type", sa.String(40), nullable=True))
    op.add_column("offer", sa.Column("show_subtype", sa.String(40), nullable=True))
    op.add_column("offer", sa.Column("music_type", sa.String(40), nullable=True))
    # SQLite cannot add a CHECK with ALTER TABLE: the column carries it inline.
    op.add_column("offer", sa.Column(
        "duration_minutes", sa.Integer(),
        sa.CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0",
                           name=op.f("ck_offer_duration_positive")),
        nullable=True))
    op.add_column("offer", sa.Column("uses_activation_codes", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column("offer", sa.Column("draft_step", sa.Integer(), nullable=False,
                                     server_default="0"))
    op.create_table(
        "offer_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["offer_id"], ["offer.id"], ondelete="CASCADE",
                                name=op.f("fk_offer_change_offer_id_offer")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_offer_change_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_change")),
    )
    op.create_index(op.f("ix_offer_change_offer_id"), "offer_change", ["offer_id"])
    op.create_table(
        "image_variant",
        sa.Column("image_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(10), nullable=False),
        sa.Column("variant_image_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["image_id"], ["image.id"], ondelete="CASCADE",
                                name=op.f("fk_image_variant_image_id_image")),
        sa.ForeignKeyConstraint(["variant_image_id"], ["image.id"], ondelete="CASCADE",
                                name=op.f("fk_image_variant_variant_image_id_image")),
        sa.PrimaryKeyConstraint("image_id", "name", name=op.f("pk_image_variant")),
    )


def downgrade() -> None:
    op.drop_table("image_variant")
    op.drop_index(op.f("ix_offer_change_offer_id"), table_name="offer_change")
    op.drop_table("offer_change")
    for column in ("draft_step", "uses_activation_codes", "duration_minutes", "music_type",
                   "show_subtype", "show_type"):
        op.execute(f"ALTER TABLE offer DROP COLUMN {column}")
    op.drop_index("uq_offer_venue_ean", table_name="offer")
    # Not in batch mode: rebuilding `offer` on SQLite would break the search triggers on it;
    # SQLite (3.35+) drops an unindexed column in place, as PostgreSQL does.
    op.execute("ALTER TABLE offer DROP COLUMN ean")
