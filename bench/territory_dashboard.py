"""The territory dashboards at national scale: from the aggregates, and straight from the bookings.

It builds a throwaway database per engine (migrations, the demo data, then the benchmark data
set of `flask demo scale`: 20,000 venues, 100,000 offers, 1,000,000 bookings), or reuses a
loaded one (`--database-url`), then in the same run:

1. refreshes the aggregates from nothing (`statistics_aggregates` job, first run) and times it;
2. cancels `--cancel` bookings of the last days and times the refresh a day later (what a
   daily run does: the touched months, their quarters and years, the rolling periods);
3. times the dashboard page of the demo officer of Hérault (real app in process: routing,
   SQL, templates) for Hérault and for the country, over several periods, from the aggregates;
4. builds the same dashboards straight from the bookings (`build_dashboard(..., raw=True)`)
   and times them, and fails if a single figure differs from the aggregates' one.

Usage: .venv/bin/python bench/territory_dashboard.py [--engines sqlite,postgresql]
       [--database-url URL [--keep-aggregates]] [--rounds N] [--cancel N] [--raw-rounds N]
       [--venues N --offers N --bookings N (a smaller data set, to try the bench)]
bench/README.md ("territory_dashboard.py") says how to read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402
from sqlalchemy import create_engine, make_url, pool, select, text, update  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from models import migrations  # noqa: E402
from models.bookings.models import Booking, BookingStatus, CancellationReason  # noqa: E402
from models.db import Base, make_engine, utcnow  # noqa: E402
from models.statistics import models as statistics_models  # noqa: E402
from models.statistics.dashboard import build_dashboard  # noqa: E402
from models.statistics.periods import PARIS, Period  # noqa: E402
from models.statistics.refresh import refresh_aggregates  # noqa: E402
from models.statistics.scopes import COUNTRY, Level, Scope  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.demo import load_demo  # noqa: E402
from webapp.demo.accounts import DEMO_PASSWORD, TERRITORY  # noqa: E402
from webapp.demo.scale import DEFAULT_SCALE, load_scale  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "passculture_bench_territory"
HERAULT = Scope(Level.DEPARTEMENT, "34")
TARGETS_MS = {HERAULT: 300, COUNTRY: 1000}
AGGREGATE_TABLES = [model.__table__ for model in (
    statistics_models.BookingMonth, statistics_models.PartnerMonth,
    statistics_models.OfferMonth, statistics_models.PeoplePeriod,
    statistics_models.ScopeFigure, statistics_models.ScopeTop,
    statistics_models.AggregatedPeriod, statistics_models.AggregatesState)]


class BenchError(RuntimeError):
    """The run cannot give figures worth printing."""


def build_database(engine_name: str, directory: Path, scale: dict) -> str:
    if engine_name == "sqlite":
        url = f"sqlite:///{directory / 'bench.sqlite3'}"
    else:
        server = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
        admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
        admin.dispose()
        url = make_url(server).set(database=BENCH_DATABASE).render_as_string(
            hide_password=False)
    started = time.perf_counter()
    migrations.upgrade(url)
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        load_demo(session, utcnow())
        session.commit()
        load_scale(session, seed=2018, **scale)
        session.commit()
    engine.dispose()
    print(f"  {engine_name}: built in {time.perf_counter() - started:.0f} s")
    return url


def prepare(url: str, clear: bool = True) -> None:
    """Make sure the aggregate tables exist and are empty unless kept (a database loaded earlier
    may predate them), and let PostgreSQL's planner see the rows loaded in bulk."""
    engine = make_engine(url, poolclass=pool.NullPool)
    Base.metadata.create_all(engine, tables=AGGREGATE_TABLES, checkfirst=True)
    with engine.begin() as connection:
        for table in AGGREGATE_TABLES if clear else ():
            connection.execute(table.delete())
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    engine.dispose()


def refresh(url: str, now: dt.datetime) -> tuple[float, int]:
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        started = time.perf_counter()
        periods = refresh_aggregates(session, now)
        session.commit()
        elapsed = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    return elapsed, periods


def cancel_recent(url: str, now: dt.datetime, count: int) -> int:
    """Cancel `count` bookings made in the last 20 days, as a day of cancellations would."""
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        ids = session.scalars(
            select(Booking.id).where(Booking.status == BookingStatus.CONFIRMED,
                                     Booking.booked_at >= now - dt.timedelta(days=20))
            .order_by(Booking.id).limit(count)).all()
        session.execute(update(Booking).where(Booking.id.in_(ids)).values(
            status=BookingStatus.CANCELLED, cancellation_reason=CancellationReason.BENEFICIARY,
            cancelled_at=now).execution_options(synchronize_session=False))
        session.commit()
    engine.dispose()
    return len(ids)


def periods_of(now: dt.datetime) -> list[Period]:
    today = now.astimezone(PARIS).date()
    return [Period.year(today.year), Period.rolling(12, today.year, today.month),
            Period.rolling(24, today.year, today.month), Period.month(today.year, today.month),
            Period.year(today.year - 1)]


