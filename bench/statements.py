"""The reimbursement statement of a period for a pricing point with many used bookings.

It builds a throwaway database per engine (migrations, then rows written in bulk): one pricing
point with BOOKINGS_IN_YEAR used bookings in 2026 (default 100,000) spread over the first five
half-months, the last of which (1–15 March) holds a fifth of them (20,000). A second pricing
point with a few hundred bookings stands beside it, so the queries have something to leave out.

It then issues the four earlier periods for real, one after the other (so that the measured
statement finds 80,000 lines of the year already issued, whose revenue decides its bands), and
times `issue_statements` for 1–15 March: each run is one unit of work, rolled back after the
measure so that the next run does the same work; a last run commits, and the bench checks
that it wrote a statement, one line per booking and marked every booking reimbursed.

Usage: .venv/bin/python bench/statements.py [--engines sqlite,postgresql] [--bookings 100000]
       [--runs 5]
bench/README.md ("statements.py") says how to read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, insert, make_url, pool, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from models import migrations  # noqa: E402
from models.bookings.models import TOKEN_ALPHABET, Booking, BookingStatus  # noqa: E402
from models.db import make_engine  # noqa: E402
from models.finance.api import issue_statements  # noqa: E402
from models.finance.models import Statement, StatementLine  # noqa: E402
from models.finance.periods import Period  # noqa: E402
from models.offerers.models import Structure, Venue, VenueType  # noqa: E402
from models.offerers.validation import with_luhn_digit  # noqa: E402
from models.offers.models import Offer, Stock  # noqa: E402
from models.unit_of_work import atomic  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "bench_finance"
TARGET_S = 1.0
PERIODS = [Period(2026, 1, 1), Period(2026, 1, 2), Period(2026, 2, 1), Period(2026, 2, 2),
           Period(2026, 3, 1)]
MEASURED = PERIODS[-1]
NOW = dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC)
SUBCATEGORIES = ("SEANCE_CINE", "LIVRE_PAPIER", "CONCERT", "SUPPORT_PHYSIQUE_MUSIQUE_CD", "VOD")
BATCH = 10_000


class BenchError(RuntimeError):
    """The run cannot give figures worth printing."""


def token(number: int) -> str:
    letters = []
    for _ in range(6):
        number, digit = divmod(number, len(TOKEN_ALPHABET))
        letters.append(TOKEN_ALPHABET[digit])
    return "".join(letters)


def database_url(engine_name: str, directory: Path, server: str) -> str:
    if engine_name == "sqlite":
        return f"sqlite:///{directory / 'bench_finance.sqlite'}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    admin.dispose()
    return make_url(server).set(database=BENCH_DATABASE).render_as_string(hide_password=False)


def pricing_point(session: Session, number: int) -> list[int]:
    """A structure, its venue paid in its own name, and one stock per offer of each kind."""
    siren = with_luhn_digit(f"{90_500_000 + number:08d}")
    structure = Structure(siren=siren, name=f"Banc d'essai {number}", status="validated")
    venue = Venue(structure=structure, name=f"Lieu {number}", venue_type=VenueType.CINEMA,
                  siret=with_luhn_digit(f"{siren}0001"))
    session.add(venue)
    session.flush()
    venue.pricing_point_id = venue.id
    stocks = []
    for index in range(40):
        offer = Offer(venue=venue, name=f"Offre {number}-{index}",
                      subcategory_id=SUBCATEGORIES[index % len(SUBCATEGORIES)],
                      accessibility_hearing=False, accessibility_mental=False,
                      accessibility_motor=False, accessibility_visual=False)
        stock = Stock(offer=offer, price_cents=1500, quantity=None)
        session.add(stock)
        session.flush()
        stocks.append((stock.id, offer.id))
    return stocks


def used_bookings(stocks, count: int, first_token: int, rng: random.Random):
    """`count` used bookings, the same number in each of the five periods."""
    per_period = count // len(PERIODS)
    number = first_token
    for period in PERIODS:
        span = (period.ends_at - period.starts_at).total_seconds()
        for _ in range(per_period):
            stock_id, offer_id = rng.choice(stocks)
            used_at = period.starts_at + dt.timedelta(seconds=rng.uniform(0, span - 1))
            quantity = 2 if rng.random() < 0.2 else 1
            number += 1
            yield {"stock_id": stock_id, "offer_id": offer_id, "quantity": quantity,
                   "unit_price_cents": rng.randrange(500, 3001, 50), "token": token(number),
                   "status": BookingStatus.USED, "booked_at": used_at - dt.timedelta(days=2),
                   "used_at": used_at}


def build(url: str, bookings: int, seed: int) -> int:
    migrations.upgrade(url)
    engine = make_engine(url, poolclass=pool.NullPool)
    rng = random.Random(seed)
    with Session(engine) as session:
        big = pricing_point(session, 1)
        small = pricing_point(session, 2)
        rows = [*used_bookings(big, bookings, 0, rng),
                *used_bookings(small, 500, 10 * bookings, rng)]
        for start in range(0, len(rows), BATCH):
            session.execute(insert(Booking), rows[start:start + BATCH])
        session.commit()
        for period in PERIODS[:-1]:
            with atomic(session):
                issue_statements(session, period, NOW)
        big_venue = session.scalar(select(Venue.id).order_by(Venue.id))
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    engine.dispose()
    return big_venue


def issue_once(engine, commit: bool) -> tuple[float, float, int, int]:
    """Wall and CPU seconds of this process to issue the measured period, statements issued,
    reimbursed cents. On SQLite the CPU time includes the database's work, which runs in this
    process; on PostgreSQL it is the client's share only."""
    with Session(engine) as session:
        started, cpu_started = time.perf_counter(), time.process_time()
        if commit:
            with atomic(session):
                issued = issue_statements(session, MEASURED, NOW)
                figures = len(issued), sum(s.reimbursed_cents for s in issued)
        else:
            session.begin()
            issued = issue_statements(session, MEASURED, NOW)
            session.flush()
            figures = len(issued), sum(s.reimbursed_cents for s in issued)
            session.rollback()
        return time.perf_counter() - started, time.process_time() - cpu_started, *figures


