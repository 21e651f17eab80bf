"""What the statistics add to the schema: an index their raw queries read alone, and the
aggregates the dashboards read at scale.

The key each person carries for the cell-key method is `User.cell_key`
(docs/domain/7-territories.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.bookings.models import Booking
from models.db import Base, UtcDateTime

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


# The aggregates the dashboards read at scale (docs/domain/7-territories.md, "Aggregates"),
# maintained by the `statistics_aggregates` job (`models.statistics.refresh`). They hold sums,
# never a person: each count keeps the sum of the cell keys of the rows it counts, so a figure
# read from them gets exactly the noise of the same figure counted from the bookings.


class BookingMonth(Base):
    """Bookings not cancelled, per month made, commune of residence, category, channel and
    lead time: every sum of bookings is a sum of these rows."""

    __tablename__ = "stat_booking_month"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    digital: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    lead: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bookings: Mapped[int] = mapped_column(Integer)
    bookings_keys: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)
    quantity_keys: Mapped[int] = mapped_column(BigInteger)
    free: Mapped[int] = mapped_column(Integer)
    free_keys: Mapped[int] = mapped_column(BigInteger)


class PartnerMonth(Base):
    """Money and bookings per month, commune of residence, category and partner (structure):
    money is protected on the number of partners and the largest one's part."""

    __tablename__ = "stat_partner_month"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    structure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cents: Mapped[int] = mapped_column(BigInteger)
    bookings: Mapped[int] = mapped_column(Integer)
    bookings_keys: Mapped[int] = mapped_column(BigInteger)


class OfferMonth(Base):
    """Bookings per month, commune of residence and offer, for the top offers."""

    __tablename__ = "stat_offer_month"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    offer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    structure_id: Mapped[int] = mapped_column(Integer)
    cents: Mapped[int] = mapped_column(BigInteger)
    bookings: Mapped[int] = mapped_column(Integer)
    bookings_keys: Mapped[int] = mapped_column(BigInteger)


class PeoplePeriod(Base):
    """Distinct people of a period, per commune of residence: those who booked, those who booked
    in 3 categories or more, and the sum of their diversification scores. People cannot be added
    up across months, so each period shown is summed once per person when it is refreshed."""

    __tablename__ = "stat_people_period"

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    bookers: Mapped[int] = mapped_column(Integer)
    bookers_keys: Mapped[int] = mapped_column(BigInteger)
    diverse: Mapped[int] = mapped_column(Integer)
    diverse_keys: Mapped[int] = mapped_column(BigInteger)
    score: Mapped[int] = mapped_column(Integer)
    score_keys: Mapped[int] = mapped_column(BigInteger)


class AggregatedPeriod(Base):
    """A period whose aggregates are complete, and up to which instant of bookings."""

    __tablename__ = "stat_aggregated_period"

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    refreshed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class AggregatesState(Base):
    """One row: the instant the aggregates were last brought up to date, and the last booking
    they had seen then."""

    __tablename__ = "stat_aggregates_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refreshed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_booking_id: Mapped[int] = mapped_column(Integer)


class ScopeFigure(Base):
    """A true figure of a département, a région or the country for a period, before the
    secrecy rules (`models.statistics.rollup`): a count (`count`) with its key sum (`keys`), or
    for `name` "amount" and "amount.<CATEGORY>" an amount in cents (`count`), its number of
    partners (`keys`) and the largest one's part (`largest`)."""

    __tablename__ = "stat_scope_figure"

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    level: Mapped[str] = mapped_column(String(12), primary_key=True)
    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)
    keys: Mapped[int] = mapped_column(BigInteger)
    largest: Mapped[int] = mapped_column(BigInteger)


class ScopeTop(Base):
    """The top partners (`kind` "partner") and offers ("offer") of a département, a région or
    the country for a period, by true bookings, with their key sums and money."""

    __tablename__ = "stat_scope_top"

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    level: Mapped[str] = mapped_column(String(12), primary_key=True)
    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    rank: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer)
    structure_id: Mapped[int] = mapped_column(Integer)
    bookings: Mapped[int] = mapped_column(Integer)
    bookings_keys: Mapped[int] = mapped_column(BigInteger)
    cents: Mapped[int] = mapped_column(BigInteger)
