"""Commands of the finance domain: bank details, statements, corrections.

The rules are in docs/domain/6-reimbursement.md. Every command writes in the caller's session,
inside the caller's unit of work (`models.unit_of_work.atomic`), and never commits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select, text, union, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.db import start_write_transaction
from models.finance import exceptions
from models.finance.models import BankAccount, LineKind, Statement, StatementLine
from models.finance.periods import Period, paris_day
from models.finance.rates import reimbursed_cents, reimbursement_rate
from models.finance.validation import check_bic, check_holder, check_iban, normalise_iban
from models.offerers.models import Venue
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import Offer, Stock
from models.users.models import User

BASIS_POINTS = 10_000
# Only these reasons may take back a booking already paid to the pro.
CORRECTION_REASONS = (CancellationReason.FRAUD, CancellationReason.STAFF)


def _lock_pricing_point(session: Session, pricing_point_id: int) -> Venue | None:
    """Lock the pricing point's row: the commands on its money queue behind one another."""
    return session.scalars(
        select(Venue).where(Venue.id == pricing_point_id).with_for_update()
    ).one_or_none()


def set_bank_account(
    session: Session, pricing_point: Venue, iban: str, bic: str | None, holder: str,
    by: User | None, now: dt.datetime,
) -> BankAccount:
    """Give the pricing point a new account; the current one is kept as history, never edited."""
    iban = normalise_iban(iban)
    bic = normalise_iban(bic or "") or None
    holder = " ".join(holder.split())
    check_iban(iban)
    check_bic(bic)
    check_holder(holder)
    if pricing_point.pricing_point_id != pricing_point.id:
        raise exceptions.NotAPricingPoint()
    start_write_transaction(session)
    _lock_pricing_point(session, pricing_point.id)
    current = current_account(session, pricing_point.id)
    if current is not None:
        if (current.iban, current.bic, current.holder) == (iban, bic, holder):
            return current
        current.replaced_at = now
        # The partial unique index allows one current account: the old one steps down first.
        session.flush()
    account = BankAccount(pricing_point_id=pricing_point.id, iban=iban, bic=bic, holder=holder,
                          created_at=now, created_by_id=by.id if by else None)
    session.add(account)
    session.flush()
    return account


def current_account(session: Session, pricing_point_id: int) -> BankAccount | None:
    return session.scalars(select(BankAccount).where(
        BankAccount.pricing_point_id == pricing_point_id, BankAccount.replaced_at.is_(None)
    )).one_or_none()


