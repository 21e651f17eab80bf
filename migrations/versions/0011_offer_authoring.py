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


def downgrade() -> None:
    op.drop_index("uq_offer_venue_ean", table_name="offer")
    # Not in batch mode: rebuilding `offer` on SQLite would break the search triggers on it;
    # SQLite (3.35+) drops an unindexed column in place, as PostgreSQL does.
    op.execute("ALTER TABLE offer DROP COLUMN ean")
