"""The true aggregates behind the local governments' indicators, one query per indicator and scope.

Nothing here is shown as it stands: `models.statistics.dashboard` passes every aggregate through
the secrecy rules. Each count comes with the sum of the cell keys of the people it counts, which
the cell-key method needs (docs/domain/7-territories.md). A person belongs to the territory of
their commune of residence; bookings belong to the territory of the person who made them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import BigInteger, and_, case, cast, exists, func, literal, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.credit.models import Deposit
from models.offerers.models import Venue
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import Offer
from models.statistics.periods import Period
from models.statistics.scopes import Scope
from models.statistics.secrecy import Amount, Count
from models.users.models import User

THREE_CATEGORIES = 3


@dataclass(frozen=True)
class Selection:
    """What an indicator counts: the residents of a scope, over a period, in some categories."""

    scope: Scope
    period: Period
    # None for every category.
    categories: frozenset[str] | None = None


@dataclass(frozen=True)
class BookingCounts:
    bookings: Count = Count()
    quantity: Count = Count()
    free: Count = Count()

    def __add__(self, other: BookingCounts) -> BookingCounts:
        return BookingCounts(self.bookings + other.bookings, self.quantity + other.quantity,
                             self.free + other.free)


def category_of_offer():
    """The offer's category, from its subcategory, as a SQL expression."""
    return case({sub.id: sub.category_id for sub in SUBCATEGORIES.values()},
                value=Offer.subcategory_id, else_=literal("AUTRE"))


def _key():
    # Sums of keys exceed 32 bits long before they exceed 64.
    return cast(User.cell_key, BigInteger)


def _counted_bookings(selection: Selection, *columns):
    """The bookings not cancelled, made in the period by residents of the scope."""
    query = (
        select(*columns)
        .select_from(Booking)
        .join(User, User.id == Booking.user_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .where(
            Booking.status != BookingStatus.CANCELLED,
            Booking.booked_at >= selection.period.start,
            Booking.booked_at < selection.period.end,
            selection.scope.resident_clause(User.commune_code),
        )
    )
    if selection.categories is not None:
        subcategories = [sub.id for sub in SUBCATEGORIES.values()
                         if sub.category_id in selection.categories]
        query = query.where(Offer.subcategory_id.in_(subcategories))
    return query


def _count(count, key_sum) -> Count:
    return Count(int(count or 0), int(key_sum or 0))


def beneficiaries_ever(session: Session, selection: Selection) -> Count:
    """Residents who received a credit before the end of the period."""
    return _beneficiaries(session, selection, Deposit.created_at < selection.period.end)


def beneficiaries_active(session: Session, selection: Selection, now: dt.datetime) -> Count:
    """Residents holding a live credit at the end of the period (now, if it is not over)."""
    instant = selection.period.state_instant(now)
    return _beneficiaries(session, selection,
                          and_(Deposit.created_at < instant, Deposit.expires_at > instant))


def _beneficiaries(session: Session, selection: Selection, deposit_condition) -> Count:
    has_deposit = exists().where(Deposit.user_id == User.id, deposit_condition)
    row = session.execute(
        select(func.count(), func.sum(_key()))
        .where(selection.scope.resident_clause(User.commune_code), has_deposit)
    ).one()
    return _count(*row)


def bookings_by_category(session: Session, selection: Selection) -> dict[str, BookingCounts]:
    """Bookings, places or items booked, and free bookings, per category."""
    category = category_of_offer().label("category")
    is_free = Booking.unit_price_cents == 0
    rows = session.execute(
        _counted_bookings(
            selection,
            category,
            func.count(),
            func.sum(_key()),
            func.sum(Booking.quantity),
            func.sum(_key() * Booking.quantity),
            func.sum(case((is_free, 1), else_=0)),
            func.sum(case((is_free, _key()), else_=0)),
        ).group_by(category)
    )
    return {
        name: BookingCounts(_count(count, keys), _count(quantity, quantity_keys),
                            _count(free, free_keys))
        for name, count, keys, quantity, quantity_keys, free, free_keys in rows
    }


def bookings_by_month(session: Session, selection: Selection) -> dict[str, Count]:
    """Bookings per calendar month of the period, keyed by the month's slug ("2026-03").

    Months are told apart by their bounds (local midnights in UTC) rather than by a date
    function of the engine, so both engines cut them at the same instants.
    """
    months = selection.period.months()
    month = case(*((Booking.booked_at < each.end, each.slug) for each in months[:-1]),
                 else_=literal(months[-1].slug)).label("month") if len(months) > 1 else (
        literal(months[0].slug).label("month"))
    rows = session.execute(
        _counted_bookings(selection, month, func.count(), func.sum(_key())).group_by(month)
    )
    return {slug: _count(count, keys) for slug, count, keys in rows}


def amounts_by_category(session: Session, selection: Selection) -> dict[str, Amount]:
    """The money spent per category, with the number of partners (structures) making it."""
    category = category_of_offer().label("category")
    per_partner = _per_partner(selection, category, Venue.structure_id).group_by(
        category, Venue.structure_id).subquery()
    rows = session.execute(
        select(per_partner.c.category, func.sum(per_partner.c.cents), func.count(),
               func.max(per_partner.c.cents))
        .group_by(per_partner.c.category)
    )
    return {name: Amount(int(cents), partners, int(largest))
            for name, cents, partners, largest in rows}


def amount_total(session: Session, selection: Selection) -> Amount:
    per_partner = _per_partner(selection, Venue.structure_id).group_by(
        Venue.structure_id).subquery()
    cents, partners, largest = session.execute(
        select(func.sum(per_partner.c.cents), func.count(), func.max(per_partner.c.cents))
    ).one()
    return Amount(int(cents or 0), partners, int(largest or 0))


def _per_partner(selection: Selection, *group):
    cents = func.sum(cast(Booking.unit_price_cents, BigInteger) * Booking.quantity)
    return (
        _counted_bookings(selection, *group, cents.label("cents"))
        .join(Venue, Venue.id == Offer.venue_id)
        .having(cents > 0)
    )


def bookers(session: Session, selection: Selection) -> tuple[Count, Count]:
    """People who booked in the period, and those of them who booked in 3 categories or more."""
    categories = func.count(category_of_offer().distinct())
    per_person = _counted_bookings(
        selection, _key().label("key"), categories.label("categories")
    ).group_by(User.id, User.cell_key).subquery()
    diverse = per_person.c.categories >= THREE_CATEGORIES
    count, keys, diverse_count, diverse_keys = session.execute(
        select(
            func.count(),
            func.sum(per_person.c.key),
            func.sum(case((diverse, 1), else_=0)),
            func.sum(case((diverse, per_person.c.key), else_=0)),
        )
    ).one()
    return _count(count, keys), _count(diverse_count, diverse_keys)
