"""`flask jobs daily`: the scheduled work of DOMAIN.md sections 2 and 5, run once a day by cron.

Each job is idempotent, so running it twice, or late, does no harm.
"""

import click

from models.bookings.api import expire_unused_bookings, mark_past_events_used
from models.credit.api import grant_birthday_top_ups
from models.db import utcnow
from webapp.extensions import db


@click.group("jobs")
def jobs_group():
    """Scheduled jobs."""


@jobs_group.command("daily")
def daily():
    """Grant birthday top-ups, expire unused bookings, mark past events used."""
    now = utcnow()
    top_ups = grant_birthday_top_ups(db.session, now)
    expired = expire_unused_bookings(db.session, now)
    used = mark_past_events_used(db.session, now)
    db.session.commit()
    click.echo(f"{top_ups} top-ups granted, {expired} bookings expired, {used} marked used.")
