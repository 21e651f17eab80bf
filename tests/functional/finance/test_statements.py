"""docs/domain/6-reimbursement.md: issuing the statements of a period, once, whatever happens."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlalchemy import func, select

from models.bookings import exceptions as booking_errors
from models.bookings.api import undo_validation
from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.db import utcnow
from models.errors import DomainError
from models.finance import exceptions
from models.finance.api import cancel_reimbursed_booking, issue_statements, set_bank_account
from models.finance.models import BankAccount, LineKind, Statement, StatementLine
from models.finance.periods import Period
from models.integrity.checks import check_integrity
from models.unit_of_work import atomic
from tests import factories
from tests.functional.finance.builders import paris, pricing_point, used_booking

FEB_1, FEB_2, MAR_1 = Period(2026, 2, 1), Period(2026, 2, 2), Period(2026, 3, 1)
# After the first half of March: the frozen clock is on 11 March.
AFTER_MAR_1 = paris(2026, 3, 16, 9)
IBAN = "FR7630006000011234567890189"
K = 1000 * 100


@pytest.fixture
def point(db_session):
    return pricing_point(db_session)


@pytest.fixture
def cinema(db_session, point):
    return factories.offer(db_session, venue=point, subcategory_id="SEANCE_CINE")


def issue(session, period, now=None):
    with atomic(session):
        statements = issue_statements(session, period, now or utcnow())
    return statements


def lines_of(session, statement) -> list[StatementLine]:
    return list(session.scalars(select(StatementLine)
                                .where(StatementLine.statement_id == statement.id)
                                .order_by(StatementLine.id)))


def count(session, model) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def test_a_period_pays_the_bookings_used_in_it_and_marks_them_reimbursed(db_session, cinema):
    paid = used_booking(db_session, cinema, used_at=paris(2026, 2, 20), price_cents=800,
                        quantity=2)
    later = used_booking(db_session, cinema, used_at=paris(2026, 3, 2))
    db_session.commit()
    [statement] = issue(db_session, FEB_2)
    [line] = lines_of(db_session, statement)
    assert (line.booking_id, line.kind, line.booked_cents, line.rate_basis_points,
            line.reimbursed_cents) == (paid.id, LineKind.PAYMENT, 1600, 10_000, 1600)
    assert (statement.period_start, statement.period_end) == (dt.date(2026, 2, 16),
                                                             dt.date(2026, 2, 28))
    db_session.refresh(paid)
    db_session.refresh(later)
    assert paid.status is BookingStatus.REIMBURSED and paid.reimbursed_at is not None
    assert later.status is BookingStatus.USED


def test_confirmed_and_cancelled_bookings_are_not_paid(db_session, cinema):
    booking = used_booking(db_session, cinema, used_at=paris(2026, 2, 20))
    booking.status, booking.used_at = BookingStatus.CONFIRMED, None
    db_session.commit()
    assert issue(db_session, FEB_2) == []


def test_periods_are_cut_at_paris_midnight(db_session, cinema):
    last_of_first_half = used_booking(db_session, cinema, used_at=paris(2026, 2, 15, 23, 59))
    first_of_second = used_booking(db_session, cinema, used_at=paris(2026, 2, 16, 0, 1))
    first_of_march = used_booking(db_session, cinema, used_at=paris(2026, 3, 1, 0, 30))
    db_session.commit()
    [first] = issue(db_session, FEB_1)
    [second] = issue(db_session, FEB_2)
    assert [line.booking_id for line in lines_of(db_session, first)] == [last_of_first_half.id]
    assert [line.booking_id for line in lines_of(db_session, second)] == [first_of_second.id]
    db_session.refresh(first_of_march)
    assert first_of_march.status is BookingStatus.USED


def test_a_booking_used_in_a_period_already_issued_goes_on_the_next_statement(db_session, cinema):
    used_booking(db_session, cinema, used_at=paris(2026, 2, 3))
    db_session.commit()
    issue(db_session, FEB_1)
    # Validated late (or its pricing point attached late): still due, never lost.
    late = used_booking(db_session, cinema, used_at=paris(2026, 2, 10))
    db_session.commit()
    [statement] = issue(db_session, FEB_2)
    assert [line.booking_id for line in lines_of(db_session, statement)] == [late.id]


def test_running_twice_issues_nothing_twice(db_session, cinema):
    used_booking(db_session, cinema, used_at=paris(2026, 2, 20))
    db_session.commit()
    assert len(issue(db_session, FEB_2)) == 1
    assert issue(db_session, FEB_2) == []
    assert (count(db_session, Statement), count(db_session, StatementLine)) == (1, 1)


def test_a_period_not_over_is_refused(db_session, cinema):
    used_booking(db_session, cinema, used_at=paris(2026, 3, 2))
    db_session.commit()
    with pytest.raises(exceptions.PeriodNotFinished):
        issue(db_session, MAR_1)
    assert count(db_session, Statement) == 0


def test_the_revenue_of_the_year_carries_over_from_one_statement_to_the_next(db_session, cinema):
    used_booking(db_session, cinema, used_at=paris(2026, 1, 5), price_cents=20 * K - 8000)
    reaching = used_booking(db_session, cinema, used_at=paris(2026, 2, 3), price_cents=8000)
    above = used_booking(db_session, cinema, used_at=paris(2026, 2, 4), price_cents=8000)
    db_session.commit()
    issue(db_session, Period(2026, 1, 1))
    [statement] = issue(db_session, FEB_1)
    assert [(line.booking_id, line.year_revenue_cents, line.reimbursed_cents)
            for line in lines_of(db_session, statement)] == [
        (reaching.id, 20 * K, 8000), (above.id, 20 * K + 8000, 7600)]
    assert (statement.booked_cents, statement.reimbursed_cents) == (16_000, 15_600)


def test_last_year_s_revenue_does_not_count(db_session, cinema):
    used_booking(db_session, cinema, used_at=paris(2025, 12, 20), price_cents=200 * K)
    january = used_booking(db_session, cinema, used_at=paris(2026, 1, 2), price_cents=8000)
    db_session.commit()
    issue(db_session, Period(2025, 12, 2))
    [statement] = issue(db_session, Period(2026, 1, 1))
    [line] = lines_of(db_session, statement)
    assert (line.booking_id, line.rate_basis_points, line.reimbursed_cents) == (
        january.id, 10_000, 8000)


def test_venues_are_paid_through_their_pricing_point(db_session, point):
    annex = factories.venue(db_session, structure=point.structure, siret=None,
                            pricing_point_id=point.id)
    orphan = factories.venue(db_session, structure=point.structure, siret=None)
    paid = used_booking(db_session, factories.offer(db_session, venue=annex),
                        used_at=paris(2026, 2, 20))
    waiting = used_booking(db_session, factories.offer(db_session, venue=orphan),
                           used_at=paris(2026, 2, 20))
    db_session.commit()
    [statement] = issue(db_session, FEB_2)
    assert statement.pricing_point_id == point.id
    assert [line.booking_id for line in lines_of(db_session, statement)] == [paid.id]
    db_session.refresh(waiting)
    assert waiting.status is BookingStatus.USED


def test_a_statement_names_the_account_current_when_it_was_issued(db_session, point, cinema):
    used_booking(db_session, cinema, used_at=paris(2026, 2, 20))
    with atomic(db_session):
        account = set_bank_account(db_session, point, IBAN, None, "Cinéma", None, utcnow())
    [statement] = issue(db_session, FEB_2)
    assert statement.bank_account_id == account.id


def test_the_counter_can_no_longer_undo_a_reimbursed_booking(db_session, cinema):
    booking = used_booking(db_session, cinema, used_at=paris(2026, 2, 20))
    db_session.commit()
    issue(db_session, FEB_2)
    with pytest.raises(booking_errors.AlreadyReimbursed), atomic(db_session):
        undo_validation(db_session, db_session.get(Booking, booking.id))


def test_a_paid_booking_cancelled_for_fraud_is_taken_back_on_a_later_statement(
    db_session, cinema
):
    first = used_booking(db_session, cinema, used_at=paris(2026, 2, 20), price_cents=8000)
    db_session.commit()
    [paid_on] = issue(db_session, FEB_2)
    with atomic(db_session):
        cancel_reimbursed_booking(db_session, first.id, CancellationReason.FRAUD, utcnow())
    [correcting] = issue(db_session, MAR_1, AFTER_MAR_1)
    [correction] = lines_of(db_session, correcting)
    assert (correction.booking_id, correction.kind, correction.booked_cents,
            correction.reimbursed_cents, correction.used_on) == (
        first.id, LineKind.CORRECTION, -8000, -8000, dt.date(2026, 2, 20))
    assert (correcting.booked_cents, correcting.reimbursed_cents) == (-8000, -8000)
    db_session.refresh(paid_on)
    assert (paid_on.booked_cents, paid_on.reimbursed_cents) == (8000, 8000)
    assert [line.reimbursed_cents for line in lines_of(db_session, paid_on)] == [8000]
    assert issue(db_session, MAR_1, AFTER_MAR_1) == []
    assert check_integrity(db_session) == []


def test_only_a_reimbursed_booking_is_corrected_and_only_for_fraud_or_by_staff(db_session, cinema):
    booking = used_booking(db_session, cinema, used_at=paris(2026, 2, 20))
    db_session.commit()
    with pytest.raises(exceptions.NotReimbursed), atomic(db_session):
        cancel_reimbursed_booking(db_session, booking.id, CancellationReason.STAFF, utcnow())
    issue(db_session, FEB_2)
    with pytest.raises(exceptions.CorrectionReasonRefused), atomic(db_session):
        cancel_reimbursed_booking(db_session, booking.id, CancellationReason.BENEFICIARY,
                                  utcnow())
    db_session.refresh(booking)
    assert booking.status is BookingStatus.REIMBURSED


def test_a_new_iban_replaces_the_current_one_and_history_is_kept(db_session, point):
    other = "FR1420041010050500013M02606"
    with atomic(db_session):
        first = set_bank_account(db_session, point, IBAN, "bnpafrpp", "Cinéma", None, utcnow())
    with atomic(db_session):
        again = set_bank_account(db_session, point, IBAN, "BNPAFRPP", " Cinéma ", None, utcnow())
    with atomic(db_session):
        second = set_bank_account(db_session, point, other, None, "Cinéma", None, utcnow())
    db_session.expire_all()
    assert again.id == first.id
    accounts = db_session.scalars(select(BankAccount).order_by(BankAccount.id)).all()
    assert [(account.iban, account.replaced_at is None) for account in accounts] == [
        (IBAN, False), (other, True)]
    assert second.bic is None and first.bic == "BNPAFRPP"


def test_a_wrong_iban_writes_nothing(db_session, point):
    with pytest.raises(exceptions.IbanChecksumFailed), atomic(db_session):
        set_bank_account(db_session, point, IBAN[:-1] + "0", None, "Cinéma", None, utcnow())
    assert count(db_session, BankAccount) == 0


def test_a_venue_paid_through_another_has_no_account_of_its_own(db_session, point):
    annex = factories.venue(db_session, structure=point.structure, pricing_point_id=point.id)
    with pytest.raises(exceptions.NotAPricingPoint), atomic(db_session):
        set_bank_account(db_session, annex, IBAN, None, "Annexe", None, utcnow())


def run_together(app, commands):
    """Each command (a function of a session) in its own thread and session, all at once."""
    sessionmaker = app.extensions["database"]["sessionmaker"]
    barrier = Barrier(len(commands))

    def run(command):
        with sessionmaker() as session:
            barrier.wait()
            try:
                with atomic(session):
                    return command(session)
            except DomainError as refusal:
                return type(refusal)

    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(run, commands))


def test_two_runs_at_once_issue_each_statement_once(app, db_session, cinema):
    other = factories.offer(db_session, venue=pricing_point(db_session))
    for day in range(16, 28):
        used_booking(db_session, cinema, used_at=paris(2026, 2, day))
        used_booking(db_session, other, used_at=paris(2026, 2, day))
    db_session.commit()
    results = run_together(app, [
        lambda session: len(issue_statements(session, FEB_2, utcnow()))] * 4)
    assert sorted(results) == [0, 0, 0, 2]
    assert (count(db_session, Statement), count(db_session, StatementLine)) == (2, 24)
    assert db_session.scalar(select(func.count()).select_from(Booking)
                             .where(Booking.status == BookingStatus.REIMBURSED)) == 24


def test_an_undo_at_the_counter_during_the_run_is_either_paid_or_undone_never_both(
    app, db_session, cinema
):
    booking = used_booking(db_session, cinema, used_at=paris(2026, 2, 20))
    db_session.commit()

    def undo(session):
        return undo_validation(session, session.get(Booking, booking.id)) and "undone"

    results = run_together(app, [
        lambda session: len(issue_statements(session, FEB_2, utcnow())), undo])
    db_session.expire_all()
    status = db_session.get(Booking, booking.id).status
    paid = count(db_session, StatementLine)
    assert (results, status, paid) in [
        ([1, booking_errors.AlreadyReimbursed], BookingStatus.REIMBURSED, 1),
        ([0, "undone"], BookingStatus.CONFIRMED, 0),
    ]


def test_the_command_issues_the_last_finished_period_by_default(runner, db_session, cinema):
    used_booking(db_session, cinema, used_at=paris(2026, 2, 20), price_cents=1250)
    db_session.commit()
    result = runner.invoke(args=["finance", "issue-statements"])
    assert result.exit_code == 0, result.output
    assert "2026-02-2: 1 statements issued, 12.50 EUR" in result.output
    again = runner.invoke(args=["finance", "issue-statements", "--period", "2026-02-2"])
    assert "0 statements issued" in again.output


@pytest.mark.parametrize(("period", "message"), [
    ("2026-02", "AAAA-MM-1"), ("2026-03-1", "pas terminée")])
def test_the_command_explains_a_wrong_period(runner, period, message):
    result = runner.invoke(args=["finance", "issue-statements", "--period", period])
    assert result.exit_code != 0
    assert message in result.output
