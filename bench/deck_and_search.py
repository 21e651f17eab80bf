"""Server time of the discovery deck and of search, with the demo data and at national scale.

It builds a throwaway database per engine (migrations, the demo data, and with `--scale` the
benchmark data set of `flask demo scale`: by default 20,000 venues and 100,000 offers added all
over France), signs in as the demo 18-year-old of Montpellier, and times requests handled by the
real app in process (routing, SQL, templates, gzip; no network, no server):

- deck: the deck page (shows the next card; it reads only, the answer records);
- swipe: one htmx answer ("Pas pour moi", every fifth "J'aime") and the next card's partial;
- search: a mix of searches (words, filters, orders, all of France, page 2).

For each it prints the median and 95th percentile of the wall time in milliseconds, the median
CPU time of this process (all of the work with SQLite, which runs in process; without the
server's share with PostgreSQL), the most SQL statements a request sent, and the median size of
the responses as sent (gzip). It exits with 1 if any request does not answer 200. On a busy
machine, read the CPU column: wall times then include waiting for a processor.

Usage: .venv/bin/python bench/deck_and_search.py [--engines sqlite,postgresql] [--scale]
       [--swipes N] [--rounds N] [--database-url URL (an existing, loaded database)]

PostgreSQL databases are created on the server named by BENCH_POSTGRES_URL (default: the local
one, user postgres) as `passculture_bench_deck`, dropped and rebuilt at each run. Building the
national scale takes several minutes (the demo, then 100,000 offers and their stocks, and
100,000 bookings by default); `--database-url` reuses a database built earlier.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402
from sqlalchemy import create_engine, event, make_url, pool, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from models import migrations  # noqa: E402
from models.db import make_engine, utcnow  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.demo import load_demo  # noqa: E402
from webapp.demo.accounts import DEMO_PASSWORD, YOUNG_18  # noqa: E402
from webapp.demo.scale import DEFAULT_SCALE, load_scale  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "passculture_bench_deck"
HTMX = {"HX-Request": "true", "HX-Target": "deck-card", "Accept-Encoding": "gzip"}
SEARCHES = [
    "/recherche/",
    "/recherche/?q=concert",
    "/recherche/?q=theatre&rayon=100",
    "/recherche/?q=livre&tri=prix",
    "/recherche/?q=manga&rayon=france",
    "/recherche/?categorie=CINEMA&quand=semaine",
    "/recherche/?gratuit=1&tri=date",
    "/recherche/?rayon=france&tri=prix",
    "/recherche/?rayon=france&q=musique&tri=date",
    "/recherche/?acces=moteur&format=sur_place&tri=distance",
    "/recherche/?q=concert&page=2",
]


class BenchError(RuntimeError):
    """The run cannot give figures worth printing."""


@dataclass
class Series:
    name: str
    milliseconds: list[float] = field(default_factory=list)
    cpu_milliseconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)

    def row(self) -> str:
        ordered = sorted(self.milliseconds)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        size = f"{statistics.median(self.sizes) / 1000:6.1f}" if self.sizes else "     -"
        return (f"{self.name:<8} {len(ordered):>5} {statistics.median(ordered):>9.1f} "
                f"{p95:>9.1f} {statistics.median(self.cpu_milliseconds):>9.1f} "
                f"{max(self.queries):>8} {size}")


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_args):
        self.count += 1


def build_database(engine_name: str, directory: Path, scale: bool, offers: int, venues: int,
                   bookings: int) -> str:
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
        if scale:
            load_scale(session, venues=venues, offers=offers, bookings=bookings, seed=2018)
            session.commit()
        if engine_name == "postgresql":
            session.execute(text("ANALYZE"))
            session.commit()
        counts = session.execute(text(
            "SELECT (SELECT count(*) FROM offer), (SELECT count(*) FROM venue), "
            "(SELECT count(*) FROM stock)")).one()
    engine.dispose()
    print(f"  {engine_name}: {counts[0]:,} offers, {counts[1]:,} venues, {counts[2]:,} stocks, "
          f"built in {time.perf_counter() - started:.0f} s".replace(",", " "))
    return url


def timed(client, counter: QueryCounter, series: Series, method: str, path: str, **options):
    before = counter.count
    started, cpu = time.perf_counter(), time.process_time()
    response = getattr(client, method)(path, **options)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise BenchError(f"{method.upper()} {path} answered {response.status_code}")
    series.milliseconds.append(elapsed)
    series.cpu_milliseconds.append((time.process_time() - cpu) * 1000)
    series.queries.append(counter.count - before)
    return response


def run(url: str, swipes: int, rounds: int, instance: Path) -> list[Series]:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENV": "testing",
                      "INSTANCE_DIR": instance, "RATELIMIT_ENABLED": False})
    counter = QueryCounter(app.extensions["database"]["engine"])
    client = app.test_client()
    page = client.get("/connexion")
    token = BeautifulSoup(page.data, "html.parser").find("input", attrs={"name": "csrf_token"})
    signed_in = client.post("/connexion", data={
        "csrf_token": token["value"], "email": YOUNG_18, "password": DEMO_PASSWORD})
    if signed_in.status_code != 303:
        raise BenchError(f"sign-in as {YOUNG_18} answered {signed_in.status_code}")
    for path in ["/decouvrir/", *SEARCHES]:
        client.get(path)  # compile templates, fill caches
    deck, swipe, search = Series("deck"), Series("swipe"), Series("search")
    gzip = {"Accept-Encoding": "gzip"}
    timed(client, counter, deck, "get", "/decouvrir/", headers=gzip)
    for number in range(swipes):
        soup = BeautifulSoup(client.get("/decouvrir/").data, "html.parser")
        offer = soup.find("input", attrs={"name": "offer_id"})
        if offer is None:
            break
        action = "like" if number % 5 == 4 else "skip"
        response = timed(client, counter, swipe, "post", "/decouvrir/reponse", headers=HTMX, data={
            "csrf_token": soup.find("input", attrs={"name": "csrf_token"})["value"],
            "offer_id": offer["value"], "action": action,
        })
        swipe.sizes.append(len(response.data))
        timed(client, counter, deck, "get", "/decouvrir/", headers=gzip)
    for _round in range(rounds):
        for path in SEARCHES:
            response = timed(client, counter, search, "get", path, headers=gzip)
            search.sizes.append(len(response.data))
    app.extensions["database"]["engine"].dispose()
    return [deck, swipe, search]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--scale", action="store_true", help="add the national-scale data set")
    parser.add_argument("--offers", type=int, default=DEFAULT_SCALE["offers"])
    parser.add_argument("--venues", type=int, default=DEFAULT_SCALE["venues"])
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--swipes", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5, help="times each search is run")
    parser.add_argument("--database-url", help="use this loaded database instead of building one")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-deck-") as folder:
        directory = Path(folder)
        targets = ([("given", options.database_url)] if options.database_url else [
            (name, None) for name in options.engines.split(",")])
        for name, url in targets:
            if url is None:
                print(f"Building the {name} database...")
                url = build_database(name, directory, options.scale, options.offers,
                                     options.venues, options.bookings)
            try:
                results = run(url, options.swipes, options.rounds, directory)
            except BenchError as error:
                print(f"{name}: {error}", file=sys.stderr)
                return 1
            data = ("the given database" if options.database_url
                    else "national scale" if options.scale else "demo data")
            print(f"\n{name} ({data}), server time in process")
            print(f"{'request':<8} {'count':>5} {'p50 ms':>9} {'p95 ms':>9} {'cpu p50':>9} "
                  f"{'queries':>8} {'KB sent':>6}")
            for series in results:
                print(series.row())
    return 0


if __name__ == "__main__":
    sys.exit(main())