def check(engine, big_venue: int, in_period: int) -> None:
    with Session(engine) as session:
        statement = session.scalars(select(Statement).where(
            Statement.pricing_point_id == big_venue,
            Statement.period_start == MEASURED.first_day)).one()
        lines = session.scalar(select(func.count()).select_from(StatementLine)
                               .where(StatementLine.statement_id == statement.id))
        left = session.scalar(select(func.count()).select_from(Booking)
                              .where(Booking.status == BookingStatus.USED))
    if lines != in_period or left != 0:
        raise BenchError(f"expected {in_period} lines and no booking left used, "
                         f"found {lines} lines and {left} used")


def run(engine_name: str, url: str, bookings: int, runs: int, seed: int) -> str:
    built_at = time.perf_counter()
    big_venue = build(url, bookings, seed)
    built = time.perf_counter() - built_at
    engine = make_engine(url, poolclass=pool.NullPool)
    issue_once(engine, commit=False)
    timings = [issue_once(engine, commit=False) for _ in range(runs)]
    committed = issue_once(engine, commit=True)
    check(engine, big_venue, bookings // len(PERIODS))
    engine.dispose()
    seconds = [timing[0] for timing in timings]
    cpu = statistics.median(timing[1] for timing in timings)
    verdict = "ok" if max(seconds + [committed[0]]) < TARGET_S else "OVER TARGET"
    return (f"{engine_name:<10} {bookings // len(PERIODS):>7} {statistics.median(seconds):>9.3f} "
            f"{max(seconds):>8.3f} {cpu:>6.3f} {committed[0]:>10.3f} {committed[2]:>6} "
            f"{committed[3] / 100:>12,.2f} {built:>7.1f}  {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--bookings", type=int, default=100_000,
                        help="used bookings of the big pricing point in the year")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES,
                        help="a server where the bench may create the database bench_finance")
    arguments = parser.parse_args()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"load average before the run: {load} ({os.cpu_count()} CPUs)")
    print(f"{'engine':<10} {'lines':>7} {'median s':>9} {'max s':>8} {'cpu s':>6} {'commit s':>10} "
          f"{'issued':>6} {'paid (EUR)':>12} {'build s':>7}", flush=True)
    failed = False
    with tempfile.TemporaryDirectory() as directory:
        for engine_name in arguments.engines.split(","):
            url = database_url(engine_name, Path(directory), arguments.postgres)
            try:
                line = run(engine_name, url, arguments.bookings, arguments.runs, arguments.seed)
            except BenchError as error:
                print(f"{engine_name}: {error}")
                failed = True
                continue
            print(line)
            failed = failed or "OVER" in line
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
