"""`flask jobs run`: the scheduled work of docs/domain/jobs.md, run once a day by cron (best in
the small hours) on every server; `flask jobs daily` is the same command under its former name.

Each job takes its lease in the database, runs in its own unit of work and records its run
(`models.jobs.api`): two servers running it at once do each job once, one failing job leaves the
others committed, and the e-mails a job queues leave once it has committed. The command exits
with status 1 when a job failed, so that cron reports it.
"""

import sys

import click
from flask.cli import AppGroup

from models.db import utcnow
from models.jobs.api import run_jobs
from models.jobs.models import JobOutcome
from models.jobs.registry import JOB_NAMES
from models.jobs.repository import summary_counts
from webapp.extensions import db

jobs_group = AppGroup("jobs", help="Scheduled jobs.")

ONLY = click.option(
    "--only", "only", multiple=True, type=click.Choice(JOB_NAMES),
    help="Run only this job (repeat the option for several); all of them by default.",
)


def _run(only: tuple[str, ...]) -> None:
    runs = run_jobs(db.session, utcnow(), only=list(only) or None)
    for run in runs:
        click.echo(f"{run.job_name}: {run.outcome.value} in {run.duration_ms} ms "
                   f"({_what(run)})")
    if any(run.outcome is JobOutcome.FAILED for run in runs):
        sys.exit(1)


def _what(run) -> str:
    """"bookings expired: 2, ..." for a job done; why it was skipped or failed otherwise."""
    if run.outcome is not JobOutcome.DONE:
        return run.detail or ""
    counts = summary_counts(run)
    return ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in counts.items())


@jobs_group.command("run")
@ONLY
def run(only: tuple[str, ...]):
    """Run the scheduled jobs in order, each under its database lease, and record each run."""
    _run(only)


@jobs_group.command("daily")
@ONLY
def daily(only: tuple[str, ...]):
    """The same as `flask jobs run` (its former name, kept for existing crontabs)."""
    _run(only)
