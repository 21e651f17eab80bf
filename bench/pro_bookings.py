"""The pro bookings list and its CSV export for a structure with 100,000 bookings.

It builds a throwaway database per engine (migrations, then generated rows written in bulk: a
big structure with 100,000 bookings, a small one with 500, and 60 other structures sharing
200,000 more, so that the member's filter has something to leave out), signs in as a member of
the big structure and times requests handled by the real app in process (routing, SQL,
templates, gzip; no network):

- the list: first page, each filter, a page deep in the list, and the small structure's first
  page; median and 95th percentile of the wall time, median CPU time, SQL statements a request;
- the export of all 100,000 bookings: wall time to read the whole streamed body, then the peak
  of Python allocations (tracemalloc, in a second run, since tracing slows Python down) beside
  the same peak for an export ten times smaller: equal peaks mean flat memory.

Usage: .venv/bin/python bench/pro_bookings.py [--engines sqlite,postgresql] [--requests 200]
       [--bookings 100000]
bench/README.md ("pro_bookings.py") says how to read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402
from sqlalchemy import pool, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from bench import common  # noqa: E402
from bench.common import BenchError, QueryCounter, empty_database  # noqa: E402
from models import migrations  # noqa: E402
from models.bookings.models import TOKEN_ALPHABET, Booking  # noqa: E402
from models.db import make_engine, utcnow  # noqa: E402
from models.offerers.models import Structure, StructureMembership, Venue  # noqa: E402
from models.offerers.validation import with_luhn_digit  # noqa: E402
from models.offers.models import Offer, Stock  # noqa: E402
from models.users.models import User  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.demo.bulk import FastWriter, sync_sequences  # noqa: E402

BENCH_DATABASE = "bench_pro"
PASSWORD = "Banc-d-essai-2026!"
BIG_MEMBER = "pro.grand@bench.test"
SMALL_MEMBER = "pro.petit@bench.test"
TARGET_P95_MS = 100.0
TARGET_EXPORT_S = 5.0
LIST = "/pro/reservations/"
EXPORT = "/pro/reservations/export.csv"
GZIP = {"Accept-Encoding": "gzip"}
STATUSES = (("used", 60), ("confirmed", 20), ("cancelled", 15), ("reimbursed", 5))
EVENT_SUBCATEGORIES = ("SPECTACLE_REPRESENTATION", "CONCERT", "SEANCE_CINE")
THING_SUBCATEGORIES = ("LIVRE_PAPIER", "SUPPORT_PHYSIQUE_MUSIQUE_CD")
FIRST_NAMES = ("Léa", "Hugo", "Inès", "Nathan", "Chloé", "Yanis", "Manon", "Lucas", "=Zoé")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand")


class Series(common.Series):
    """A markdown row, with the 95th percentile interpolated."""

    def p95(self) -> float:
        return statistics.quantiles(self.milliseconds, n=20, method="inclusive")[18]

    def row(self) -> str:
        return (f"| {self.name} | {statistics.median(self.milliseconds):.1f} | {self.p95():.1f} "
                f"| {statistics.median(self.cpu_milliseconds):.1f} | {max(self.queries)} "
                f"| {int(statistics.median(self.sizes)):,} |").replace(",", " ")


class Ids:
    def __init__(self):
        self.next: dict[type, int] = {}

    def take(self, model) -> int:
        self.next[model] = self.next.get(model, 0) + 1
        return self.next[model]


class Generator:
    """Rows of structures, venues, offers, stocks, people and bookings, seeded."""

    def __init__(self, now: dt.datetime, seed: int):
        self.now, self.rng, self.ids = now, random.Random(seed), Ids()
        self.tables: dict[type, list[dict]] = {model: [] for model in (
            Structure, Venue, Offer, Stock, User, StructureMembership)}
        self.tokens = self._tokens()
        self.people: list[int] = []
        self.password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")

    def _tokens(self):
        for number in self.rng.sample(range(len(TOKEN_ALPHABET) ** 6), 2_000_000):
            letters = []
            for _ in range(6):
                number, digit = divmod(number, len(TOKEN_ALPHABET))
                letters.append(TOKEN_ALPHABET[digit])
            yield "".join(letters)

    def person(self, email: str, first_name: str, last_name: str) -> int:
        person_id = self.ids.take(User)
        self.tables[User].append({
            "id": person_id, "email": email, "password_hash": self.password_hash,
            "first_name": first_name, "last_name": last_name, "is_beneficiary": True,
            "cell_key": person_id, "created_at": self.now, "email_confirmed_at": self.now,
            "session_generation": 0,
        })
        return person_id

    def young_people(self, count: int) -> None:
        for number in range(count):
            self.people.append(self.person(
                f"jeune.{number}@bench.test", self.rng.choice(FIRST_NAMES),
                self.rng.choice(LAST_NAMES)))

    def structure(self, name: str, venues: int, offers: int, member_email: str | None) -> list:
        """A validated structure, its venues and offers; the stocks, as (id, offer, price, date)."""
        structure_id = self.ids.take(Structure)
        self.tables[Structure].append({
            "id": structure_id, "siren": with_luhn_digit(f"{70_000_000 + structure_id:08d}"),
            "name": name, "status": "validated", "created_at": self.now,
            "validated_at": self.now,
        })
        if member_email:
            member = self.person(member_email, "Camille", "Pro")
            self.tables[StructureMembership].append({
                "id": self.ids.take(StructureMembership), "user_id": member,
                "structure_id": structure_id, "status": "validated", "created_at": self.now,
            })
        venue_ids = []
        for number in range(venues):
            venue_ids.append(self.ids.take(Venue))
            self.tables[Venue].append({
                "id": venue_ids[-1], "structure_id": structure_id,
                "name": f"{name}, salle {number + 1}", "venue_type": "performing_arts",
                "is_virtual": False, "created_at": self.now,
            })
        return [stock for _ in range(offers) for stock in self._offer(venue_ids)]

    def _offer(self, venue_ids: list[int]) -> list[tuple]:
        offer_id = self.ids.take(Offer)
        is_event = self.rng.random() < 0.4
        subcategory = self.rng.choice(EVENT_SUBCATEGORIES if is_event else THING_SUBCATEGORIES)
        self.tables[Offer].append({
            "id": offer_id, "venue_id": self.rng.choice(venue_ids),
            "subcategory_id": subcategory, "name": f"Offre {offer_id} {subcategory.lower()}",
            "is_duo": is_event, "accessibility_hearing": False, "accessibility_mental": False,
            "accessibility_motor": False, "accessibility_visual": False,
            "validation": "approved", "is_active": True, "created_at": self.now,
            "updated_at": self.now,
        })
        price = self.rng.choice((0, 500, 1000, 1250, 2000, 3500))
        stocks = []
        for _ in range(self.rng.randint(1, 6) if is_event else 1):
            start = (self.now + dt.timedelta(days=self.rng.uniform(-700, 90))).replace(
                second=0, microsecond=0) if is_event else None
            stock_id = self.ids.take(Stock)
            self.tables[Stock].append({
                "id": stock_id, "offer_id": offer_id, "price_cents": price, "quantity": None,
                "booked_quantity": 0, "beginning_at": start, "booking_limit_at": start,
                "is_deleted": False, "created_at": self.now, "updated_at": self.now,
            })
            stocks.append((stock_id, offer_id, price, start))
        return stocks

    def bookings(self, stocks: list[tuple], count: int) -> list[tuple]:
        """`count` bookings of `stocks` by the young people, statuses mixed, oldest first.

        As (booked_at, person, stock, offer, price, status) tuples, which take far less memory
        than rows; `rows` numbers them in time order, as the app does when people book.
        """
        confirmed: set[tuple[int, int]] = set()
        statuses, weights = zip(*STATUSES, strict=True)
        planned = []
        for _ in range(count):
            stock_id, offer_id, price, start = self.rng.choice(stocks)
            person = self.rng.choice(self.people)
            status = self.rng.choices(statuses, weights)[0]
            if status == "confirmed" and (person, offer_id) in confirmed:
                status = "used"
            if status == "confirmed":
                confirmed.add((person, offer_id))
            if start is None:
                booked_at = self.now - dt.timedelta(seconds=self.rng.uniform(60, 86_400 * 700))
            else:
                booked_at = min(start, self.now) - dt.timedelta(
                    seconds=self.rng.uniform(60, 86_400 * 60))
            planned.append((booked_at, person, stock_id, offer_id, price, status))
        planned.sort()
        return planned

    def rows(self, *plans: list[tuple]):
        """The planned bookings of every structure as rows, ids following booking instants."""
        for booked_at, person, stock_id, offer_id, price, status in heapq.merge(*plans):
            used = status in ("used", "reimbursed")
            yield {
                "id": self.ids.take(Booking), "user_id": person, "stock_id": stock_id,
                "offer_id": offer_id, "quantity": 1, "unit_price_cents": price,
                "token": next(self.tokens), "status": status,
                "cancellation_reason": "beneficiary" if status == "cancelled" else None,
                "booked_at": booked_at,
                "cancelled_at": booked_at + dt.timedelta(hours=1) if status == "cancelled"
                else None,
                "used_at": booked_at + dt.timedelta(days=1) if used else None,
                "reimbursed_at": booked_at + dt.timedelta(days=20)
                if status == "reimbursed" else None,
            }


def database_url(engine_name: str, directory: Path) -> str:
    return empty_database(engine_name, directory, BENCH_DATABASE)


def build(engine_name: str, directory: Path, bookings: int, seed: int) -> tuple[str, dict]:
    """A migrated database with the generated rows; what the scenarios need to know of it."""
    url = database_url(engine_name, directory)
    started = time.perf_counter()
    migrations.upgrade(url)
    generator = Generator(utcnow(), seed)
    generator.young_people(30_000)
    big = generator.structure("Grand Théâtre du Banc", 3, 400, BIG_MEMBER)
    small = generator.structure("Petite Librairie du Banc", 1, 20, SMALL_MEMBER)
    others = [generator.structure(f"Compagnie {number}", 2, 40, None) for number in range(60)]
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        writer = FastWriter(session)
        for model, rows in generator.tables.items():
            writer.write(model, rows)
        writer.write(Booking, generator.rows(
            generator.bookings(big, bookings), generator.bookings(small, 500),
            *(generator.bookings(stocks, 2 * bookings // len(others)) for stocks in others)))
        sync_sequences(session, [*generator.tables, Booking])
        session.commit()
        total = session.scalar(text("SELECT count(*) FROM booking"))
    # What autovacuum does soon after a load on PostgreSQL: statistics, and the visibility map
    # that lets the list read its index alone.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if engine_name == "postgresql" else "ANALYZE"))
    engine.dispose()
    print(f"  {engine_name}: {total:,} bookings written in {time.perf_counter() - started:.0f} s"
          .replace(",", " "))
    event_day = next(start for _id, _offer, _price, start in big if start is not None)
    big_venue = generator.tables[Venue][0]["id"]
    return url, {"venue": big_venue, "offer": big[0][1],
                 "date": event_day.astimezone(dt.UTC).date().isoformat(),
                 "month_from": (generator.now - dt.timedelta(days=60)).date().isoformat(),
                 "month_to": (generator.now - dt.timedelta(days=30)).date().isoformat()}


def signed_in_client(app, email: str):
    return common.signed_in_client(app, email, PASSWORD)


def timed(client, counter: QueryCounter, series: Series, path: str, query: dict) -> None:
    before = counter.count
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(path, query_string=query, headers=GZIP)
    series.milliseconds.append((time.perf_counter() - started) * 1000)
    series.cpu_milliseconds.append((time.process_time() - cpu) * 1000)
    if response.status_code != 200:
        raise BenchError(f"GET {path} {query} answered {response.status_code}")
    series.queries.append(counter.count - before)
    series.sizes.append(len(response.data))


def deep_cursor(client, pages: int) -> str:
    """The `apres` of the page reached after following `pages` "older" links."""
    url = LIST
    for _ in range(pages):
        link = BeautifulSoup(client.get(url).data, "html.parser").find("a", rel="next")
        url = link["href"]
    return url.split("apres=")[1].split("&")[0]


def read_export(client, query: dict) -> tuple[float, float, int, int]:
    """Seconds to read the whole export as a browser asks for it (gzip), CPU seconds of this
    process meanwhile, its lines, its bytes on the wire; lines are counted as the chunks come,
    so nothing is held here either."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(EXPORT, query_string=query, headers=GZIP, buffered=False)
    if response.status_code != 200 or response.headers.get("Content-Encoding") != "gzip":
        raise BenchError(f"the export answered {response.status_code}, not gzipped")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    lines = size = 0
    for chunk in response.response:
        lines += inflater.decompress(chunk).count(b"\n")
        size += len(chunk)
    response.close()
    return time.perf_counter() - started, time.process_time() - cpu, lines, size


