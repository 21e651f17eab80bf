"""Queries on credit: a person's current deposit and what remains of it and of its caps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.credit.models import CreditProgramme, Deposit, Grant
from models.offers.catalogue import SUBCATEGORIES, CapKind
from models.offers.models import Offer

SPENDING_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.USED, BookingStatus.REIMBURSED)


@dataclass(frozen=True)
class CreditSummary:
    deposit: Deposit
    granted_cents: int
    spent_cents: int
    digital_spent_cents: int
    physical_spent_cents: int

    @property
    def remaining_cents(self) -> int:
        return self.granted_cents - self.spent_cents

    def cap_remaining_cents(self, kind: CapKind) -> int | None:
        """What is left under a cap, never more than the remaining total; None without a cap."""
        programme = self.deposit.programme
        cap, spent = {
            CapKind.DIGITAL: (programme.digital_cap_cents, self.digital_spent_cents),
            CapKind.PHYSICAL: (programme.physical_cap_cents, self.physical_spent_cents),
        }[kind]
        if cap is None:
            return None
        return min(cap - spent, self.remaining_cents)

    @property
    def expires_at(self) -> dt.datetime:
        return self.deposit.expires_at


def subcategories_with_cap(kind: CapKind) -> list[str]:
    return [sub.id for sub in SUBCATEGORIES.values() if sub.cap is kind]


def current_deposit(session: Session, user_id: int, now: dt.datetime) -> Deposit | None:
    """The person's deposit that has not expired yet, the most recent one first."""
    return session.scalars(
        select(Deposit)
        .where(Deposit.user_id == user_id, Deposit.expires_at > now)
        .order_by(Deposit.created_at.desc())
        .limit(1)
    ).first()


def credit_summary(session: Session, deposit: Deposit) -> CreditSummary:
    """Granted (carried-over remainder included), spent and per-cap spent amounts of a deposit,
    in two queries; what local top-ups paid is not spent from it."""
    granted = session.scalar(
        select(func.coalesce(func.sum(Grant.amount_cents), 0)).where(Grant.deposit_id == deposit.id)
    )
    # A local top-up paid `top_up_cents` of the price: only the rest came from this deposit.
    amount = Booking.unit_price_cents * Booking.quantity - Booking.top_up_cents
    digital = subcategories_with_cap(CapKind.DIGITAL)
    physical = subcategories_with_cap(CapKind.PHYSICAL)
    row = session.execute(
        select(
            func.coalesce(func.sum(amount), 0),
            func.coalesce(func.sum(amount).filter(Offer.subcategory_id.in_(digital)), 0),
            func.coalesce(func.sum(amount).filter(Offer.subcategory_id.in_(physical)), 0),
        )
        .join(Offer, Offer.id == Booking.offer_id)
        .where(Booking.deposit_id == deposit.id, Booking.status.in_(SPENDING_STATUSES))
    ).one()
    granted += deposit.carried_over_cents or 0
    return CreditSummary(deposit, granted, row[0], row[1], row[2])


@dataclass(frozen=True)
class SpendableCredit:
    """What a person can still spend from their current deposit, and under its digital cap."""

    remaining_cents: int
    digital_remaining_cents: int | None


def _spendable_statement():
    """The current deposit's remainder and digital remainder, in one statement.

    The same sums as `current_deposit` then `credit_summary` (which a booking needs, with the
    deposit itself), as scalar subqueries read at once: the deck and search show it on every
    request. Built once, with bound parameters: building it cost more CPU than running it.
    """
    amount = Booking.unit_price_cents * Booking.quantity - Booking.top_up_cents
    spending = (Booking.deposit_id == Deposit.id, Booking.status.in_(SPENDING_STATUSES))
    granted = (select(func.coalesce(func.sum(Grant.amount_cents), 0))
               .where(Grant.deposit_id == Deposit.id).scalar_subquery())
    spent = (select(func.coalesce(func.sum(amount), 0)).where(*spending).scalar_subquery())
    digital_spent = (
        select(func.coalesce(func.sum(amount), 0))
        .join(Offer, Offer.id == Booking.offer_id)
        .where(*spending, Offer.subcategory_id.in_(subcategories_with_cap(CapKind.DIGITAL)))
        .scalar_subquery()
    )
    return (
        select(granted + func.coalesce(Deposit.carried_over_cents, 0), spent, digital_spent,
               CreditProgramme.digital_cap_cents)
        .join(CreditProgramme, CreditProgramme.id == Deposit.programme_id)
        .where(Deposit.user_id == bindparam("user_id"), Deposit.expires_at > bindparam("now"))
        .order_by(Deposit.created_at.desc())
        .limit(1)
    )


SPENDABLE = _spendable_statement()


def spendable_credit(session: Session, user_id: int, now: dt.datetime) -> SpendableCredit | None:
    """The remainder of the person's current deposit, as `credit_summary` counts it; None
    without a deposit that has not expired."""
    # A select of columns loading no mapped object: run on the connection, without the ORM's
    # execution path, which cost more CPU than the statement (as `models.search.cards`).
    session.flush()
    row = session.connection().execute(SPENDABLE, {"user_id": user_id, "now": now}).first()
    if row is None:
        return None
    granted, spent, digital_spent, digital_cap = row
    remaining = granted - spent
    digital = None if digital_cap is None else min(digital_cap - digital_spent, remaining)
    return SpendableCredit(remaining, digital)
