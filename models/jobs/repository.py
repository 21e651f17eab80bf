"""Queries on the scheduled jobs' runs, for the staff page (docs/domain/jobs.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.jobs.models import JobOutcome, JobRun
from models.jobs.registry import JOB_NAMES

RUNS_PER_JOB = 5


@dataclass(frozen=True)
class JobHistory:
    """A job with its latest runs, newest first (none if it never ran)."""

    name: str
    runs: list[JobRun]

    @property
    def last(self) -> JobRun | None:
        return self.runs[0] if self.runs else None

    @property
    def last_failed(self) -> bool:
        return self.last is not None and self.last.outcome is JobOutcome.FAILED


def summary_counts(run: JobRun) -> dict[str, int]:
    """The counts a run recorded, as a dict (empty when it recorded none)."""
    return json.loads(run.summary) if run.summary else {}


def latest_runs(session: Session, per_job: int = RUNS_PER_JOB) -> list[JobHistory]:
    """Each registered job (then any job no longer registered) with its last `per_job` runs."""
    rank = func.row_number().over(
        partition_by=JobRun.job_name, order_by=(JobRun.started_at.desc(), JobRun.id.desc())
    ).label("rank")
    ranked = select(JobRun.id, rank).subquery()
    runs = session.scalars(
        select(JobRun)
        .join(ranked, ranked.c.id == JobRun.id)
        .where(ranked.c.rank <= per_job)
        .order_by(JobRun.job_name, JobRun.started_at.desc(), JobRun.id.desc())
    ).all()
    by_name: dict[str, list[JobRun]] = {}
    for run in runs:
        by_name.setdefault(run.job_name, []).append(run)
    names = list(JOB_NAMES) + sorted(set(by_name) - set(JOB_NAMES))
    return [JobHistory(name, by_name.get(name, [])) for name in names]