def cancel_reimbursed_booking(
    session: Session, booking_id: int, reason: CancellationReason, now: dt.datetime
) -> Booking:
    """Staff cancel a booking already paid to the pro (fraud, or a decision of the team).

    The statement that paid it is not touched: the next statement of its pricing point takes the
    amount back with a correction line (`issue_statements`). The credit comes back to the young
    person, as for any cancellation, and the place to the stock.
    """
    if reason not in CORRECTION_REASONS:
        raise exceptions.CorrectionReasonRefused()
    start_write_transaction(session)
    stock_id = session.scalar(select(Booking.stock_id).where(Booking.id == booking_id))
    if stock_id is None:
        raise exceptions.NotReimbursed()
    # Stock before booking, the order of the counter's commands (docs/architecture.md).
    session.execute(select(Stock.id).where(Stock.id == stock_id).with_for_update()).all()
    booking = session.scalars(
        select(Booking).where(Booking.id == booking_id).with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if booking.status is not BookingStatus.REIMBURSED:
        raise exceptions.NotReimbursed()
    booking.status = BookingStatus.CANCELLED
    booking.cancellation_reason = reason
    booking.cancelled_at = now
    session.execute(
        update(Stock).where(Stock.id == stock_id)
        .values(booked_quantity=Stock.booked_quantity - booking.quantity)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return booking


@dataclass
class Entry:
    """A line to write, before its rate is known (payments) or as it was paid (corrections)."""

    moment: dt.datetime
    booking_id: int
    kind: LineKind
    used_on: dt.date
    booked_cents: int
    subcategory_id: str | None = None
    rate_basis_points: int = 0
    reimbursed_cents: int = 0
    year_revenue_cents: int = 0


def _payments_due(pricing_point_id: int | None, period: Period):
    """Used bookings of the pricing point up to the end of the period that no statement holds."""
    query = (
        select(Booking.id, Booking.used_at, Booking.unit_price_cents, Booking.quantity,
               Offer.subcategory_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(Venue, Venue.id == Offer.venue_id)
        .where(Booking.status == BookingStatus.USED, Booking.used_at < period.ends_at)
    )
    if pricing_point_id is None:
        return query.where(Venue.pricing_point_id.is_not(None))
    return query.where(Venue.pricing_point_id == pricing_point_id)


def _corrections_due(pricing_point_id: int | None, period: Period):
    """Paid bookings cancelled since, up to the end of the period, not yet taken back."""
    correction = aliased(StatementLine)
    corrected = exists().where(
        correction.booking_id == Booking.id, correction.kind == LineKind.CORRECTION
    )
    query = (
        select(Booking.id, Booking.cancelled_at, StatementLine.used_on,
               StatementLine.booked_cents, StatementLine.rate_basis_points,
               StatementLine.reimbursed_cents, Statement.pricing_point_id)
        .join(StatementLine, and_(StatementLine.booking_id == Booking.id,
                                  StatementLine.kind == LineKind.PAYMENT))
        .join(Statement, Statement.id == StatementLine.statement_id)
        .where(Booking.status == BookingStatus.CANCELLED, Booking.cancelled_at < period.ends_at,
               ~corrected)
    )
    if pricing_point_id is None:
        return query
    return query.where(Statement.pricing_point_id == pricing_point_id)


def pricing_points_due(session: Session, period: Period) -> list[int]:
    payments = _payments_due(None, period).with_only_columns(Venue.pricing_point_id)
    corrections = _corrections_due(None, period).with_only_columns(Statement.pricing_point_id)
    found = union(payments, corrections).subquery()
    return list(session.scalars(select(found.c[0]).order_by(found.c[0])))


def year_revenue_before(session: Session, pricing_point_id: int, year: int) -> int:
    """What the pricing point's statements already counted for `year` (corrections deducted)."""
    return session.scalar(
        select(func.coalesce(func.sum(StatementLine.booked_cents), 0))
        .join(Statement, Statement.id == StatementLine.statement_id)
        .where(Statement.pricing_point_id == pricing_point_id,
               StatementLine.used_on >= dt.date(year, 1, 1),
               StatementLine.used_on <= dt.date(year, 12, 31))
    )


def _mark_paid(session: Session, pricing_point_id: int, period: Period,
               now: dt.datetime) -> list[Entry]:
    """Mark the bookings due as reimbursed and return them as payments, in one statement.

    The UPDATE locks each booking and, on PostgreSQL, reads its status again once it holds the
    lock: a validation undone meanwhile at the counter is waited for, then left out (and the
    counter, coming second, finds the booking reimbursed).
    """
    offers = select(Offer.id).join(Venue, Venue.id == Offer.venue_id).where(
        Venue.pricing_point_id == pricing_point_id)
    marked = session.execute(
        update(Booking)
        .where(Booking.status == BookingStatus.USED, Booking.used_at < period.ends_at,
               Booking.offer_id.in_(offers))
        .values(status=BookingStatus.REIMBURSED, reimbursed_at=now)
        .returning(Booking.id, Booking.used_at, Booking.unit_price_cents, Booking.quantity,
                   Booking.offer_id)
        .execution_options(synchronize_session=False)
    ).all()
    if not marked:
        return []
    subcategories = dict(session.execute(
        select(Offer.id, Offer.subcategory_id).where(Offer.id.in_(offers))).all())
    return [
        Entry(row.used_at, row.id, LineKind.PAYMENT, paris_day(row.used_at),
              row.unit_price_cents * row.quantity, subcategories[row.offer_id])
        for row in marked
    ]


def _entries(session: Session, pricing_point_id: int, period: Period,
             now: dt.datetime) -> list[Entry]:
    """Payments and corrections in the order they happened."""
    entries = _mark_paid(session, pricing_point_id, period, now)
    for row in session.execute(_corrections_due(pricing_point_id, period)):
        entries.append(Entry(
            row.cancelled_at, row.id, LineKind.CORRECTION, row.used_on, -row.booked_cents,
            rate_basis_points=row.rate_basis_points, reimbursed_cents=-row.reimbursed_cents,
        ))
    entries.sort(key=lambda entry: (entry.moment, entry.booking_id))
    return entries


def price_entries(entries: list[Entry], revenue_before: dict[int, int]) -> None:
    """Price payments in order, each at the band its year's revenue reaches once it is counted
    (the whole booking at that band, never split); corrections take back what was paid."""
    revenue = dict(revenue_before)
    for entry in entries:
        year = entry.used_on.year
        revenue[year] = revenue.get(year, 0) + entry.booked_cents
        entry.year_revenue_cents = revenue[year]
        if entry.kind is LineKind.PAYMENT:
            rule = SUBCATEGORIES[entry.subcategory_id].reimbursement
            rate = reimbursement_rate(rule, revenue[year], entry.used_on)
            entry.rate_basis_points = int(rate * BASIS_POINTS)
            entry.reimbursed_cents = reimbursed_cents(
                rule, entry.booked_cents, revenue[year], entry.used_on
            )


def _insert_statement(session: Session, values: dict) -> int | None:
    """Insert the statement unless one exists for its pricing point and period (None then)."""
    dialect = session.get_bind().dialect.name
    insert_into = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Statement)
    statement = (
        insert_into.values(**values)
        .on_conflict_do_nothing(index_elements=["pricing_point_id", "period_start"])
        .returning(Statement.id)
    )
    return session.execute(statement).scalar_one_or_none()


# PostgreSQL gets every line in one INSERT: each column travels as one comma-separated text,
# split and unnested into rows by the server. One round trip, one short statement to parse, and
# no per-element work in the driver, whatever the number of lines.
_COLUMNS = (("booking_ids", "integer"), ("kinds", "varchar"), ("days", "date"),
            ("booked", "integer"), ("rates", "integer"), ("reimbursed", "integer"),
            ("revenues", "bigint"))
_UNNEST_LINES = text(
    "INSERT INTO reimbursement_line (statement_id, booking_id, kind, used_on, booked_cents,"
    " rate_basis_points, reimbursed_cents, year_revenue_cents)"
    " SELECT :statement_id, * FROM unnest("
    + ", ".join(f"CAST(string_to_array(:{name}, ',') AS {kind}[])" for name, kind in _COLUMNS)
    + ")"
)


def _joined(values) -> str:
    return ",".join(map(str, values))


def _insert_lines(session: Session, statement_id: int, entries: list[Entry]) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_UNNEST_LINES, {
            "statement_id": statement_id,
            "booking_ids": _joined(entry.booking_id for entry in entries),
            "kinds": _joined(entry.kind.value for entry in entries),
            "days": _joined(entry.used_on.isoformat() for entry in entries),
            "booked": _joined(entry.booked_cents for entry in entries),
            "rates": _joined(entry.rate_basis_points for entry in entries),
            "reimbursed": _joined(entry.reimbursed_cents for entry in entries),
            "revenues": _joined(entry.year_revenue_cents for entry in entries),
        })
        return
    # SQLite: the driver's executemany, in process; SQLAlchemy's per-row bind processing cost
    # more than the inserts themselves. Dates go in as SQLAlchemy stores them, ISO text.
    session.connection().exec_driver_sql(
        "INSERT INTO reimbursement_line (statement_id, booking_id, kind, used_on, booked_cents,"
        " rate_basis_points, reimbursed_cents, year_revenue_cents)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(statement_id, entry.booking_id, entry.kind.value, entry.used_on.isoformat(),
          entry.booked_cents, entry.rate_basis_points, entry.reimbursed_cents,
          entry.year_revenue_cents) for entry in entries],
    )


