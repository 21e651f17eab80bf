"""Invariants the money and the places must always satisfy, checked against the database.

Each check is one aggregate query that returns the rows breaking a rule; `check_integrity`
runs them all. Nothing here writes: the command `flask check-integrity` reports and exits
non-zero, and the concurrency and fault tests run it after every load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import and_, func, literal, or_, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.credit.models import CreditProgramme, Deposit, Grant
from models.offers.catalogue import SUBCATEGORIES, CapKind
from models.offers.models import Offer, Stock
from models.top_ups.models import TopUpProgramme

# Bookings that hold a place and money: everything but a cancellation.
LIVE = (BookingStatus.CONFIRMED, BookingStatus.USED, BookingStatus.REIMBURSED)
# Bookings whose token a counter may still be shown.
TOKEN_LIVE = (BookingStatus.CONFIRMED, BookingStatus.USED)


@dataclass(frozen=True)
class Breach:
    rule: str
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.subject} ({self.detail})"


def _granted_by_deposit():
    return (
        select(Grant.deposit_id, func.sum(Grant.amount_cents).label("granted"))
        .group_by(Grant.deposit_id)
        .subquery()
    )


def _spent_by_deposit(kind: CapKind | None = None):
    # What a local top-up paid of a booking did not come from the deposit.
    amount = Booking.unit_price_cents * Booking.quantity - Booking.top_up_cents
    query = (
        select(Booking.deposit_id, func.sum(amount).label("spent"))
        .join(Offer, Offer.id == Booking.offer_id)
        .where(Booking.status.in_(LIVE), Booking.deposit_id.is_not(None))
        .group_by(Booking.deposit_id)
    )
    if kind is not None:
        query = query.where(
            Offer.subcategory_id.in_([sub.id for sub in SUBCATEGORIES.values() if sub.cap is kind])
        )
    return query.subquery()


def overspent_deposits(session: Session) -> Iterator[Breach]:
    """No deposit spends more than was granted to it: the credit never goes negative."""
    granted, spent = _granted_by_deposit(), _spent_by_deposit()
    # A credit that replaced an older one also holds the remainder carried over from it.
    total = func.coalesce(granted.c.granted, 0) + Deposit.carried_over_cents
    rows = session.execute(
        select(Deposit.id, total, spent.c.spent)
        .join(spent, spent.c.deposit_id == Deposit.id)
        .outerjoin(granted, granted.c.deposit_id == Deposit.id)
        .where(spent.c.spent > total)
    )
    for deposit_id, granted_cents, spent_cents in rows:
        yield Breach("credit", f"deposit {deposit_id}",
                     f"spent {spent_cents} of {granted_cents} cents granted")


def exceeded_caps(session: Session) -> Iterator[Breach]:
    """No deposit spends more on digital or physical goods than its programme's cap."""
    for kind, cap_column in ((CapKind.DIGITAL, CreditProgramme.digital_cap_cents),
                             (CapKind.PHYSICAL, CreditProgramme.physical_cap_cents)):
        spent = _spent_by_deposit(kind)
        rows = session.execute(
            select(Deposit.id, spent.c.spent, cap_column)
            .join(spent, spent.c.deposit_id == Deposit.id)
            .join(CreditProgramme, CreditProgramme.id == Deposit.programme_id)
            .where(cap_column.is_not(None), spent.c.spent > cap_column)
        )
        for deposit_id, spent_cents, cap_cents in rows:
            yield Breach(f"{kind.value} cap", f"deposit {deposit_id}",
                         f"spent {spent_cents} cents over a cap of {cap_cents}")


def miscounted_stocks(session: Session) -> Iterator[Breach]:
    """Each stock's booked count is the sum of its live bookings, within its quantity."""
    held = (
        select(Booking.stock_id, func.sum(Booking.quantity).label("held"))
        .where(Booking.status.in_(LIVE))
        .group_by(Booking.stock_id)
        .subquery()
    )
    held_places = func.coalesce(held.c.held, 0)
    rows = session.execute(
        select(Stock.id, Stock.booked_quantity, held_places, Stock.quantity)
        .outerjoin(held, held.c.stock_id == Stock.id)
        .where(or_(
            Stock.booked_quantity != held_places,
            and_(Stock.quantity.is_not(None), held_places > Stock.quantity),
        ))
    )
    for stock_id, booked, live, quantity in rows:
        yield Breach("stock", f"stock {stock_id}",
                     f"booked_quantity {booked}, live places {live}, quantity {quantity}")