def signed_in_client(app):
    client = app.test_client()
    page = client.get("/connexion")
    token = BeautifulSoup(page.data, "html.parser").find("input", attrs={"name": "csrf_token"})
    signed_in = client.post("/connexion", data={
        "csrf_token": token["value"], "email": TERRITORY, "password": DEMO_PASSWORD})
    if signed_in.status_code != 303:
        raise BenchError(f"sign-in as {TERRITORY} answered {signed_in.status_code}")
    return client


def time_pages(url: str, instance: Path, now: dt.datetime, rounds: int, count: int) -> dict:
    """Median wall time of the dashboard page per scope and period, from the aggregates."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENV": "testing",
                      "INSTANCE_DIR": instance, "RATELIMIT_ENABLED": False})
    client = signed_in_client(app)
    times = {}
    for scope in (HERAULT, COUNTRY):
        for period in periods_of(now)[:count]:
            path = f"/territoire/?territoire={scope.slug}&periode={period.slug}"
            client.get(path)  # compile the templates once
            samples = []
            for _round in range(rounds):
                started = time.perf_counter()
                response = client.get(path)
                samples.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise BenchError(f"GET {path} answered {response.status_code}")
            times[scope, period.slug] = statistics.median(samples)
    app.extensions["database"]["engine"].dispose()
    return times


def compare_with_raw(url: str, now: dt.datetime, rounds: int, count: int) -> dict:
    """Build every dashboard from the aggregates and from the bookings; time both; fail if a
    figure differs."""
    engine = make_engine(url, poolclass=pool.NullPool)
    times = {}
    with Session(engine) as session:
        for scope in (HERAULT, COUNTRY):
            for period in periods_of(now)[:count]:
                samples = {False: [], True: []}
                built = {}
                for _round in range(rounds):
                    for raw in (False, True):
                        started = time.perf_counter()
                        built[raw] = build_dashboard(session, scope, period, now, raw=raw)
                        samples[raw].append((time.perf_counter() - started) * 1000)
                differing = [key for key, figure in built[True].figures.items()
                             if built[False].figures.get(key) != figure]
                if differing or built[True].top_partners != built[False].top_partners:
                    raise BenchError(f"{scope.slug} {period.slug}: the aggregates differ from "
                                     f"the bookings on {differing[:5]}")
                times[scope, period.slug] = (statistics.median(samples[False]),
                                             statistics.median(samples[True]),
                                             len(built[True].figures))
    engine.dispose()
    return times


def run(name: str, url: str, instance: Path, options) -> None:
    prepare(url, clear=not options.keep_aggregates)
    now = utcnow()
    if not options.keep_aggregates:
        first, periods = refresh(url, now)
        print(f"\n{name}: first refresh (every month) {first:.1f} s, {periods} periods")
    if not options.no_refresh:
        # A day's cancellations stand for a day of bookings: the refresh then rewrites the
        # months they touch and every period holding one, as after a day.
        cancelled = cancel_recent(url, utcnow(), options.cancel)
        daily, periods = refresh(url, utcnow())
        print(f"{name}: refresh after {cancelled} bookings cancelled in the last 20 days "
              f"{daily:.1f} s, {periods} periods")
    later = utcnow()
    pages = time_pages(url, instance, later, options.rounds, options.periods)
    models = compare_with_raw(url, later, options.raw_rounds, options.periods)
    print(f"{'scope':<16} {'period':<12} {'page ms':>8} {'target':>7} {'model ms':>9} "
          f"{'raw ms':>9} {'figures':>8}  same")
    for (scope, slug), page in pages.items():
        aggregated, raw, figures = models[scope, slug]
        print(f"{scope.slug:<16} {slug:<12} {page:>8.0f} {TARGETS_MS[scope]:>7} "
              f"{aggregated:>9.0f} {raw:>9.0f} {figures:>8}  yes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--database-url", action="append",
                        help="use this loaded database instead of building one (repeatable)")
    parser.add_argument("--rounds", type=int, default=5, help="page requests per dashboard")
    parser.add_argument("--raw-rounds", type=int, default=1,
                        help="times each dashboard is built from the bookings")
    parser.add_argument("--cancel", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=5,
                        help="how many of the periods timed (this year, 12 and 24 months, "
                             "this month, last year)")
    parser.add_argument("--no-refresh", action="store_true",
                        help="with --keep-aggregates: time the dashboards only")
    parser.add_argument("--keep-aggregates", action="store_true",
                        help="with --database-url: keep the aggregates a first refresh wrote")
    for size in ("venues", "offers", "bookings"):
        parser.add_argument(f"--{size}", type=int, default=DEFAULT_SCALE[size])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-territory-") as folder:
        directory = Path(folder)
        targets = ([(make_url(url).get_backend_name(), url) for url in options.database_url]
                   if options.database_url else
                   [(name, None) for name in options.engines.split(",")])
        for name, url in targets:
            if url is None:
                print(f"Building the {name} database...")
                url = build_database(name, directory, {
                    "venues": options.venues, "offers": options.offers,
                    "bookings": options.bookings})
            try:
                run(name, url, directory, options)
            except BenchError as error:
                print(f"{name}: {error}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
