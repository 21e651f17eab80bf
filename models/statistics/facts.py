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

from sqlalchemy import BigInteger, case, cast, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from models.bookings.models import Booking, BookingStatus
from models.credit.models import Deposit
from models.offerers.models import Venue
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import Offer, Stock
from models.statistics.periods import Period
from models.statistics.scopes import Scope
from models.territories.models import Commune
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


def _per_person(start: dt.datetime, end: dt.datetime, scope: Scope | None):
    """Per person who booked in [start, end): (person, commune, key, categories, score)."""
    categories = func.count(category_of_offer().distinct())
    score = (categories + func.count(Offer.subcategory_id.distinct())
             + func.count(Venue.venue_type.distinct()) + func.count(Venue.id.distinct()))
    return counted(
        start, end, scope, User.id.label("user_id"), User.commune_code, key().label("key"),
        categories.label("categories"), score.label("score"),
    ).group_by(User.id, User.commune_code, User.cell_key)


def person_cells(period: Period, users: list[int] | None = None):
    """The people who booked in the period (those of `users` only, when given), one row each:
    (person, commune, key, categories, diversification score)."""
    query = _per_person(period.start, period.end, None)
    return query if users is None else query.where(Booking.user_id.in_(users))


def people_cells(period: Period, scope: Scope | None):
    """Distinct people of a period per commune: (commune, bookers, keys, people in 3
    categories or more, keys, sum of diversification scores, keys)."""
    per_person = _per_person(period.start, period.end, scope).subquery()
    return people_sums(per_person, per_person.c.commune_code)


def people_sums(per_person, *group):
    """The distinct-people figures of rows of one person each (`person_cells`, or the table
    that keeps them), per `group`: (*group, bookers, keys, people in 3 categories or more,
    keys, sum of diversification scores, keys)."""
    diverse = per_person.c.categories >= THREE_CATEGORIES
    return select(
        *group, func.count(), func.sum(per_person.c.key),
        func.sum(case((diverse, 1), else_=0)),
        func.sum(case((diverse, per_person.c.key), else_=0)),
        func.sum(per_person.c.score), func.sum(per_person.c.score * per_person.c.key),
    ).group_by(*group)


def beneficiary_cells(ever_before: dt.datetime, active_at: dt.datetime):
    """Residents per commune who received a credit before `ever_before`, and those holding a
    live credit at `active_at` (not after `ever_before`): (commune, people, keys, active, keys).
    The same conditions as `indicators.beneficiaries_ever` and `beneficiaries_active`."""
    ever = exists().where(Deposit.user_id == User.id, Deposit.created_at < ever_before)
    live = exists().where(Deposit.user_id == User.id, Deposit.created_at < active_at,
                          Deposit.expires_at > active_at)
    return (select(User.commune_code, func.count(), func.sum(key()),
                   func.sum(case((live, 1), else_=0)), func.sum(case((live, key()), else_=0)))
            .where(User.commune_code.is_not(None), ever).group_by(User.commune_code))


# Where money was spent, for the money that stays local (docs/domain/local-money.md): online
# (an offer with an access link or a virtual venue), else the département of the venue's
# commune (None for a venue without one).
ONLINE = "en_ligne"


def online():
    return or_(Offer.url.is_not(None), Venue.is_virtual.is_(True))


def money_cells(start: dt.datetime, end: dt.datetime, homes: list[str] | None = None):
    """Residents' money per département of residence (only `homes`, when given), place
    (`ONLINE` or the venue's département, None without a commune) and partner: (home, place,
    structure, cents)."""
    home, place = aliased(Commune), aliased(Commune)
    destination = case((online(), literal(ONLINE)), else_=place.departement_code)
    query = (counted(start, end, None, home.departement_code, destination,
                     Venue.structure_id, func.sum(cents()))
             .outerjoin(home, home.code == User.commune_code)
             .outerjoin(place, place.code == Venue.commune_code)
             .group_by(home.departement_code, destination, Venue.structure_id))
    return query if homes is None else query.where(home.departement_code.in_(homes))
