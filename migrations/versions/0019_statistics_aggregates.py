"""Territory statistics aggregates (issue 13)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05

The aggregates the territory dashboards read at scale, kept by the `statistics_aggregates` job:
docs/domain/7-territories.md ("Aggregates").
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _counts(*names: str) -> list[sa.Column]:
    """A count and the sum of the cell keys of what it counts, for each name."""
    columns = []
    for name in names:
        columns.append(sa.Column(name, sa.Integer(), nullable=False))
        columns.append(sa.Column(f"{name}_keys", sa.BigInteger(), nullable=False))
    return columns


def upgrade() -> None:
    op.create_table(
        "stat_booking_month",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("digital", sa.Boolean(), nullable=False),
        sa.Column("lead", sa.SmallInteger(), nullable=False),
        *_counts("bookings", "quantity", "free"),
        sa.PrimaryKeyConstraint("month", "commune_code", "category", "digital", "lead",
                                name=op.f("pk_stat_booking_month")),
    )
    op.create_table(
        "stat_partner_month",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        *_counts("bookings"),
        sa.PrimaryKeyConstraint("month", "commune_code", "category", "structure_id",
                                name=op.f("pk_stat_partner_month")),
    )
    op.create_table(
        "stat_offer_month",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        *_counts("bookings"),
        sa.PrimaryKeyConstraint("month", "commune_code", "offer_id",
                                name=op.f("pk_stat_offer_month")),
    )
    op.create_table(
        "stat_people_period",
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        *_counts("bookers", "diverse", "score"),
        sa.PrimaryKeyConstraint("period", "commune_code", name=op.f("pk_stat_people_period")),
    )
    op.create_table(
        "stat_scope_figure",
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("level", sa.String(12), nullable=False),
        sa.Column("code", sa.String(9), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("keys", sa.BigInteger(), nullable=False),
        sa.Column("largest", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("period", "level", "code", "name",
                                name=op.f("pk_stat_scope_figure")),
    )
    op.create_table(
        "stat_scope_top",
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("level", sa.String(12), nullable=False),
        sa.Column("code", sa.String(9), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("rank", sa.SmallInteger(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("bookings", sa.Integer(), nullable=False),
        sa.Column("bookings_keys", sa.BigInteger(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("period", "level", "code", "kind", "rank",
                                name=op.f("pk_stat_scope_top")),
    )
    op.create_table(
        "stat_aggregated_period",
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_stat_aggregated_period")),
    )
    op.create_table(
        "stat_aggregates_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_booking_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_aggregates_state")),
    )


def downgrade() -> None:
    for table in ("stat_aggregates_state", "stat_aggregated_period", "stat_scope_top",
                  "stat_scope_figure", "stat_people_period",
                  "stat_offer_month", "stat_partner_month", "stat_booking_month"):
        op.drop_table(table)
