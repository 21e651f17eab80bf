"""Fixtures of the scheduled jobs' tests: moving the clock and running jobs at that instant."""

from __future__ import annotations

import datetime as dt

import pytest

from models.db import utcnow
from models.jobs.api import run_jobs


@pytest.fixture
def run_at(db_session, frozen_clock):
    """Move the clock to `moment`, run the named jobs (all if none), and return their runs by
    job name, committed as `flask jobs run` would commit them."""

    def run(moment: dt.datetime, *only: str):
        frozen_clock.move_to(moment)
        runs = run_jobs(db_session, utcnow(), only=list(only) or None)
        db_session.expire_all()
        return {job_run.job_name: job_run for job_run in runs}

    return run
