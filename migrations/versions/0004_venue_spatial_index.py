"""The venue's grid cell, computed by the database from its coordinates, and its index; covering
indexes for "has this venue a bookable offer"

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

`venue.grid_cell` is a generated column (see `models/map/grid.py` for the grid): VIRTUAL on
SQLite, where `ALTER TABLE ADD COLUMN` accepts it without rebuilding the table (a rebuild would
drop the full-text triggers of revision 0003), and STORED on PostgreSQL, which has no other kind.
The expressions are copied here rather than imported, so that this revision keeps meaning what
it meant when the models change.

The map asks, for each venue near a place, whether it has a shown offer with a bookable stock.
`ix_offer_venue_bookable` and `ix_stock_bookable` hold every column of that test, so both
engines answer it from the indexes without reading offer or stock rows.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_EXPRESSION = (
    "CAST((latitude + 90) * 20 AS INTEGER) * 10000 + CAST((longitude + 180) * 20 AS INTEGER)"
)
POSTGRESQL_EXPRESSION = (
    "floor((latitude + 90) * 20)::integer * 10000 + floor((longitude + 180) * 20)::integer"
)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    expression = POSTGRESQL_EXPRESSION if postgresql else SQLITE_EXPRESSION
    op.add_column(
        "venue",
        sa.Column(
            "grid_cell", sa.Integer(), sa.Computed(expression, persisted=postgresql),
            nullable=True,
        ),
    )
    op.create_index("ix_venue_grid_cell", "venue", ["grid_cell"], unique=False)
    op.create_index(
        "ix_offer_venue_bookable", "offer", ["venue_id", "validation", "is_active", "id"],
        unique=False,
    )
    op.create_index(
        "ix_stock_bookable", "stock",
        ["offer_id", "is_deleted", "beginning_at", "booking_limit_at", "quantity",
         "booked_quantity"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_stock_bookable", table_name="stock")
    op.drop_index("ix_offer_venue_bookable", table_name="offer")
    op.drop_index("ix_venue_grid_cell", table_name="venue")
    op.drop_column("venue", "grid_cell")
