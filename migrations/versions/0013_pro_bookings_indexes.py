"""The pro bookings list and export: an index of a structure's bookings by offer, newest first

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

The list and the export are explained in docs/domain/5-bookings.md ("Pro list and export").
They choose a page's bookings from this index alone (offer, booking instant, id, status), so a
structure with 100,000 bookings never has its full rows sorted to show 50 of them.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_booking_offer_booked", "booking",
                    ["offer_id", "booked_at", "id", "status"])


def downgrade() -> None:
    op.drop_index("ix_booking_offer_booked", table_name="booking")
