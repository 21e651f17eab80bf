"""Queries of the finance domain: statements, their lines, revenue, bank details
(docs/domain/6-reimbursement.md).

Revenue is the amount of the bookings used (reimbursed or not yet), counted on the Paris day they
were used, as the rates count it. Everything here is asked for a list of structure ids, those
the person manages (`models.users.capacities.managed_structure_ids`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, joinedload

from models.bookings.models import Booking, BookingStatus
from models.finance.models import BankAccount, LineKind, Statement, StatementLine
from models.finance.periods import paris_midnight
from models.offerers.models import Venue
from models.offers.models import Offer

EARNING = (BookingStatus.USED, BookingStatus.REIMBURSED)


def statements_of(session: Session, structure_ids: list[int], limit: int = 48) -> list[Statement]:
    """The latest statements of the structures' pricing points, newest first."""
    return list(session.scalars(
        select(Statement)
        .join(Venue, Venue.id == Statement.pricing_point_id)
        .where(Venue.structure_id.in_(structure_ids))
        .options(joinedload(Statement.pricing_point))
        .order_by(Statement.period_start.desc(), Venue.name, Statement.id)
        .limit(limit)
    ))


def statement_with_point(session: Session, statement_id: int) -> Statement | None:
    return session.scalars(
        select(Statement).where(Statement.id == statement_id)
        .options(joinedload(Statement.pricing_point), joinedload(Statement.bank_account))
    ).one_or_none()


@dataclass(frozen=True)
class LineRow:
    kind: LineKind
    used_on: dt.date
    token: str
    offer_name: str
    venue_name: str
    booked_cents: int
    rate_basis_points: int
    reimbursed_cents: int


def statement_lines(session: Session, statement_id: int, limit: int | None = None):
    """The lines of a statement in the order they were priced, streamed as `LineRow`s."""
    rows = session.execute(
        select(StatementLine.kind, StatementLine.used_on, Booking.token, Offer.name,
               func.coalesce(Venue.public_name, Venue.name), StatementLine.booked_cents,
               StatementLine.rate_basis_points, StatementLine.reimbursed_cents)
        .join(Booking, Booking.id == StatementLine.booking_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(StatementLine.statement_id == statement_id)
        .order_by(StatementLine.id)
        .limit(limit)
        .execution_options(yield_per=2000)
    )
    for row in rows:
        yield LineRow(*row)


def _earning_in(structure_ids: list[int], year: int):
    return and_(
        Venue.structure_id.in_(structure_ids),
        Booking.status.in_(EARNING),
        Booking.used_at >= paris_midnight(dt.date(year, 1, 1)),
        Booking.used_at < paris_midnight(dt.date(year + 1, 1, 1)),
    )


def revenue_by_month(session: Session, structure_ids: list[int], year: int) -> list[int]:
    """Twelve amounts in cents, January to December, in one pass over the year's bookings.

    Months are cut at Paris midnights computed here, so both engines count the same days.
    """
    bounds = [paris_midnight(dt.date(year, month, 1)) for month in range(1, 13)]
    bounds.append(paris_midnight(dt.date(year + 1, 1, 1)))
    amount = Booking.unit_price_cents * Booking.quantity
    columns = [
        func.coalesce(func.sum(case(
            (and_(Booking.used_at >= bounds[index], Booking.used_at < bounds[index + 1]), amount),
            else_=0,
        )), 0)
        for index in range(12)
    ]
    row = session.execute(
        select(*columns)
        .select_from(Booking)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(_earning_in(structure_ids, year))
    ).one()
    return [int(value) for value in row]


@dataclass(frozen=True)
class OfferRevenue:
    offer_id: int
    name: str
    bookings: int
    revenue_cents: int


def revenue_by_offer(
    session: Session, structure_ids: list[int], year: int, limit: int = 20
) -> list[OfferRevenue]:
    """The offers that earned the most over the year, with their number of used bookings."""
    revenue = func.sum(Booking.unit_price_cents * Booking.quantity)
    rows = session.execute(
        select(Offer.id, Offer.name, func.count(Booking.id), revenue)
        .select_from(Booking)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(_earning_in(structure_ids, year))
        .group_by(Offer.id, Offer.name)
        .order_by(revenue.desc(), Offer.id)
        .limit(limit)
    )
    return [OfferRevenue(*row) for row in rows]


@dataclass(frozen=True)
class PricingPointAccount:
    pricing_point: Venue
    account: BankAccount | None


def pricing_points_of(session: Session, structure_ids: list[int]) -> list[PricingPointAccount]:
    """The structures' pricing points (venues paid in their own name) and their current account."""
    rows = session.execute(
        select(Venue, BankAccount)
        .outerjoin(BankAccount, and_(BankAccount.pricing_point_id == Venue.id,
                                     BankAccount.replaced_at.is_(None)))
        .where(Venue.structure_id.in_(structure_ids), Venue.pricing_point_id == Venue.id)
        .order_by(Venue.name, Venue.id)
    )
    return [PricingPointAccount(venue, account) for venue, account in rows]


def account_history(session: Session, pricing_point_id: int) -> list[BankAccount]:
    """Every account the pricing point gave, the current one first."""
    return list(session.scalars(
        select(BankAccount).where(BankAccount.pricing_point_id == pricing_point_id)
        .order_by(BankAccount.replaced_at.is_not(None), BankAccount.created_at.desc(),
                  BankAccount.id.desc())
    ))


def line_count(session: Session, statement_id: int) -> int:
    return session.scalar(select(func.count()).select_from(StatementLine)
                          .where(StatementLine.statement_id == statement_id))
