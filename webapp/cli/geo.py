"""`flask geo load`: the shipped French geography alone (the demo loads it too)."""

import click

from models.territories.api import load_geography
from models.unit_of_work import atomic
from webapp.extensions import db


@click.group("geo")
def geo_group():
    """Manage the shipped geography."""


@geo_group.command("load")
def load():
    """Load régions, départements, EPCI and communes if this vintage is not loaded yet."""
    with atomic(db.session):
        count = load_geography(db.session)
    click.echo(f"{count} communes loaded." if count else "Geography already loaded.")
