"""`flask demo load`: the demo data used by `make run` and by the browser tests."""

import time

import click

from webapp.demo import load_demo
from webapp.extensions import db


@click.group("demo")
def demo_group():
    """Load demonstration data."""


@demo_group.command("load")
def load():
    """Load the geography, demo accounts and content (does nothing if already loaded)."""
    started = time.perf_counter()
    loaded = load_demo(db.session)
    db.session.commit()
    elapsed = time.perf_counter() - started
    if loaded:
        click.echo(f"Demo data loaded in {elapsed:.1f} s.")
    else:
        click.echo("Demo data already present: nothing loaded.")
