"""Two servers running `flask jobs run` at the same instant do each job's work once, on both
engines (docs/domain/jobs.md): each runner has its own thread and session, they wait for each
other at a barrier, then run every registered job."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlalchemy import func, select

from models.bookings.api import book
from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.integrity.checks import check_integrity
from models.jobs.api import run_jobs
from models.jobs.models import JobOutcome, JobRun
from models.jobs.registry import JOB_NAMES
from tests import factories

pytestmark = pytest.mark.timeout(300)

DAY = dt.timedelta(days=1)


def run_together(app, now: dt.datetime, runners: int) -> list[list[JobRun]]:
    sessionmaker = app.extensions["database"]["sessionmaker"]
    barrier = Barrier(runners)

    def run(number: int):
        with sessionmaker() as session:
            barrier.wait()
            runs = run_jobs(session, now, holder=f"serveur-{number}")
            return [(job_run.job_name, job_run.outcome) for job_run in runs]

    with ThreadPoolExecutor(max_workers=runners) as pool:
        return list(pool.map(run, range(runners)))


def bookings_due(session, now):
    """One paper book past its expiry, one in its reminder window; both people alike."""
    bookings = []
    for booked_days_ago in (11, 8):
        person = factories.young(session)
        factories.deposit(session, person, now - booked_days_ago * DAY)
        stock = factories.stock(session, price_cents=1000)
        bookings.append(book(session, person.id, stock.id, 1, now - booked_days_ago * DAY))
    session.commit()
    return bookings


@pytest.mark.parametrize("runners", [2, 4])
def test_runners_at_the_same_instant_do_each_job_once(app, db_session, runners):
    now = utcnow()
    expired, reminded = bookings_due(db_session, now)
    results = run_together(app, now, runners)
    for name in JOB_NAMES:
        outcomes = Counter(outcome for runs in results for job, outcome in runs if job == name)
        assert outcomes == {JobOutcome.DONE: 1, JobOutcome.SKIPPED: runners - 1}, name
    db_session.expire_all()
    assert db_session.get(Booking, expired.id).cancellation_reason is CancellationReason.EXPIRED
    assert db_session.get(Booking, reminded.id).status is BookingStatus.CONFIRMED
    assert db_session.scalar(
        select(func.count()).select_from(OutboundEmail)
        .where(OutboundEmail.recipient == reminded.user.email,
               ~OutboundEmail.subject.contains("confirm"))
    ) == 1
    assert db_session.scalar(select(func.count()).select_from(JobRun)) == runners * len(JOB_NAMES)
    assert [str(breach) for breach in check_integrity(db_session)] == []
