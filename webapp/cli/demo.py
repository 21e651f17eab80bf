"""`flask demo load` and `flask demo scale`: the demo data, and a big data set for benchmarks."""

import time

import click

from models.unit_of_work import atomic
from webapp.demo import DEMO_SEED, demo_counts, load_demo
from webapp.demo.scale import DEFAULT_SCALE, load_scale
from webapp.extensions import db


@click.group("demo")
def demo_group():
    """Load demonstration data."""


def _print_counts() -> None:
    for table, count in demo_counts(db.session).items():
        click.echo(f"  {table:<22} {count:>9,}".replace(",", " "))


def _run_scale(offers: int, bookings: int, venues: int, seed: int) -> None:
    started = time.perf_counter()
    with atomic(db.session):
        added = load_scale(db.session, venues=venues, offers=offers, bookings=bookings,
                           seed=seed, report=lambda line: click.echo(f"  {line}"))
    _refresh_statistics()
    if added:
        click.echo(f"Benchmark data added in {time.perf_counter() - started:.1f} s.")
    else:
        click.echo("Benchmark data already present: nothing added.")


@demo_group.command("load")
@click.option("--seed", default=DEMO_SEED, show_default=True, help="Seed of the generators.")
@click.option("--scale", is_flag=True, help="Then add the benchmark data set (see `demo scale`).")
def load(seed: int, scale: bool):
    """Load the geography, demo accounts and content (does nothing if already loaded)."""
    started = time.perf_counter()
    with atomic(db.session):
        loaded = load_demo(db.session, seed=seed, report=lambda line: click.echo(f"  {line}"))
    _refresh_statistics()
    elapsed = time.perf_counter() - started
    if loaded:
        click.echo(f"Demo data loaded in {elapsed:.1f} s.")
        _print_counts()
    else:
        click.echo("Demo data already present: nothing loaded.")
    if scale:
        _run_scale(DEFAULT_SCALE["offers"], DEFAULT_SCALE["bookings"], DEFAULT_SCALE["venues"],
                   seed)
        _print_counts()


@demo_group.command("scale")
@click.option("--offers", default=DEFAULT_SCALE["offers"], show_default=True)
@click.option("--bookings", default=DEFAULT_SCALE["bookings"], show_default=True)
@click.option("--venues", default=DEFAULT_SCALE["venues"], show_default=True)
@click.option("--seed", default=DEMO_SEED, show_default=True)
def scale(offers: int, bookings: int, venues: int, seed: int):
    """Add venues all over France, offers and bookings in bulk, for benchmarks."""
    _run_scale(offers, bookings, venues, seed)
    _print_counts()


def _refresh_statistics() -> None:
    """Let PostgreSQL's planner see the rows just loaded in bulk, before the first page asks."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