def duplicate_live_tokens(session: Session) -> Iterator[Breach]:
    """A token shown at a counter identifies one booking only."""
    rows = session.execute(
        select(Booking.token, func.count())
        .where(Booking.status.in_(TOKEN_LIVE))
        .group_by(Booking.token)
        .having(func.count() > 1)
    )
    for token, count in rows:
        yield Breach("token", f"token {token}", f"{count} live bookings")


def duplicate_live_bookings(session: Session) -> Iterator[Breach]:
    """One confirmed booking per offer and person."""
    rows = session.execute(
        select(Booking.user_id, Booking.offer_id, func.count())
        .where(Booking.status == BookingStatus.CONFIRMED, Booking.user_id.is_not(None))
        .group_by(Booking.user_id, Booking.offer_id)
        .having(func.count() > 1)
    )
    for user_id, offer_id, count in rows:
        yield Breach("one booking per offer", f"user {user_id}, offer {offer_id}",
                     f"{count} confirmed bookings")


def mismatched_offers(session: Session) -> Iterator[Breach]:
    """A booking's copied offer is its stock's offer."""
    rows = session.execute(
        select(Booking.id, Booking.offer_id, Stock.offer_id)
        .join(Stock, Stock.id == Booking.stock_id)
        .where(Booking.offer_id != Stock.offer_id)
    )
    for booking_id, copied, actual in rows:
        yield Breach("booking offer", f"booking {booking_id}",
                     f"offer {copied} but its stock belongs to offer {actual}")


def unpaid_bookings(session: Session) -> Iterator[Breach]:
    """A paid booking of a person is paid from a deposit."""
    rows = session.execute(
        select(Booking.id, literal(1))
        .where(Booking.unit_price_cents > 0, Booking.deposit_id.is_(None),
               Booking.user_id.is_not(None), Booking.status.in_(LIVE))
    )
    for booking_id, _ in rows:
        yield Breach("payment", f"booking {booking_id}", "paid booking without a deposit")


def overspent_top_ups(session: Session) -> Iterator[Breach]:
    """No local top-up pays more than its budget, nor more than its amount to one person, nor
    more than a booking costs (docs/domain/8-local-top-ups.md)."""
    paid = (select(Booking.top_up_id, func.sum(Booking.top_up_cents).label("cents"))
            .where(Booking.status.in_(LIVE), Booking.top_up_id.is_not(None))
            .group_by(Booking.top_up_id).subquery())
    for programme_id, cents, budget in session.execute(
            select(TopUpProgramme.id, paid.c.cents, TopUpProgramme.budget_cents)
            .join(paid, paid.c.top_up_id == TopUpProgramme.id)
            .where(paid.c.cents > TopUpProgramme.budget_cents)):
        yield Breach("top-up budget", f"top-up {programme_id}", f"paid {cents} of {budget}")
    per_person = (select(Booking.top_up_id, Booking.user_id,
                         func.sum(Booking.top_up_cents).label("cents"))
                  .where(Booking.status.in_(LIVE), Booking.top_up_id.is_not(None))
                  .group_by(Booking.top_up_id, Booking.user_id).subquery())
    for programme_id, user_id, cents in session.execute(
            select(TopUpProgramme.id, per_person.c.user_id, per_person.c.cents)
            .join(per_person, per_person.c.top_up_id == TopUpProgramme.id)
            .where(per_person.c.cents > TopUpProgramme.amount_per_person_cents)):
        yield Breach("top-up per person", f"top-up {programme_id}",
                     f"paid {cents} to person {user_id}")
    for booking_id, cents in session.execute(
            select(Booking.id, Booking.top_up_cents)
            .where(or_(Booking.top_up_cents < 0,
                       Booking.top_up_cents > Booking.unit_price_cents * Booking.quantity))):
        yield Breach("top-up share", f"booking {booking_id}", f"top-up paid {cents}")


CHECKS: tuple[Callable[[Session], Iterator[Breach]], ...] = (
    overspent_deposits,
    exceeded_caps,
    miscounted_stocks,
    duplicate_live_tokens,
    duplicate_live_bookings,
    mismatched_offers,
    unpaid_bookings,
    overspent_top_ups,
)


def check_integrity(session: Session) -> list[Breach]:
    """Every breach of every invariant; an empty list when the data is sound."""
    return [breach for check in CHECKS for breach in check(session)]
