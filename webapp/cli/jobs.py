"""`flask jobs daily`: the scheduled work of docs/domain/2-credit.md and docs/domain/5-bookings.md,
run once a day by cron, best in the small hours. They run in one unit of work: everything is
committed together, and the e-mails they queue are sent once it has committed.

Each job is idempotent, so running it twice, or late, does no harm: a birthday is applied once,
and a booking expires once its midnight has passed, whenever the job runs after it.
"""

import click
from flask.cli import AppGroup

from models.bookings.api import expire_unused_bookings, mark_past_events_used
from models.credit.api import grant_birthday_top_ups
from models.db import utcnow
from models.unit_of_work import atomic
from webapp.extensions import db

jobs_group = AppGroup("jobs", help="Scheduled jobs.")


@jobs_group.command("daily")
def daily():
    """Apply birthdays to credits, expire unused bookings, mark past events used."""
    now = utcnow()
    with atomic(db.session):
        top_ups = grant_birthday_top_ups(db.session, now)
        expired = expire_unused_bookings(db.session, now)
        used = mark_past_events_used(db.session, now)
    click.echo(f"{top_ups} credits topped up or moved, {expired} bookings expired, "
               f"{used} marked used.")
