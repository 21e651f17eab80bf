"""docs/domain/jobs.md: the lease in the database, the record of each run, and a failing job
that leaves the others committed."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from models.bookings.api import book
from models.bookings.models import Booking, BookingStatus
from models.db import utcnow
from models.jobs.api import run_jobs, take_lease
from models.jobs.models import JobLock, JobOutcome, JobRun
from models.jobs.registry import JOB_NAMES, Job, jobs_named
from models.unit_of_work import atomic
from tests import factories

DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


def expired_paper_book(session) -> Booking:
    """A paper book booked 11 days ago: the expiry job has one booking to cancel."""
    person = factories.young(session)
    factories.deposit(session, person, utcnow() - 11 * DAY)
    stock = factories.stock(session, price_cents=1200)
    booking = book(session, person.id, stock.id, 1, utcnow() - 11 * DAY)
    session.commit()
    return booking


def test_every_registered_job_runs_in_order_and_records_its_run(db_session):
    now = utcnow()
    runs = run_jobs(db_session, now)
    assert [job_run.job_name for job_run in runs] == list(JOB_NAMES)
    recorded = db_session.scalars(select(JobRun).order_by(JobRun.id)).all()
    assert [(r.job_name, r.outcome) for r in recorded] == [
        (name, JobOutcome.DONE) for name in JOB_NAMES]
    first = recorded[0]
    assert first.as_of == now
    assert first.started_at <= first.finished_at
    assert first.duration_ms >= 0
    assert json.loads(first.summary) == {"credits_changed": 0}


def test_a_runner_finding_the_job_held_skips_it_and_says_so(db_session):
    booking = expired_paper_book(db_session)
    now = utcnow()
    with atomic(db_session):
        assert take_lease(db_session, "expire_unused_bookings", "serveur-b", now)
    [skipped] = run_jobs(db_session, now + HOUR / 2, only=["expire_unused_bookings"])
    assert skipped.outcome is JobOutcome.SKIPPED
    assert "serveur-b" in skipped.detail
    db_session.expire_all()
    assert db_session.get(Booking, booking.id).status is BookingStatus.CONFIRMED


def test_the_lease_of_a_crashed_holder_runs_out_and_the_job_is_taken_over(db_session):
    booking = expired_paper_book(db_session)
    now = utcnow()
    with atomic(db_session):
        take_lease(db_session, "expire_unused_bookings", "serveur-mort", now - 2 * HOUR)
    [taken_over] = run_jobs(db_session, now, only=["expire_unused_bookings"])
    assert taken_over.outcome is JobOutcome.DONE
    assert json.loads(taken_over.summary) == {"bookings_expired": 1}
    db_session.expire_all()
    assert db_session.get(Booking, booking.id).status is BookingStatus.CANCELLED
    lock = db_session.get(JobLock, "expire_unused_bookings")
    assert (lock.holder, lock.leased_until, lock.done_through) == (None, None, now)


def test_a_second_run_for_an_instant_already_done_skips_and_a_later_one_runs_again(db_session):
    now = utcnow()
    run_jobs(db_session, now, only=["expire_unused_bookings"])
    [again] = run_jobs(db_session, now, only=["expire_unused_bookings"])
    assert again.outcome is JobOutcome.SKIPPED
    assert "déjà faite" in again.detail
    [later] = run_jobs(db_session, now + dt.timedelta(seconds=1), only=["expire_unused_bookings"])
    assert later.outcome is JobOutcome.DONE


def _half_done_then_broken(session, now):
    """Marks a booking used, then fails: the change must not survive."""
    session.execute(Booking.__table__.update().values(status="used", used_at=now))
    raise RuntimeError("le serveur de fichiers ne répond pas")


def test_a_failing_job_is_recorded_and_the_others_are_committed(db_session):
    booking = expired_paper_book(db_session)
    jobs = (Job("broken", _half_done_then_broken), *jobs_named(["expire_unused_bookings"]))
    broken, expiry = run_jobs(db_session, utcnow(), jobs=jobs)
    assert broken.outcome is JobOutcome.FAILED
    assert broken.detail == "RuntimeError: le serveur de fichiers ne répond pas"
    assert expiry.outcome is JobOutcome.DONE
    db_session.expire_all()
    kept = db_session.get(Booking, booking.id)
    assert kept.status is BookingStatus.CANCELLED and kept.used_at is None
    # The failed job's lease is released: the next run may try again at once.
    assert db_session.get(JobLock, "broken").leased_until is None
    assert db_session.scalar(select(func.count()).select_from(JobRun)) == 2
