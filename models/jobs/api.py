"""Running the scheduled jobs: one lease per job in the database, one unit of work per job, and
a record of every run (docs/domain/jobs.md).

For each job, a runner:

1. takes the job's lease in a short transaction of its own (`take_lease`): one conditional
   UPDATE of the job's `job_lock` row, which succeeds only if nobody holds a lease that is still
   running and the job is not already done for an instant at or after the runner's. Two runners
   at once (two servers' cron) are decided by the database: on PostgreSQL the second UPDATE waits
   for the first's row lock and then finds the lease taken; on SQLite the write lock puts them
   one after the other. The loser records a skipped run and says why;
2. runs the job in its own unit of work, with the record of the run and the release of the lease
   in the same transaction: the counts recorded are the changes committed;
3. if the job fails, rolls all of it back, then records the failure with its error and releases
   the lease in a new unit of work. The next job runs all the same.

A runner that dies while holding a lease blocks nobody for long: the lease ends at
`leased_until` (`LEASE` after it was taken) and the next runner takes the job over.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import time
import uuid

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.db import utcnow
from models.jobs.models import HOLDER_LENGTH, JobLock, JobOutcome, JobRun
from models.jobs.registry import Job, jobs_named
from models.unit_of_work import atomic

logger = logging.getLogger("models.jobs")

LEASE = dt.timedelta(hours=1)
DETAIL_LENGTH = 2000


def new_holder() -> str:
    """A name for this runner: the machine, the process, and a random part for each call."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[-HOLDER_LENGTH:]


def _ensure_lock_row(session: Session, name: str) -> None:
    # INSERT ... ON CONFLICT DO NOTHING on both engines: a new job needs no migration, and two
    # runners creating the row at once both go on to the conditional UPDATE below.
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(JobLock).values(name=name).on_conflict_do_nothing(
        index_elements=["name"]))


def take_lease(session: Session, name: str, holder: str, now: dt.datetime,
               lease: dt.timedelta = LEASE) -> bool:
    """Take the job's lease for `holder` if it is free and the job is not done through `now`."""
    _ensure_lock_row(session, name)
    taken = session.execute(
        update(JobLock)
        .where(
            JobLock.name == name,
            or_(JobLock.leased_until.is_(None), JobLock.leased_until <= now),
            or_(JobLock.done_through.is_(None), JobLock.done_through < now),
        )
        .values(holder=holder, leased_until=now + lease)
        .execution_options(synchronize_session=False)
    ).rowcount
    return taken == 1


def _release(session: Session, name: str, holder: str, done_through: dt.datetime | None) -> None:
    values: dict = {"holder": None, "leased_until": None}
    if done_through is not None:
        values["done_through"] = done_through
    session.execute(
        update(JobLock).where(JobLock.name == name, JobLock.holder == holder).values(**values)
        .execution_options(synchronize_session=False)
    )


def why_held(session: Session, name: str, now: dt.datetime) -> str:
    """Why the lease could not be taken, in words for the record of the skipped run."""
    lock = session.get(JobLock, name, populate_existing=True)
    if lock is not None and lock.leased_until is not None and lock.leased_until > now:
        return f"tenue par {lock.holder} jusqu'à {lock.leased_until.isoformat()}"
    if lock is not None and lock.done_through is not None:
        return f"déjà faite pour le {lock.done_through.isoformat()}"
    return "tenue par un autre exécutant"


class _Stopwatch:
    def __init__(self):
        self.started_at = utcnow()
        self._start = time.monotonic()

    def record(self, session: Session, job: Job, holder: str, now: dt.datetime,
               outcome: JobOutcome, summary: dict | None = None,
               detail: str | None = None) -> JobRun:
        run = JobRun(
            job_name=job.name, holder=holder, as_of=now, started_at=self.started_at,
            finished_at=utcnow(), duration_ms=round((time.monotonic() - self._start) * 1000),
            outcome=outcome, summary=json.dumps(summary, sort_keys=True) if summary else None,
            detail=detail[:DETAIL_LENGTH] if detail else None,
        )
        session.add(run)
        session.flush()
        return run


def run_job(session: Session, job: Job, now: dt.datetime, holder: str) -> JobRun:
    """Run one job under its lease and record what happened; never raises for the job's error."""
    watch = _Stopwatch()
    with atomic(session):
        if not take_lease(session, job.name, holder, now):
            return watch.record(session, job, holder, now, JobOutcome.SKIPPED,
                                detail=why_held(session, job.name, now))
    try:
        with atomic(session):
            summary = job.run(session, now)
            _release(session, job.name, holder, done_through=now)
            return watch.record(session, job, holder, now, JobOutcome.DONE, summary=summary)
    except Exception as error:  # the failure is recorded, and the next jobs run all the same
        logger.exception("Job %s failed", job.name)
        with atomic(session):
            _release(session, job.name, holder, done_through=None)
            return watch.record(session, job, holder, now, JobOutcome.FAILED,
                                detail=f"{type(error).__name__}: {error}")


def run_jobs(session: Session, now: dt.datetime, only: list[str] | None = None,
             holder: str | None = None, jobs: tuple[Job, ...] | None = None) -> list[JobRun]:
    """Run the registered jobs (or those named in `only`) in order, each on its own."""
    holder = holder or new_holder()
    return [run_job(session, job, now, holder) for job in (jobs or jobs_named(only))]
