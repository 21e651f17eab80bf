"""The territory dashboards at national scale: from the aggregates, and from the raw tables.

It builds a throwaway database per engine (migrations, the demo data, then the benchmark data
set of `flask demo scale`: 20,000 venues, 100,000 offers, 1,000,000 bookings), or reuses loaded
ones (`--database-url`, repeatable), then in the same run, per engine:

1. rebuilds the aggregates from nothing (`refresh_aggregates(full=True)`, what the job's first
   run does) and times it, unless `--keep-aggregates`;
2. makes a day of bookings (`--day` bookings of the last 20 days cancelled an hour ago, and
   their people booking another offer half an hour ago) and times the incremental refresh
   that follows (the months touched, by difference; the people who booked or cancelled; the
   people whose credit opened or ended), `--days` times;
3. times the dashboard page of the demo officer of Hérault (real app in process: routing,
   SQL, templates) for Hérault and for the country, and the page of the money that stays local,
   over several periods, from the aggregates: median wall and CPU time of `--rounds` requests
   after one warm-up;
4. builds the same dashboards and money tables straight from the raw tables (bookings, people,
   credits: `build_dashboard(..., raw=True)`, `local_money(..., raw=True)`), times them, and
   **exits 1 if a single figure or top entry differs** from the aggregates' one.

Usage: .venv/bin/python bench/territory_dashboard.py [--engines sqlite,postgresql]
       [--database-url URL ...] [--keep-aggregates] [--rounds N] [--day N] [--days N]
       [--periods N] [--raw-periods N] [--venues N --offers N --bookings N (a smaller data set)]
bench/README.md ("territory_dashboard.py") says how to read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, make_url, pool, select, update  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.common import (  # noqa: E402
    BenchError,
    QueryCounter,
    Series,
    Stopwatch,
    analyse,
    bench_app,
    empty_database,
    load_demo_database,
    server_cpu_seconds,
    signed_in_client,
    timed,
)
from models.bookings.models import Booking, BookingStatus, CancellationReason  # noqa: E402
from models.db import make_engine, utcnow  # noqa: E402
from models.jobs.registry import JOBS  # noqa: E402
from models.registry import metadata  # noqa: E402
from models.statistics.dashboard import build_dashboard  # noqa: E402
from models.statistics.local_money import local_money  # noqa: E402
from models.statistics.periods import PARIS, Period  # noqa: E402
from models.statistics.refresh import refresh_aggregates  # noqa: E402
from models.statistics.scopes import COUNTRY, Level, Scope  # noqa: E402
from webapp.demo.accounts import DEMO_PASSWORD, TERRITORY  # noqa: E402
from webapp.demo.scale import DEFAULT_SCALE  # noqa: E402

BENCH_DATABASE = "passculture_bench_territory"
HERAULT = Scope(Level.DEPARTEMENT, "34")
TARGETS_MS = {HERAULT: 300, COUNTRY: 1000}
AGGREGATES_JOB = "statistics_aggregates"
PAGES = {"dashboard": "/territoire/", "money": "/territoire/argent-local"}


def prepare(url: str) -> None:
    """Create the tables and indexes a database loaded earlier may lack (the aggregates are
    newer than some loads), and let PostgreSQL's planner see the rows loaded in bulk."""
    engine = make_engine(url, poolclass=pool.NullPool)
    metadata.create_all(engine, checkfirst=True)
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(engine, checkfirst=True)
    analyse(engine)
    engine.dispose()


def refresh(url: str, now: dt.datetime, *, full: bool) -> tuple[Stopwatch, int, str]:
    """Time a refresh: wall and CPU time of this process, and on PostgreSQL the CPU time of
    the server's backend that ran it."""
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        before = server_cpu_seconds(session.connection())
        with Stopwatch() as watch:
            periods = refresh_aggregates(session, now, full=full)
            # Read on the same connection as the refresh, before the commit releases it.
            after = server_cpu_seconds(session.connection())
            session.commit()
    analyse(engine)
    engine.dispose()
    server = f", server CPU {after - before:.1f} s" if before is not None else ""
    return watch, periods, server


def other_statistics_jobs(url: str, now: dt.datetime) -> tuple[Stopwatch, list[str]]:
    """Run the other statistics jobs the dashboard reads (take-up by age...), so that the page
    is timed as it is served once every job has run."""
    engine = make_engine(url, poolclass=pool.NullPool)
    jobs = [job for job in JOBS if job.name.startswith("statistics_")
            and job.name != AGGREGATES_JOB]
    with Session(engine) as session, Stopwatch() as watch:
        for job in jobs:
            job.run(session, now)
            session.commit()
    engine.dispose()
    return watch, [job.name for job in jobs]


