"""The map's query at national scale: "venues with bookable offers within 20 km".

It builds a throwaway database per engine (migrations, then 20,000 venues and 1,000,000 offers
generated here), then asks the question around many places with the app's own query
(`models.map.repository.venues_around`: grid-cell index ranges, then exact distances) and with a
naive full scan of the venues (the same SQL without the grid ranges), in the same run, and
prints the median and 95th percentile of both and their ratio. Both must return the same venues
for every place, or the bench fails.

Usage: .venv/bin/python bench/map_query.py [--engines sqlite,postgresql] [--venues N] ...
bench/README.md ("map_query.py") says what is generated and how to read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, make_url, pool, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from models import migrations  # noqa: E402
from models.db import make_engine  # noqa: E402
from models.geo import Point  # noqa: E402
from models.map.repository import (  # noqa: E402
    FLAT_MARGIN,
    MAP_VENUE_COLUMNS,
    MapVenue,
    has_matching_offer,
    nearest_first,
    venues_around,
)
from models.offerers.models import Venue  # noqa: E402
from models.offers.bookability import refresh_bookability  # noqa: E402
from models.search.criteria import Format, SearchCriteria  # noqa: E402
from models.search.proximity import squared_distance_km2  # noqa: E402
from models.territories import geodata  # noqa: E402

RADIUS_KM = 20
TARGET_MEDIAN_MS = 20.0
TARGET_P95_MS = 50.0
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "passculture_bench_map"
NAMED_PLACES = {
    "Montpellier": Point(43.59945, 3.89609),
    "Paris": Point(48.8566, 2.3522),
    "Brest": Point(48.3904, -4.4861),
    "Cayenne": Point(4.9372, -52.326),
}
EVENT_SUBCATEGORIES = ("CONCERT", "SEANCE_CINE", "SPECTACLE_REPRESENTATION", "ATELIER_PRATIQUE_ART")
THING_SUBCATEGORIES = ("LIVRE_PAPIER", "SUPPORT_PHYSIQUE_MUSIQUE_CD", "CARTE_MUSEE",
                       "MATERIEL_ART_CREATIF")
VENUE_TYPES = ("library", "bookstore", "cinema", "concert_hall", "performing_arts", "museum",
               "arts_school", "record_store")


class BenchError(RuntimeError):
    """The run cannot give figures worth printing."""


@dataclass(frozen=True)
class Commune:
    latitude: float
    longitude: float
    population: int


class CommunePicker:
    """Draws communes in proportion to their population: venues and people live there."""

    def __init__(self, communes: list[Commune]):
        self.communes = communes
        self._cumulative = list(accumulate(max(1, c.population) for c in communes))

    def pick(self, rng: random.Random) -> Commune:
        return self.communes[bisect(self._cumulative, rng.random() * self._cumulative[-1])]


def load_communes() -> CommunePicker:
    return CommunePicker([
        Commune(row["latitude"], row["longitude"], row["population"] or 0)
        for row in geodata.iter_communes()
    ])


def near(rng: random.Random, commune: Commune) -> tuple[float, float]:
    """A point within 1.5 km of a city's reference point, 300 m of a village's (as the demo)."""
    radius = 1500 if commune.population >= 50_000 else 300
    distance, angle = radius * math.sqrt(rng.random()), rng.random() * 2 * math.pi
    latitude = commune.latitude + distance * math.cos(angle) / 111_320
    longitude = commune.longitude + distance * math.sin(angle) / (
        111_320 * math.cos(math.radians(commune.latitude)))
    return round(latitude, 6), round(longitude, 6)


@dataclass
class Dataset:
    """Rows to insert, as tuples in the column order of `COLUMNS`."""

    structures: list[tuple]
    venues: list[tuple]
    offers: list[tuple]
    stocks: list[tuple]


COLUMNS = {
    "structure": ("id", "siren", "name", "status", "created_at"),
    "venue": ("id", "structure_id", "name", "venue_type", "is_virtual", "latitude", "longitude",
              "created_at"),
    "offer": ("id", "venue_id", "subcategory_id", "name", "is_duo", "accessibility_hearing",
              "accessibility_mental", "accessibility_motor", "accessibility_visual",
              "validation", "is_active", "created_at", "updated_at"),
    "stock": ("id", "offer_id", "price_cents", "quantity", "booked_quantity", "beginning_at",
              "booking_limit_at", "is_deleted", "created_at", "updated_at"),
}


def generate(venue_count: int, offer_count: int, now: dt.datetime, seed: int) -> Dataset:
    """The national-scale supply: venues where people live, offers skewed towards a few venues.

    Shares chosen to look like the real catalogue: 3 % of structures not validated, 5 % of
    offers not approved and 3 % deactivated; 40 % events (1 to 3 dates, 15 % of them already
    past), 60 % things (5 % sold out). Most venues therefore have a bookable offer, as they do.
    """
    rng = random.Random(seed)
    picker = load_communes()
    structure_count = max(1, venue_count * 6 // 10)
    structures = [
        (i + 1, f"{i + 1:09d}", f"Structure {i + 1}",
         "validated" if rng.random() > 0.03 else "pending", now)
        for i in range(structure_count)
    ]
    venues = []
    for i in range(venue_count):
        latitude, longitude = near(rng, picker.pick(rng))
        venues.append((i + 1, i % structure_count + 1, f"Lieu {i + 1}",
                       VENUE_TYPES[i % len(VENUE_TYPES)], False, latitude, longitude, now))
    weights = [rng.lognormvariate(0, 1.2) for _ in range(venue_count)]
    scale = offer_count / sum(weights)
    per_venue = [int(weight * scale) for weight in weights]
    for index in rng.sample(range(venue_count), offer_count - sum(per_venue)):
        per_venue[index] += 1
    offers, stocks = [], []
    for venue_index, count in enumerate(per_venue):
        for _ in range(count):
            offer_id = len(offers) + 1
            event = rng.random() < 0.4
            subcategory = rng.choice(EVENT_SUBCATEGORIES if event else THING_SUBCATEGORIES)
            validation = "approved" if rng.random() > 0.05 else "pending"
            offers.append((offer_id, venue_index + 1, subcategory, f"Offre {offer_id}", False,
                           False, False, False, False, validation, rng.random() > 0.03,
                           now, now))
            if event:
                for _ in range(rng.randint(1, 3)):
                    days = rng.uniform(-10, 60) if rng.random() < 0.15 else rng.uniform(1, 60)
                    start = now + dt.timedelta(days=days)
                    stocks.append((len(stocks) + 1, offer_id, rng.choice((0, 500, 1200)), 100,
                                   0, start, start - dt.timedelta(hours=1), False, now, now))
            else:
                sold_out = rng.random() < 0.05
                stocks.append((len(stocks) + 1, offer_id, rng.choice((0, 800, 1500, 2500)),
                               5 if sold_out else None, 5 if sold_out else 0, None, None,
                               False, now, now))
    return Dataset(structures, venues, offers, stocks)


def sqlite_value(value):
    # SQLAlchemy stores SQLite timestamps as naive UTC text; the queries compare them as text.
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def refresh(url: str) -> None:
    """Count once what the triggers of revision 0005 would have counted row by row."""
    engine = make_engine(url)
    with engine.begin() as connection:
        refresh_bookability(connection)
    engine.dispose()


def fill_sqlite(url: str, data: Dataset) -> None:
    connection = sqlite3.connect(make_url(url).database, isolation_level=None)
    # The full-text triggers of revision 0003 would index a million generated titles: the
    # bench database is thrown away and never searched. Those of revision 0005 would recount
    # an offer per stock and a venue per offer: the counts are made once, after the load.
    triggers = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        " AND (name LIKE 'offer_search_%' OR name LIKE 'bookability_%')"
    ).fetchall()
    for (name,) in triggers:
        connection.execute(f"DROP TRIGGER {name}")
    connection.execute("PRAGMA synchronous = OFF")
    # Building the indexes of the big tables once, after the rows, is several times faster than
    # updating them row by row.
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('offer', 'stock')"
    ).fetchall()
    connection.execute("BEGIN")
    for name, _sql in indexes:
        connection.execute(f"DROP INDEX {name}")
    for table, rows in (("structure", data.structures), ("venue", data.venues),
                        ("offer", data.offers), ("stock", data.stocks)):
        columns = COLUMNS[table]
        placeholders = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
            ([sqlite_value(value) for value in row] for row in rows),
        )
    for _name, sql in indexes:
        connection.execute(sql)
    connection.execute("COMMIT")
    refresh(url)
    connection.execute("ANALYZE")
    connection.close()


def fill_postgresql(url: str, data: Dataset) -> None:
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as connection, connection.cursor() as cursor:
        cursor.execute("ALTER TABLE offer DISABLE TRIGGER USER")
        cursor.execute("ALTER TABLE stock DISABLE TRIGGER USER")
        for table, rows in (("structure", data.structures), ("venue", data.venues),
                            ("offer", data.offers), ("stock", data.stocks)):
            with cursor.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        connection.commit()
    refresh(url)
    with psycopg.connect(plain) as connection, connection.cursor() as cursor:
        cursor.execute("ALTER TABLE offer ENABLE TRIGGER USER")
        cursor.execute("ALTER TABLE stock ENABLE TRIGGER USER")
        connection.commit()
        connection.autocommit = True
        cursor.execute("VACUUM ANALYZE")


def naive_venues_around(session: Session, center: Point, radius_km: float,
                        criteria: SearchCriteria, now: dt.datetime) -> list[MapVenue]:
    """The same question without the grid: every venue's distance is computed in SQL."""
    flat = radius_km * FLAT_MARGIN
    rows = session.connection().execute(
        select(*MAP_VENUE_COLUMNS).where(
            squared_distance_km2(Venue.latitude, Venue.longitude, center) <= flat * flat,
            Venue.is_virtual.is_(False),
            has_matching_offer(criteria, now),
        )
    )
    return nearest_first(rows, center, radius_km)


