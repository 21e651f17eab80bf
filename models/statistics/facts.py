"""The bookings behind the aggregates, grouped by the database, the same way for every reader.

The `statistics_aggregates` job (`models.statistics.refresh`) writes these groups into the
aggregate tables; a dashboard asked for a period the aggregates do not hold (a range of days)
reads the same groups for its scope straight from the bookings. Both use the expressions below,
so both give the same cells on a given engine.

Definitions (docs/domain/7-territories.md): a booking counts when it is not cancelled and its
person has a commune of residence; it is digital when its offer has an access link (`url`);
its lead time is the time from the booking to the event's start, in the buckets of `LEADS`;
a person's diversification score over a period is the number of distinct categories, plus
distinct subcategories, plus distinct venue types, plus distinct venues of their bookings: each
booking scores a point for each of the four that it is the first of.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, case, cast, func, literal, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.offerers.models import Venue
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import Offer, Stock
from models.statistics.periods import Period
from models.statistics.scopes import Scope
from models.users.models import User

THREE_CATEGORIES = 3
OTHER_CATEGORY = "AUTRE"

# Lead-time buckets: code 0 is a booking of something with no date (a book, a subscription);
# then under a day, 1 to 7 days, 8 to 30 days, more.
NO_DATE = 0
LEAD_BOUNDS_DAYS = ((1, 1), (2, 8), (3, 31))
LONGEST_LEAD = 4


def category_of_offer():
    """The offer's category, from its subcategory, as a SQL expression."""
    return case({sub.id: sub.category_id for sub in SUBCATEGORIES.values()},
                value=Offer.subcategory_id, else_=literal(OTHER_CATEGORY))


def key():
    # Sums of keys exceed 32 bits long before they exceed 64.
    return cast(User.cell_key, BigInteger)


def cents():
    return cast(Booking.unit_price_cents, BigInteger) * Booking.quantity


def lead_bucket(dialect: str):
    """The lead-time bucket of a booking, as a SQL expression of the engine."""
    if dialect == "postgresql":
        def shorter(days):
            return Stock.beginning_at - Booking.booked_at < dt.timedelta(days=days)
    else:
        def shorter(days):
            return func.julianday(Stock.beginning_at) - func.julianday(Booking.booked_at) < days
    return case((Stock.beginning_at.is_(None), NO_DATE),
                *((shorter(days), code) for code, days in LEAD_BOUNDS_DAYS),
                else_=LONGEST_LEAD)


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def counted(start: dt.datetime, end: dt.datetime, scope: Scope | None, *columns):
    """The bookings counted, made in [start, end) by residents of `scope` (anyone with a
    commune when None), with their offer, stock and venue."""
    query = (
        select(*columns)
        .select_from(Booking)
        .join(User, User.id == Booking.user_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Stock, Stock.id == Booking.stock_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Booking.status != BookingStatus.CANCELLED, Booking.booked_at >= start,
               Booking.booked_at < end, User.commune_code.is_not(None))
    )
    if scope is not None:
        query = query.where(scope.resident_clause(User.commune_code))
    return query


def booking_cells(dialect: str, start: dt.datetime, end: dt.datetime, scope: Scope | None):
    """Bookings per commune, category, channel and lead time: (commune, category, digital,
    lead, bookings, keys, quantity, keys, free, keys)."""
    category = category_of_offer().label("category")
    digital = Offer.url.is_not(None).label("digital")
    lead = lead_bucket(dialect).label("lead")
    free = Booking.unit_price_cents == 0
    return counted(
        start, end, scope, User.commune_code, category, digital, lead, func.count(),
        func.sum(key()), func.sum(Booking.quantity), func.sum(key() * Booking.quantity),
        func.sum(case((free, 1), else_=0)), func.sum(case((free, key()), else_=0)),
    ).group_by(User.commune_code, category, digital, lead)


def partner_cells(start: dt.datetime, end: dt.datetime, scope: Scope | None):
    """Money and bookings per commune, category and partner (structure)."""
    category = category_of_offer().label("category")
    return counted(start, end, scope, User.commune_code, category, Venue.structure_id,
                   func.sum(cents()), func.count(), func.sum(key())
                   ).group_by(User.commune_code, category, Venue.structure_id)


def offer_cells(start: dt.datetime, end: dt.datetime, scope: Scope | None):
    """Money and bookings per commune and offer."""
    return counted(start, end, scope, User.commune_code, Booking.offer_id,
                   func.max(Venue.structure_id), func.sum(cents()), func.count(),
                   func.sum(key())).group_by(User.commune_code, Booking.offer_id)


def people_cells(period: Period, scope: Scope | None):
    """Distinct people of a period per commune: (commune, bookers, keys, people in 3
    categories or more, keys, sum of diversification scores, keys)."""
    categories = func.count(category_of_offer().distinct())
    score = (categories + func.count(Offer.subcategory_id.distinct())
             + func.count(Venue.venue_type.distinct()) + func.count(Venue.id.distinct()))
    per_person = counted(
        period.start, period.end, scope, User.commune_code, key().label("key"),
        categories.label("categories"), score.label("score"),
    ).group_by(User.id, User.commune_code, User.cell_key).subquery()
    diverse = per_person.c.categories >= THREE_CATEGORIES
    return select(
        per_person.c.commune_code, func.count(), func.sum(per_person.c.key),
        func.sum(case((diverse, 1), else_=0)),
        func.sum(case((diverse, per_person.c.key), else_=0)),
        func.sum(per_person.c.score), func.sum(per_person.c.score * per_person.c.key),
    ).group_by(per_person.c.commune_code)