def resident_bytes() -> int:
    """The process's resident memory now (Linux), C allocations of SQLite and psycopg included."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def export_growth(client, query: dict) -> int:
    """How far resident memory rose above where it was while the export was read."""
    before, peak = resident_bytes(), 0
    response = client.get(EXPORT, query_string=query, headers=GZIP, buffered=False)
    for _chunk in response.response:
        peak = max(peak, resident_bytes())
    response.close()
    return peak - before


def export_peak(client, query: dict) -> int:
    tracemalloc.start()
    try:
        read_export(client, query)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(url: str, facts: dict, requests: int, instance: Path) -> list[str]:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENV": "testing",
                      "INSTANCE_DIR": instance, "RATELIMIT_ENABLED": False})
    counter = QueryCounter(app.extensions["database"]["engine"])
    big, small = signed_in_client(app, BIG_MEMBER), signed_in_client(app, SMALL_MEMBER)
    scenarios = [
        ("first page", big, {}),
        ("status confirmed", big, {"statut": "confirmed"}),
        ("one venue", big, {"lieu": facts["venue"]}),
        ("one offer", big, {"offre": facts["offer"]}),
        ("event date", big, {"date": facts["date"]}),
        ("booked within a month", big, {"du": facts["month_from"], "au": facts["month_to"]}),
        ("page 40", big, {"apres": deep_cursor(big, 40)}),
        ("small structure", small, {}),
    ]
    missed = 0
    lines = ["| list | median ms | p95 ms | CPU median ms | queries | gzip bytes |",
             "|---|---|---|---|---|---|"]
    for label, client, query in scenarios:
        series = Series(label)
        for _ in range(5):
            client.get(LIST, query_string=query)
        for _ in range(requests):
            timed(client, counter, series, LIST, query)
        lines.append(series.row())
        missed += series.p95() >= TARGET_P95_MS
    # Resident memory first, the smaller export before the whole one: if the whole one needed
    # more memory, the process would have to grow again for it.
    one_tenth = {"du": facts["month_from"]}
    growth_tenth = export_growth(big, one_tenth)
    growth_all = export_growth(big, {})
    seconds, cpu_seconds, exported, size = read_export(big, {})
    _, _, tenth_lines, _ = read_export(big, one_tenth)
    peak_all, peak_tenth = export_peak(big, {}), export_peak(big, one_tenth)
    lines += [
        "",
        f"export: {exported - 1:,} bookings, {size / 1e6:.1f} MB gzipped in {seconds:.2f} s "
        f"(CPU {cpu_seconds:.2f} s); "
        f"peak of Python allocations {peak_all / 1e6:.2f} MB, against "
        f"{peak_tenth / 1e6:.2f} MB for {tenth_lines - 1:,} bookings; resident memory rose "
        f"by {growth_all / 1e6:.1f} MB, against {growth_tenth / 1e6:.1f} MB".replace(",", " "),
        f"targets: list p95 under {TARGET_P95_MS:.0f} ms "
        f"{'met' if not missed else f'missed in {missed} scenarios'}; export under "
        f"{TARGET_EXPORT_S:.0f} s {'met' if seconds < TARGET_EXPORT_S else 'missed'}",
    ]
    app.extensions["database"]["engine"].dispose()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=200, help="requests per list scenario")
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-pro-") as folder:
        directory = Path(folder)
        for name in options.engines.split(","):
            print(f"Building the {name} database...")
            url, facts = build(name, directory, options.bookings, options.seed)
            print(f"\n{name}\n")
            print("\n".join(run(url, facts, options.requests, directory / "instance")))
            print()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