@dataclass(frozen=True)
class Timing:
    label: str
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples_ms, n=20, method="inclusive")[18]


def timed(call: Callable[[], list]) -> tuple[float, float, list]:
    """Wall-clock and CPU milliseconds of the call (CPU: this process, so SQLite's own work)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def query_places(count: int, seed: int) -> list[Point]:
    """Where people ask from: communes drawn in proportion to their population."""
    rng = random.Random(seed)
    picker = load_communes()
    return [Point(*near(rng, picker.pick(rng))) for _ in range(count)]


def measure(url: str, places: list[Point], rounds: int, now: dt.datetime,
            free_only: bool = False) -> dict:
    """Time both queries around every place; they alternate which goes first, so neither
    always finds the pages the other just read in the cache."""
    criteria = SearchCriteria(format=Format.ON_SITE, radius_km=RADIUS_KM, free_only=free_only)
    engine = make_engine(url, poolclass=pool.QueuePool)
    queries = {
        "indexed": lambda place: [v.id for v in venues_around(
            session, place, RADIUS_KM, criteria, now)],
        "naive": lambda place: [v.id for v in naive_venues_around(
            session, place, RADIUS_KM, criteria, now)],
    }
    wall = {name: [] for name in queries}
    cpu = {name: [] for name in queries}
    found, named = [], {}
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
        for place in places[:20]:
            for query in queries.values():
                query(place)
        for round_number in range(rounds):
            for index, place in enumerate(places):
                order = list(queries) if (round_number + index) % 2 == 0 else list(queries)[::-1]
                results = {}
                for name in order:
                    elapsed, used, results[name] = timed(lambda q=queries[name], p=place: q(p))
                    wall[name].append(elapsed)
                    cpu[name].append(used)
                if results["indexed"] != results["naive"]:
                    raise BenchError(f"the indexed and naive queries disagree around {place}")
                found.append(len(results["indexed"]))
        for place_name, place in NAMED_PLACES.items():
            samples = {name: [] for name in queries}
            for repeat in range(max(6, rounds)):
                order = list(queries) if repeat % 2 == 0 else list(queries)[::-1]
                for name in order:
                    elapsed, _used, result = timed(lambda q=queries[name], p=place: q(p))
                    samples[name].append(elapsed)
            named[place_name] = (statistics.median(samples["indexed"]), len(result),
                                 statistics.median(samples["naive"]))
    engine.dispose()
    return {
        "indexed": Timing("grid index + exact distance", wall["indexed"]),
        "naive": Timing("naive full scan", wall["naive"]),
        "indexed_cpu": Timing("grid index, CPU of this process", cpu["indexed"]),
        "naive_cpu": Timing("naive scan, CPU of this process", cpu["naive"]),
        "venues": statistics.mean(found), "named": named,
    }


def postgresql_database(server_url: str, keep: bool) -> Iterator[str]:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    try:
        yield make_url(server_url).set(database=BENCH_DATABASE).render_as_string(
            hide_password=False)
    finally:
        if not keep:
            with admin.connect() as connection:
                connection.execute(
                    text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
        admin.dispose()


def run_engine(name: str, url: str, data: Dataset, places, rounds: int, now,
               free_only: bool = False) -> dict:
    started = time.perf_counter()
    migrations.upgrade(url)
    (fill_sqlite if name == "sqlite" else fill_postgresql)(url, data)
    print(f"{name}: schema and data ready in {time.perf_counter() - started:.0f} s", flush=True)
    return measure(url, places, rounds, now, free_only)


def report(name: str, result: dict) -> list[str]:
    indexed, naive = result["indexed"], result["naive"]
    lines = [
        f"\n{name}: {len(indexed.samples_ms)} queries, {result['venues']:.0f} venues found on "
        f"average within {RADIUS_KM} km",
        f"  {'query (wall clock)':<32} {'median':>10} {'p95':>10}",
    ]
    for timing in (indexed, naive):
        lines.append(f"  {timing.label:<32} {timing.median:>7.2f} ms {timing.p95:>7.2f} ms")
    lines.append(f"  {'ratio (naive / indexed)':<32} {naive.median / indexed.median:>8.1f} × "
                 f"{naive.p95 / indexed.p95:>8.1f} ×")
    if name == "sqlite":
        for timing in (result["indexed_cpu"], result["naive_cpu"]):
            lines.append(f"  {timing.label:<32} {timing.median:>7.2f} ms {timing.p95:>7.2f} ms")
    for place, (median, found, naive_median) in result["named"].items():
        lines.append(f"  around {place:<25} {median:>7.2f} ms  ({found} venues; naive "
                     f"{naive_median:.1f} ms)")
    verdict = "met" if indexed.median < TARGET_MEDIAN_MS and indexed.p95 < TARGET_P95_MS else (
        "MISSED")
    lines.append(f"  target (median < {TARGET_MEDIAN_MS:.0f} ms, p95 < {TARGET_P95_MS:.0f} ms): "
                 f"{verdict}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL",
                                                                  DEFAULT_POSTGRES))
    parser.add_argument("--venues", type=int, default=20_000)
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--free-only", action="store_true",
                        help="ask for venues with free offers: a filter, so offers are read")
    parser.add_argument("--keep", action="store_true",
                        help=f"keep the databases (instance/bench_map.sqlite3, {BENCH_DATABASE})")
    args = parser.parse_args()
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    load_at_start = os.getloadavg()[0]
    started = time.perf_counter()
    data = generate(args.venues, args.offers, now, args.seed)
    print(f"generated {len(data.venues):,} venues, {len(data.offers):,} offers and "
          f"{len(data.stocks):,} stocks in {time.perf_counter() - started:.0f} s", flush=True)
    places = query_places(args.places, args.seed + 1)
    lines = [f"\nquestion: venues with {'free ' if args.free_only else ''}bookable offers within "
             f"{RADIUS_KM} km"]
    try:
        for name in args.engines.split(","):
            if name == "sqlite":
                with tempfile.TemporaryDirectory() as directory:
                    folder = ROOT / "instance" if args.keep else Path(directory)
                    path = folder / "bench_map.sqlite3"
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
                    url = f"sqlite:///{path}"
                    lines += report(name, run_engine(
                        name, url, data, places, args.rounds, now, args.free_only))
            elif name == "postgresql":
                databases = postgresql_database(args.postgres_url, args.keep)
                url = next(databases)
                try:
                    lines += report(name, run_engine(
                        name, url, data, places, args.rounds, now, args.free_only))
                finally:
                    databases.close()
            else:
                parser.error(f"unknown engine {name!r}")
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    print(f"\nload average at the start: {load_at_start:.1f}, at the end: "
          f"{os.getloadavg()[0]:.1f}, on {os.cpu_count()} CPUs (above the CPU count, other jobs "
          "were waiting for the CPUs too: wall-clock figures are inflated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