def a_day_of_bookings(url: str, now: dt.datetime, count: int) -> tuple[int, int]:
    """Cancel `count` bookings made in the last 20 days, an hour ago, and have their people
    book, half an hour ago, what the next of them had booked (a new booking each, which takes
    the cancelled one's token): a day's changes, in the current month and the one before.
    Returns (cancelled, made)."""
    engine = make_engine(url, poolclass=pool.NullPool)
    table = Booking.__table__
    with Session(engine) as session:
        rows = [dict(row._mapping) for row in session.execute(
            select(table).where(table.c.status == BookingStatus.CONFIRMED,
                                table.c.booked_at >= now - dt.timedelta(days=20),
                                table.c.booked_at < now - dt.timedelta(hours=1))
            .order_by(table.c.id).limit(count))]
        session.execute(update(table).where(table.c.id.in_([row["id"] for row in rows])).values(
            status=BookingStatus.CANCELLED, cancellation_reason=CancellationReason.BENEFICIARY,
            cancelled_at=now - dt.timedelta(hours=1)))
        taken = set(session.execute(
            select(table.c.user_id, table.c.offer_id).where(
                table.c.status == BookingStatus.CONFIRMED,
                table.c.user_id.in_({row["user_id"] for row in rows}))).all())
        made = []
        for row, other in zip(rows, rows[1:] + rows[:1], strict=True):
            if (row["user_id"], other["offer_id"]) in taken:
                continue
            taken.add((row["user_id"], other["offer_id"]))
            made.append({**row, **{name: other[name] for name in (
                "stock_id", "offer_id", "unit_price_cents", "price_category_label")},
                "booked_at": now - dt.timedelta(minutes=30)})
            del made[-1]["id"]
        if made:
            session.execute(insert(table), made)
        session.commit()
    engine.dispose()
    return len(rows), len(made)


def periods_of(now: dt.datetime) -> list[Period]:
    today = now.astimezone(PARIS).date()
    return [Period.year(today.year), Period.rolling(12, today.year, today.month),
            Period.rolling(24, today.year, today.month), Period.month(today.year, today.month),
            Period.year(today.year - 1)]


def time_pages(url: str, instance: Path, periods: list[Period], rounds: int) -> dict:
    """Wall and CPU time of the pages per scope and period, from the aggregates."""
    app = bench_app(url, instance)
    counter = QueryCounter(app.extensions["database"]["engine"])
    client = signed_in_client(app, TERRITORY, DEMO_PASSWORD)
    results = {}
    for page, path in PAGES.items():
        for scope in (HERAULT, COUNTRY):
            for period in periods:
                query = f"{path}?territoire={scope.slug}&periode={period.slug}"
                client.get(query)  # compile the templates once
                series = Series(page)
                for _round in range(rounds):
                    timed(client, counter, series, "get", query)
                results[page, scope, period.slug] = series
    app.extensions["database"]["engine"].dispose()
    return results


def compare_with_raw(url: str, now: dt.datetime, periods: list[Period]) -> dict:
    """Build every dashboard and money table from the aggregates and from the raw tables; time
    both; fail if a figure differs."""
    engine = make_engine(url, poolclass=pool.NullPool)
    results = {}
    with Session(engine) as session:
        for scope in (HERAULT, COUNTRY):
            for period in periods:
                built, watches = {}, {}
                for raw in (False, True):
                    with Stopwatch() as watches[raw]:
                        built[raw] = build_dashboard(session, scope, period, now, raw=raw)
                differing = [key for key, figure in built[True].figures.items()
                             if built[False].figures.get(key) != figure]
                if (differing or built[True].top_partners != built[False].top_partners
                        or built[True].top_offers != built[False].top_offers):
                    raise BenchError(f"{scope.slug} {period.slug}: the aggregates differ from "
                                     f"the raw tables on {differing[:5]}")
                money, money_watches = {}, {}
                for raw in (False, True):
                    with Stopwatch() as money_watches[raw]:
                        money[raw] = list(local_money(session, scope, period, raw=raw).cells())
                if money[False] != money[True]:
                    raise BenchError(f"{scope.slug} {period.slug}: the money that stays local "
                                     "differs between the aggregates and the bookings")
                results[scope, period.slug] = (watches, money_watches,
                                               len(built[True].figures))
    engine.dispose()
    return results


