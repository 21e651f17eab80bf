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

The set-up is `bench/common.py`'s. PostgreSQL databases are created on the server named by
BENCH_POSTGRES_URL (default: the local one, user postgres) as `passculture_bench_deck`, dropped
and rebuilt at each run. Building the national scale takes several minutes (the demo, then
100,000 offers and their stocks, and 100,000 bookings by default); `--database-url` reuses a
database built earlier.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402
from sqlalchemy import pool, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.common import (  # noqa: E402
    BenchError,
    QueryCounter,
    Series,
    bench_app,
    empty_database,
    load_demo_database,
    signed_in_client,
    timed,
)
from models.db import make_engine  # noqa: E402
from webapp.demo.accounts import DEMO_PASSWORD, YOUNG_18  # noqa: E402
from webapp.demo.scale import DEFAULT_SCALE  # noqa: E402

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


def build_database(engine_name: str, directory: Path, scale: bool, offers: int, venues: int,
                   bookings: int) -> str:
    url = empty_database(engine_name, directory, BENCH_DATABASE)
    started = time.perf_counter()
    load_demo_database(url, {"venues": venues, "offers": offers, "bookings": bookings}
                       if scale else None)
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        counts = session.execute(text(
            "SELECT (SELECT count(*) FROM offer), (SELECT count(*) FROM venue), "
            "(SELECT count(*) FROM stock)")).one()
    engine.dispose()
    print(f"  {engine_name}: {counts[0]:,} offers, {counts[1]:,} venues, {counts[2]:,} stocks, "
          f"built in {time.perf_counter() - started:.0f} s".replace(",", " "))
    return url


def run(url: str, swipes: int, rounds: int, instance: Path) -> list[Series]:
    app = bench_app(url, instance)
    counter = QueryCounter(app.extensions["database"]["engine"])
    client = signed_in_client(app, YOUNG_18, DEMO_PASSWORD)
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
        timed(client, counter, swipe, "post", "/decouvrir/reponse", headers=HTMX, data={
            "csrf_token": soup.find("input", attrs={"name": "csrf_token"})["value"],
            "offer_id": offer["value"], "action": action,
        })
        timed(client, counter, deck, "get", "/decouvrir/", headers=gzip)
    for _round in range(rounds):
        for path in SEARCHES:
            timed(client, counter, search, "get", path, headers=gzip)
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
