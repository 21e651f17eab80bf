"""The scheduled jobs, by name, in the order `flask jobs run` runs them (docs/domain/jobs.md).

A job is a function `(session, now) -> summary`, the summary a small dict of counts. It runs in
its own unit of work and must be idempotent: run twice, late, or after a crash, it does what is
still due and nothing more. Adding a job is one line in `JOBS`, e.g.
`Job("reimbursement_statements", issue_statements)`, with a function of that shape.

Credit expiry has no job: a credit is over when its `expires_at` has passed, and every query
asks for `Deposit.expires_at > now` (`models.credit.repository.current_deposit`), so nothing is
left to change when the instant passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.bookings.api import expire_unused_bookings, mark_past_events_used
from models.bookings.reminders import send_expiry_reminders
from models.credit.api import grant_birthday_top_ups
from models.emails.api import retry_due_emails
from models.identity.retention import erase_decided_documents
from models.statistics.refresh import refresh_aggregates
from models.statistics.take_up_aggregates import refresh_take_up
from models.users.retention import purge_unconfirmed_accounts

Summary = dict[str, int]


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Session, dt.datetime], Summary]


def _counting(key: str, command: Callable[[Session, dt.datetime], int]):
    """A command that returns a count, as a job that returns `{key: count}`."""

    def run(session: Session, now: dt.datetime) -> Summary:
        return {key: command(session, now)}

    run.__doc__ = command.__doc__
    return run


JOBS: tuple[Job, ...] = (
    Job("birthday_top_ups", _counting("credits_changed", grant_birthday_top_ups)),
    Job("expiry_reminders", _counting("reminders_sent", send_expiry_reminders)),
    Job("expire_unused_bookings", _counting("bookings_expired", expire_unused_bookings)),
    Job("mark_past_events_used", _counting("bookings_used", mark_past_events_used)),
    Job("purge_unconfirmed_accounts", _counting("accounts_anonymised",
                                                purge_unconfirmed_accounts)),
    Job("erase_decided_identity_documents", _counting("documents_erased",
                                                      erase_decided_documents)),
    Job("retry_emails", _counting("emails_retried", retry_due_emails)),
    Job("statistics_aggregates", _counting("periods_refreshed", refresh_aggregates)),
    Job("statistics_take_up", _counting("days_counted", refresh_take_up)),
)

JOB_NAMES = tuple(job.name for job in JOBS)


def jobs_named(names: tuple[str, ...] | list[str] | None) -> tuple[Job, ...]:
    """The registered jobs among `names` (all of them when None), in the registry's order."""
    if not names:
        return JOBS
    unknown = set(names) - set(JOB_NAMES)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return tuple(job for job in JOBS if job.name in names)