def run(name: str, url: str, instance: Path, options) -> None:
    prepare(url)
    if not options.keep_aggregates:
        watch, periods, server = refresh(url, utcnow(), full=True)
        print(f"\n{name}: full rebuild of the aggregates {watch.milliseconds / 1000:.1f} s "
              f"(CPU of this process {watch.cpu_milliseconds / 1000:.1f} s{server}), "
              f"{periods} periods")
    for day in range(options.days if options.day else 0):
        cancelled, made = a_day_of_bookings(url, utcnow(), options.day)
        watch, periods, server = refresh(url, utcnow(), full=False)
        print(f"{name}: incremental refresh after day {day + 1} ({cancelled} bookings cancelled, "
              f"{made} made) {watch.milliseconds / 1000:.2f} s (CPU "
              f"{watch.cpu_milliseconds / 1000:.2f} s{server}), {periods} periods")
    watch, jobs = other_statistics_jobs(url, utcnow())
    if jobs:
        print(f"{name}: other statistics jobs ({', '.join(jobs)}) "
              f"{watch.milliseconds / 1000:.1f} s (CPU {watch.cpu_milliseconds / 1000:.1f} s)")
    later = utcnow()
    periods = periods_of(later)
    pages = time_pages(url, instance, periods[:options.periods], options.rounds)
    raw = compare_with_raw(url, later, periods[:options.raw_periods])
    print(f"\n{name}: milliseconds, median of {options.rounds} requests (page) or one build "
          "(model); CPU of this process")
    print(f"{'scope':<16} {'period':<12} {'page':>7} {'cpu':>6} {'target':>6} {'model':>7} "
          f"{'raw':>8} {'raw cpu':>8} {'money':>6} {'cpu':>6} {'m.raw':>7} {'SQL':>4} same")
    for scope in (HERAULT, COUNTRY):
        for period in periods[:options.periods]:
            page = pages["dashboard", scope, period.slug]
            money = pages["money", scope, period.slug]
            line = (f"{scope.slug:<16} {period.slug:<12} {page.median():>7.0f} "
                    f"{page.cpu_median():>6.0f} {TARGETS_MS[scope]:>6} ")
            if (scope, period.slug) in raw:
                watches, money_watches, _figures = raw[scope, period.slug]
                line += (f"{watches[False].milliseconds:>7.0f} {watches[True].milliseconds:>8.0f}"
                         f" {watches[True].cpu_milliseconds:>8.0f} ")
            else:
                line += f"{'-':>7} {'-':>8} {'-':>8} "
            line += f"{money.median():>6.0f} {money.cpu_median():>6.0f} "
            if (scope, period.slug) in raw:
                line += f"{raw[scope, period.slug][1][True].milliseconds:>7.0f} "
            else:
                line += f"{'-':>7} "
            line += f"{max(page.queries):>4} {'yes' if (scope, period.slug) in raw else '-'}"
            print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--database-url", action="append",
                        help="use this loaded database instead of building one (repeatable)")
    parser.add_argument("--keep-aggregates", action="store_true",
                        help="with --database-url: no full rebuild, keep the aggregates there")
    parser.add_argument("--rounds", type=int, default=5, help="page requests per dashboard")
    parser.add_argument("--day", type=int, default=1400,
                        help="bookings cancelled and made again before the incremental refresh "
                             "(1,400: a day of the data set; 0: no incremental refresh)")
    parser.add_argument("--days", type=int, default=1,
                        help="days of bookings, each followed by an incremental refresh (2 on a "
                             "database whose aggregates predate migration 0027: the first run "
                             "after it counts every beneficiary)")
    parser.add_argument("--periods", type=int, default=5,
                        help="how many of the periods timed (this year, 12 and 24 months, "
                             "this month, last year)")
    parser.add_argument("--raw-periods", type=int, default=1,
                        help="how many of them are also built from the raw tables (minutes each "
                             "at scale)")
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
                url = empty_database(name, directory, BENCH_DATABASE)
                seconds = load_demo_database(url, {size: getattr(options, size) for size
                                                   in ("venues", "offers", "bookings")})
                print(f"  {name}: built in {seconds:.0f} s")
            try:
                run(name, url, directory, options)
            except BenchError as error:
                print(f"{name}: {error}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
