"""The scheduled jobs' lock and the record of every run (docs/domain/jobs.md)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.db import Base, UtcDateTime, enum_type

NAME_LENGTH = 60
HOLDER_LENGTH = 120


class JobOutcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"


class JobLock(Base):
    """One row per job: who holds it (a lease that ends by itself) and up to when it is done.

    A runner takes the job with one conditional UPDATE (`models.jobs.api.take_lease`): the
    lease must be free or over, and the job must not be done already for an instant at or
    after the runner's own. A holder that crashed leaves a lease that simply runs out.
    """

    __tablename__ = "job_lock"

    name: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(HOLDER_LENGTH))
    leased_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # The instant (`as_of`) of the last run that completed: everything due then was done.
    done_through: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class JobRun(Base):
    """What one runner did with one job: done with counts, skipped and why, or failed and why."""

    __tablename__ = "job_run"
    __table_args__ = (Index("ix_job_run_job_name_started_at", "job_name", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    holder: Mapped[str] = mapped_column(String(HOLDER_LENGTH))
    # The instant the job worked for (the runner's "now"); started and finished are the clock's.
    as_of: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    duration_ms: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[JobOutcome] = mapped_column(enum_type(JobOutcome))
    # The job's counts as JSON when done; why it was skipped or how it failed otherwise.
    summary: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
