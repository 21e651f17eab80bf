"""Statistics aggregates refreshed in seconds after a day (issue 13)

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-05

`stat_beneficiary_person` keeps each beneficiary as the last refresh counted them, so that a
daily refresh counts again only the people whose credit opened or ended since; three indexes let
it read again the partners and offers whose sums changed, and the top offers of a scope. The
table starts empty: the next refresh fills it from the credits, then keeps it by difference.
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stat_beneficiary_person",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("active", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_stat_beneficiary_person")),
    )
    op.create_index("ix_stat_partner_period_structure", "stat_partner_period",
                    ["period", "structure_id"])
    op.create_index("ix_stat_offer_period_offer", "stat_offer_period", ["period", "offer_id"])
    op.create_index("ix_stat_offer_period_bookings", "stat_offer_period",
                    ["period", "level", "code", "bookings"])


def downgrade() -> None:
    op.drop_index("ix_stat_offer_period_bookings", table_name="stat_offer_period")
    op.drop_index("ix_stat_offer_period_offer", table_name="stat_offer_period")
    op.drop_index("ix_stat_partner_period_structure", table_name="stat_partner_period")
    op.drop_table("stat_beneficiary_person")
