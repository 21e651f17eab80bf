"""`flask jobs run` and its former name `flask jobs daily` (docs/domain/jobs.md)."""

from __future__ import annotations

from sqlalchemy import select

from models.jobs.models import JobOutcome, JobRun
from models.jobs.registry import JOB_NAMES, JOBS, Job


def recorded(db_session) -> list[tuple[str, JobOutcome]]:
    db_session.expire_all()
    return [(run.job_name, run.outcome)
            for run in db_session.scalars(select(JobRun).order_by(JobRun.id))]


def test_jobs_run_runs_every_job_and_prints_a_line_each(runner, db_session):
    result = runner.invoke(args=["jobs", "run"])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.output.splitlines()] == list(JOB_NAMES)
    assert recorded(db_session) == [(name, JobOutcome.DONE) for name in JOB_NAMES]


def test_jobs_daily_is_the_same_command_and_only_picks_jobs(runner, db_session):
    result = runner.invoke(args=["jobs", "daily", "--only", "expiry_reminders",
                                 "--only", "birthday_top_ups"])
    assert result.exit_code == 0, result.output
    # In the registry's order, whatever the order of the options.
    assert recorded(db_session) == [("birthday_top_ups", JobOutcome.DONE),
                                    ("expiry_reminders", JobOutcome.DONE)]


def test_an_unknown_job_name_is_refused_before_anything_runs(runner, db_session):
    result = runner.invoke(args=["jobs", "run", "--only", "tout"])
    assert result.exit_code == 2
    assert recorded(db_session) == []


def _broken(session, now):
    raise ValueError("données illisibles")


def test_a_failed_job_makes_the_command_exit_1_after_running_the_others(
    runner, db_session, monkeypatch
):
    monkeypatch.setattr("models.jobs.registry.JOBS", (Job("broken", _broken), *JOBS[:1]))
    result = runner.invoke(args=["jobs", "run"])
    assert result.exit_code == 1
    assert "broken: failed" in result.output and "données illisibles" in result.output
    assert recorded(db_session) == [("broken", JobOutcome.FAILED),
                                    ("birthday_top_ups", JobOutcome.DONE)]
