"""The bulk catalogue import of a bookshop: how long a 5,000-line CSV takes to apply.

It builds a throwaway database per engine (migrations, then a structure whose other venues
already sell `--background` offers, so the tables are not empty), then times, for each round
and on a new venue each time, the three uploads a bookshop makes: the first one (every line
creates an offer and its stock), the same file again (every line unchanged) and a file with new
prices and quantities (every line updates a stock). Each upload runs exactly as the page runs
it: `import_catalogue` inside one unit of work, commit included. The report of every upload is
checked (5,000 lines created, unchanged, updated) or the bench fails.

Usage: .venv/bin/python bench/catalogue_import.py [--engines sqlite,postgresql] [--lines N]
bench/README.md ("catalogue_import.py") says how to read the figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, make_url, pool, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from models import migrations  # noqa: E402
from models.db import make_engine, utcnow  # noqa: E402
from models.offerers.models import Structure, StructureStatus, Venue, VenueType  # noqa: E402
from models.offerers.validation import with_luhn_digit  # noqa: E402
from models.offers.catalogue_import import LineOutcome, import_catalogue  # noqa: E402
from models.offers.ean import ean13_check_digit  # noqa: E402
from models.offers.models import Offer, Stock, Validation  # noqa: E402
from models.unit_of_work import atomic  # noqa: E402

TARGET_SECONDS = 5.0
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "passculture_bench_catalogue"
ANSWERS = {f"accessibility_{need}": False for need in ("hearing", "mental", "motor", "visual")}


class BenchError(RuntimeError):
    """The run cannot give figures worth printing."""


def ean(number: int) -> str:
    digits = f"978{number:09d}"
    return digits + str(ean13_check_digit(digits))


def catalogue(lines: int, price_shift: int = 0) -> bytes:
    """A bookshop's file: `lines` paper books, prices from 1 to 300 €, a few copies each."""
    rows = ["ean;titre;auteur;prix;quantite"]
    rows += [f"{ean(number)};Titre du livre numéro {number};Autrice {number % 997};"
             f"{1 + (number + price_shift) % 299},{number % 100:02d};{(number + price_shift) % 9}"
             for number in range(lines)]
    return "\r\n".join(rows).encode("utf-8-sig")


def new_venue(session: Session, structure: Structure, number: int) -> Venue:
    venue = Venue(structure=structure, name=f"Librairie {number}", venue_type=VenueType.BOOKSTORE,
                  address="1 rue des Livres", postal_code="34000", latitude=43.61,
                  longitude=3.88, **ANSWERS)
    session.add(venue)
    session.flush()
    return venue


def populate(url: str, background: int) -> int:
    """A validated structure whose other venues already sell `background` offers, 100 each,
    analysed as a database in service is; the structure's id."""
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session, atomic(session):
        structure = Structure(siren=with_luhn_digit("90000000"), name="Librairie du banc",
                              status=StructureStatus.VALIDATED, validated_at=utcnow())
        session.add(structure)
        venues = [new_venue(session, structure, -number) for number in range(background // 100)]
        now = utcnow()
        for start in range(0, background, 1000):
            ids = session.scalars(insert(Offer).returning(Offer.id), [
                {"venue_id": venues[n // 100].id, "subcategory_id": "LIVRE_PAPIER",
                 "name": f"Fonds {n}",
                 "ean": ean(10_000_000 + n), "validation": Validation.APPROVED,
                 "created_at": now, "updated_at": now, **ANSWERS}
                for n in range(start, min(start + 1000, background))
            ]).all()
            session.execute(insert(Stock), [{"offer_id": offer_id, "price_cents": 1000,
                                             "quantity": 3, "created_at": now,
                                             "updated_at": now} for offer_id in ids])
        structure_id = structure.id
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    engine.dispose()
    return structure_id


def timed_import(engine, venue_id: int, data: bytes, expected: LineOutcome, lines: int) -> float:
    with Session(engine) as session:
        venue = session.get(Venue, venue_id)
        start = time.perf_counter()
        with atomic(session):
            report = import_catalogue(session, venue, data, author_id=None)
        elapsed = time.perf_counter() - start
    if report.counts[expected] != lines:
        raise BenchError(f"expected {lines} lines {expected}, got {dict(report.counts)}")
    return elapsed


def measure(url: str, lines: int, rounds: int, background: int) -> dict[str, list[float]]:
    structure_id = populate(url, background)
    engine = make_engine(url, poolclass=pool.NullPool)
    first, updated = catalogue(lines), catalogue(lines, price_shift=1)
    timings: dict[str, list[float]] = {"created": [], "unchanged": [], "updated": []}
    try:
        for number in range(1, rounds + 1):
            with Session(engine) as session, atomic(session):
                venue_id = new_venue(session, session.get(Structure, structure_id), number).id
            timings["created"].append(
                timed_import(engine, venue_id, first, LineOutcome.CREATED, lines))
            timings["unchanged"].append(
                timed_import(engine, venue_id, first, LineOutcome.UNCHANGED, lines))
            timings["updated"].append(
                timed_import(engine, venue_id, updated, LineOutcome.UPDATED, lines))
    finally:
        engine.dispose()
    return timings


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        migrations.upgrade(url)
        yield url


@contextmanager
def postgresql_database(server_url: str) -> Iterator[str]:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}"))
            connection.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
    except Exception as error:
        raise BenchError(f"PostgreSQL unreachable at {server_url}: {error}") from error
    url = make_url(server_url).set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    try:
        migrations.upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite", help="sqlite,postgresql")
    parser.add_argument("--lines", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--background", type=int, default=20_000,
                        help="offers already sold by another venue of the structure")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = {}
    try:
        for engine_name in args.engines.split(","):
            database = (sqlite_database() if engine_name == "sqlite"
                        else postgresql_database(args.postgres_url))
            with database as url:
                results[engine_name] = measure(url, args.lines, args.rounds, args.background)
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{args.lines} lines, {args.rounds} rounds, {args.background} offers elsewhere")
        print(f"{'engine':<11}{'upload':<11}{'median s':>10}{'max s':>8}")
        for engine_name, timings in results.items():
            for kind, values in timings.items():
                print(f"{engine_name:<11}{kind:<11}{statistics.median(values):>10.2f}"
                      f"{max(values):>8.2f}")
    slowest = max(max(values) for timings in results.values() for values in timings.values())
    if args.lines <= 5_000 and slowest > TARGET_SECONDS:
        print(f"slower than the {TARGET_SECONDS:.0f} s target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
