"""Statistical secrecy and the territory dashboards: an index the booking aggregates read alone

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05

The rules are explained in docs/domain/7-territories.md. The fixed random key each person
carries for the cell-key method is `user_account.cell_key`, in the schema since 0001 and filled
for every row at creation (the model's default, and the demo's bulk writer); nothing to add here.
The dashboards' booking aggregates (bookings of a period not cancelled: who, what, how many, at
what price) read this index alone instead of the table.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_booking_statistics", "booking",
                    ["booked_at", "status", "user_id", "offer_id", "quantity",
                     "unit_price_cents"])


def downgrade() -> None:
    op.drop_index("ix_booking_statistics", table_name="booking")
