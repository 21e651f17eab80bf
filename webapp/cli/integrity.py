"""`flask check-integrity`: are the money and the places right? Exits 1 on any breach."""

import sys

import click
from flask.cli import with_appcontext

from models.integrity.checks import CHECKS, check_integrity
from webapp.extensions import db


@click.command("check-integrity")
@with_appcontext
def check_integrity_command():
    """Check credit balances, caps, stock counts and tokens against the bookings."""
    breaches = check_integrity(db.session)
    db.session.rollback()
    for breach in breaches:
        click.echo(str(breach), err=True)
    if breaches:
        click.echo(f"{len(breaches)} breach(es) found.", err=True)
        sys.exit(1)
    click.echo(f"Integrity: {len(CHECKS)} checks passed.")
