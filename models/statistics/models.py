"""What the statistics add to the schema: an index their booking aggregates read alone.

The key each person carries for the cell-key method is `User.cell_key`
(docs/domain/7-territories.md).
"""

from __future__ import annotations

from sqlalchemy import Index

from models.bookings.models import Booking

# Every booking aggregate of a dashboard keeps the bookings of a period that are not cancelled
# and reads who made them, what, how many and at what price: all of it is in this index, so a
# period's bookings are read from it without visiting the table (docs/domain/7-territories.md).
STATISTICS_INDEX = Index(
    "ix_booking_statistics",
    Booking.booked_at,
    Booking.status,
    Booking.user_id,
    Booking.offer_id,
    Booking.quantity,
    Booking.unit_price_cents,
)