def issue_statement(
    session: Session, pricing_point_id: int, period: Period, now: dt.datetime
) -> Statement | None:
    """Issue the statement of one pricing point for `period`; None if there is nothing to pay or
    take back, or if it was issued already."""
    if _lock_pricing_point(session, pricing_point_id) is None:
        return None
    already = session.scalar(select(Statement.id).where(
        Statement.pricing_point_id == pricing_point_id,
        Statement.period_start == period.first_day,
    ))
    if already is not None:
        return None
    entries = _entries(session, pricing_point_id, period, now)
    if not entries:
        return None
    years = {entry.used_on.year for entry in entries}
    price_entries(entries, {year: year_revenue_before(session, pricing_point_id, year)
                            for year in years})
    account = current_account(session, pricing_point_id)
    statement_id = _insert_statement(session, {
        "pricing_point_id": pricing_point_id,
        "period_start": period.first_day,
        "period_end": period.last_day,
        "issued_at": now,
        "bank_account_id": account.id if account else None,
        "booked_cents": sum(entry.booked_cents for entry in entries),
        "reimbursed_cents": sum(entry.reimbursed_cents for entry in entries),
    })
    if statement_id is None:
        # Unreachable while the pricing point is locked; if it ever happens, the bookings
        # marked above must not stay reimbursed without a line: the whole unit rolls back.
        raise RuntimeError(f"statement of {pricing_point_id} for {period} issued concurrently")
    _insert_lines(session, statement_id, entries)
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Booking):
            session.expire(loaded)
    return session.get(Statement, statement_id)


def issue_statements(session: Session, period: Period, now: dt.datetime) -> list[Statement]:
    """Issue the statements of `period` for every pricing point with something due.

    Idempotent: a pricing point's statement for a period is issued once (its row is locked,
    then the statement looked for; a unique constraint stands behind), and a booking is paid
    once and taken back once (unique per booking and kind of line).
    """
    if period.ends_at > now:
        raise exceptions.PeriodNotFinished()
    start_write_transaction(session)
    issued = []
    for pricing_point_id in pricing_points_due(session, period):
        statement = issue_statement(session, pricing_point_id, period, now)
        if statement is not None:
            issued.append(statement)
    return issued
