"""Until when an offer, and a venue, can be booked: kept by the database (revision 0005).

- `offer.bookable_until`: the latest moment one of the offer's stocks can be booked, over the
  stocks not deleted with places left. A stock can be booked until its booking limit, else
  until its event begins, else without end (`FAR_FUTURE`); the limit never follows the start
  (a CHECK of stock), so this is exactly `bookable_stock_clause`. NULL: no such stock.
- `venue.bookable_until`: the latest `bookable_until` of the venue's approved, active offers.

Hence, at any moment `now`, with no write needed when time passes:

- an offer has a bookable stock  ⇔  `offer.bookable_until > now`;
- a venue has an approved, active offer with a bookable stock  ⇔  `venue.bookable_until > now`
  (whether its structure is validated is asked separately, as for every offer).

Triggers on stock and offer keep both columns right in the transaction that changes them, on
both engines; they write only when the value changes, so taking one place of many writes
nothing more. Bulk loaders that switch the triggers off call `refresh_bookability` afterwards.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, text

FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
_FAR_FUTURE_SQL = {"sqlite": "'9999-01-01 00:00:00.000000'",
                   "postgresql": "'9999-01-01 00:00:00+00'"}


def refresh_bookability(connection: Connection) -> None:
    """Recompute both columns for every offer and venue, as the triggers would have.

    Meant for a bulk load done with the triggers off: with them on, each offer's update would
    recount its venue once more.
    """
    far_future = _FAR_FUTURE_SQL[connection.dialect.name]
    connection.execute(text(
        "UPDATE offer SET bookable_until = ("
        f"SELECT max(coalesce(s.booking_limit_at, s.beginning_at, {far_future})) FROM stock s"
        " WHERE s.offer_id = offer.id AND s.is_deleted = false"
        " AND (s.quantity IS NULL OR s.booked_quantity < s.quantity))"
    ))
    connection.execute(text(
        "UPDATE venue SET bookable_until = ("
        "SELECT max(o.bookable_until) FROM offer o WHERE o.venue_id = venue.id"
        " AND o.validation = 'approved' AND o.is_active = true)"
    ))
