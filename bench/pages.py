"""Every dynamic page of the young side, a booking and the pro's bookings list, beside hello.

One run, per engine (SQLite, PostgreSQL): build a throwaway database (migrations, the demo data,
with `--scale` the national data set too, and BENCH_PEOPLE young people of Montpellier, one per
connection, so that sixteen clients are sixteen people and not one person swiping sixteen times
at once), start the real app under gunicorn with production settings beside the bare Flask hello
(bench/hello_app.py), both with the same workers, sign everyone in through the real pages, then
load each page in turn for `--seconds` with CONCURRENCY connections (the built-in closed-loop
client of loadgen.py: each connection sends a request, waits for the whole answer, sends the
next). Printed per page: requests per second, p50, p95, the share of hello's requests per second
and the targets; then the resident memory of each app worker at the end.

Pages (signed in as the connection's person unless said otherwise):

- deck: GET /decouvrir/
- swipe: POST /decouvrir/reponse as htmx, answering the card the previous answer brought
  ("Pas pour moi", every fifth "J'aime")
- offer: GET /offres/N, anonymous, a new visitor at each request (no cookie: the page from the
  page cache, a new session and its CSRF token each time)
- offer 304: the same page revalidated by visitors who keep their cookies and send the ETag
  they got (If-None-Match): a 304, as a browser coming back to the page gets it
- search: GET /recherche/?q=concert
- map: GET /carte (the person's commune, 20 km)
- booking: POST /offres/N/reserver then POST /reservations/M/annuler, alternating (both are
  counted: the figures are those of a booking and its cancellation, one request each)
- pro list: GET /pro/reservations/ as the demo pro (sixteen connections, one account)

It exits 1, with the server's last log lines, when a server does not start, a page answers
anything but what it should (200, or 303 for the booking's two forms), or the deck runs dry.

Usage: .venv/bin/python bench/pages.py [--engines sqlite,postgresql] [--scale] [--seconds 5]
       [--pages deck,swipe,...] [--database-url URL (a database built by an earlier --keep)]
bench/README.md ("pages.py") says how to read it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.client
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from loadgen import REQUEST_HEADERS, REQUEST_TIMEOUT, BenchError  # noqa: E402
from servers import (  # noqa: E402
    ROOT,
    App,
    app_environment,
    free_ports,
    gunicorn_options,
    log_summary,
    start_server,
    stop_server,
    wait_until_ready,
)
from sqlalchemy import create_engine, make_url, pool, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "passculture_bench_pages"
CONCURRENCY = 16
BENCH_PEOPLE = CONCURRENCY
PEOPLE_EMAIL = "banc{}@bench.passculture.test"
WARMUP_SECONDS = 1.0
HELLO = App("hello", "hello_app:app", BENCH, "/hello")
PAGES = ("deck", "swipe", "offer", "offer 304", "search", "map", "booking", "pro list")
# Share of hello's requests per second each page should reach (issue 14).
TARGETS = {"deck": 0.40, "swipe": 0.40, "offer": 0.40, "offer 304": 0.40, "search": 0.20,
           "map": 0.20}
TARGET_P95_MS = 100.0
TARGET_RSS_MB = 150.0
CSRF = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')
OFFER_ID = re.compile(rb'name="offer_id"[^>]*value="(\d+)"')
BOOKING_URL = re.compile(r"/reservations/(\d+)$")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
HTMX = {"HX-Request": "true", "HX-Target": "deck-card", "HX-Current-URL": "/decouvrir/"}


# --- the database -------------------------------------------------------------------------


def database_url(engine_name: str, directory: Path, server: str,
                 name: str = BENCH_DATABASE) -> str:
    if engine_name == "sqlite":
        return f"sqlite:///{directory / 'bench_pages.sqlite3'}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def build_database(url: str, scale: bool, offers: int, bookings: int) -> None:
    """Migrations, the demo, the national data set with `scale`, and the bench's people."""
    from models import migrations
    from models.db import make_engine, utcnow
    from webapp.demo import load_demo
    from webapp.demo.scale import DEFAULT_SCALE, load_scale

    started = time.perf_counter()
    migrations.upgrade(url)
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        now = utcnow()
        load_demo(session, now)
        session.commit()
        if scale:
            load_scale(session, venues=DEFAULT_SCALE["venues"], offers=offers,
                       bookings=bookings, seed=2018)
            session.commit()
        add_people(session, now)
        session.commit()
        if engine.dialect.name == "postgresql":
            session.execute(text("ANALYZE"))
            session.commit()
        counts = session.execute(text(
            "SELECT (SELECT count(*) FROM offer), (SELECT count(*) FROM booking)")).one()
    engine.dispose()
    print(f"  {counts[0]:,} offers, {counts[1]:,} bookings, built in "
          f"{time.perf_counter() - started:.0f} s".replace(",", " "), flush=True)


def add_people(session: Session, now: dt.datetime) -> None:
    """BENCH_PEOPLE 18-year-olds of Montpellier with their credit, as the demo's Camille."""
    from models.credit.api import open_deposit
    from models.users.api import create_user
    from models.users.models import ActivityStatus, User
    from webapp.demo.accounts import DEMO_PASSWORD

    if session.scalar(select(User.id).where(User.email == PEOPLE_EMAIL.format(0))):
        return
    today = now.date()
    born = dt.date(today.year - 18, today.month, 1) - dt.timedelta(days=95)
    for number in range(BENCH_PEOPLE):
        person = create_user(
            session, PEOPLE_EMAIL.format(number), DEMO_PASSWORD, is_beneficiary=True,
            first_name="Banc", last_name=f"Numéro {number}", date_of_birth=born,
            commune_code="34172", postal_code="34000", address="12 rue de la Loge",
            activity=ActivityStatus.HIGH_SCHOOL,
        )
        person.email_confirmed_at = now
        session.flush()
        open_deposit(session, person, now - dt.timedelta(days=30))


def add_people_to(url: str) -> None:
    """The bench's people in a database built elsewhere (`--database-url`), if missing."""
    from models.db import make_engine, utcnow

    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        add_people(session, utcnow())
        session.commit()
    engine.dispose()


def booking_targets(url: str) -> list[tuple[int, int]]:
    """(offer, stock) pairs a person may book and cancel at will: things, not events, without
    a limited quantity, at most 20 €, in a place (no activation code), one per connection when
    there are enough (else connections share them: each is a different person)."""
    from models.db import make_engine, utcnow
    from models.offerers.models import Structure, Venue
    from models.offers.catalogue import SUBCATEGORIES
    from models.offers.models import Offer, Stock
    from models.offers.repository import bookable_stock_clause, shown_offer_clause

    now = utcnow()
    places = [sub.id for sub in SUBCATEGORIES.values()
              if not sub.is_event and not sub.is_online_only]
    query = (
        select(Offer.id, Stock.id)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .join(Stock, Stock.offer_id == Offer.id)
        .where(shown_offer_clause(), bookable_stock_clause(now), Stock.quantity.is_(None),
               Stock.beginning_at.is_(None), Stock.price_cents <= 2000,
               Venue.is_virtual.is_(False), Offer.subcategory_id.in_(places))
        .order_by(Offer.id).limit(CONCURRENCY)
    )
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        pairs = [tuple(row) for row in session.execute(query)]
    engine.dispose()
    if not pairs:
        raise BenchError("no offer to book and cancel freely was found")
    return [pairs[number % len(pairs)] for number in range(CONCURRENCY)]


# --- HTTP clients -------------------------------------------------------------------------


def body_of(response: http.client.HTTPResponse) -> bytes:
    data = response.read()
    if response.getheader("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return data


class Browser:
    """One person's cookies and form token, kept as they were right after signing in.

    Later answers set cookies too (a flash message in the session, for a redirect the bench
    does not follow): they are not kept, so every request carries the same small session.
    """

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def headers(self, extra: dict | None = None) -> dict:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {**REQUEST_HEADERS, **({"Cookie": cookie} if cookie else {}), **(extra or {})}

    def send(self, method: str, path: str, body: str | None = None, extra: dict | None = None,
             keep_cookies: bool = True) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=self.headers(extra))
            response = connection.getresponse()
            data = body_of(response)
            if keep_cookies:
                for header in response.headers.get_all("Set-Cookie") or []:
                    for name, morsel in SimpleCookie(header).items():
                        self.cookies[name] = morsel.value
            return response.status, dict(response.getheaders()), data
        finally:
            connection.close()

    def page(self, path: str) -> bytes:
        status, _headers, data = self.send("GET", path)
        if status != 200:
            raise BenchError(f"GET {path} answered {status}")
        found = CSRF.search(data)
        if found:
            self.csrf = found.group(1).decode()
        return data

    def sign_in(self, email: str, password: str, landing: str) -> None:
        self.page("/connexion")
        form = urlencode({"csrf_token": self.csrf, "email": email, "password": password})
        status, _headers, _data = self.send("POST", "/connexion", form, FORM)
        if status != 303:
            raise BenchError(f"signing in as {email} answered {status}")
        self.page(landing)  # shows the welcome message once, settles the session and its token
        self.page(landing)


@dataclass
class Client:
    """What one connection sends next, and what it checks in each answer."""

    browser: Browser | None
    kind: str
    offer_id: int = 0
    stock_id: int = 0
    booking_id: int | None = None
    etag: str = ""
    answered: int = 0
    failures: list[str] = field(default_factory=list)

    def next_request(self) -> tuple[str, str, str | None, dict]:
        csrf = self.browser.csrf if self.browser else ""
        if self.kind == "swipe":
            action = "like" if self.answered % 5 == 4 else "skip"
            form = urlencode({"csrf_token": csrf, "offer_id": self.offer_id, "action": action})
            return "POST", "/decouvrir/reponse", form, {**FORM, **HTMX}
        if self.kind == "booking":
            if self.booking_id is None:
                form = urlencode({"csrf_token": csrf, "stock_id": self.stock_id, "quantity": 1})
                return "POST", f"/offres/{self.offer_id}/reserver", form, FORM
            form = urlencode({"csrf_token": csrf})
            return "POST", f"/reservations/{self.booking_id}/annuler", form, FORM
        if self.kind == "offer 304":
            return "GET", PATHS["offer"].format(offer=self.offer_id), None, {
                "If-None-Match": self.etag}
        return "GET", PATHS[self.kind].format(offer=self.offer_id), None, {}

    def check(self, status: int, headers: dict, data: bytes) -> str | None:
        """None when the answer is the expected one, else what is wrong."""
        if self.kind == "booking":
            if status != 303:
                return f"booking answered {status}"
            if self.booking_id is None:
                found = BOOKING_URL.search(headers.get("Location", ""))
                if not found:
                    return f"booking redirected to {headers.get('Location')}, not to a ticket"
                self.booking_id = int(found.group(1))
            else:
                self.booking_id = None
            return None
        if status != (304 if self.kind == "offer 304" else 200):
            return f"{self.kind} answered {status}"
        if self.kind == "swipe":
            found = OFFER_ID.search(data)
            if not found:
                return "the deck ran out of cards"
            self.offer_id, self.answered = int(found.group(1)), self.answered + 1
        return None


PATHS = {
    "deck": "/decouvrir/",
    "offer": "/offres/{offer}",
    "search": "/recherche/?q=concert",
    "map": "/carte",
    "pro list": "/pro/reservations/",
    "hello": "/hello",
}


def load(port: int, clients: list[Client], seconds: float) -> tuple[list[float], float]:
    """Every client on its own connection for `seconds`; the latencies and the elapsed time."""
    latencies: list[float] = []
    start = threading.Barrier(len(clients) + 1)
    deadline = [0.0]

    def loop(client: Client) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        browser = client.browser
        start.wait()
        while time.perf_counter() < deadline[0] and not client.failures:
            method, path, body, extra = client.next_request()
            headers = browser.headers(extra) if browser else {**REQUEST_HEADERS, **extra}
            began = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as error:
                client.failures.append(f"{method} {path}: {error!r}")
                connection.close()
                continue
            latencies.append(time.perf_counter() - began)
            if client.kind == "swipe" and response.getheader("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            problem = client.check(response.status, dict(response.getheaders()), data)
            if problem:
                client.failures.append(f"{method} {path}: {problem}")
        connection.close()

    threads = [threading.Thread(target=loop, args=(client,), daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    failures = [failure for client in clients for failure in client.failures]
    if failures:
        raise BenchError(f"{len(failures)} failed requests, first: {failures[0]}")
    return latencies, elapsed


@dataclass(frozen=True)
class Figure:
    page: str
    requests: int
    per_second: float
    p50_ms: float
    p95_ms: float
    cpu_ms: float  # the server's workers' CPU time per request


def figure(page: str, latencies: list[float], seconds: float, cpu_seconds: float) -> Figure:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return Figure(page, len(ordered), len(ordered) / seconds,
                  statistics.median(ordered) * 1000, p95 * 1000,
                  cpu_seconds * 1000 / max(len(ordered), 1))


def workers_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) the gunicorn master's children have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(master_pid):  # fields after the name: state, ppid, ...
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def measured(page: str, port: int, master_pid: int, clients: list, seconds: float) -> Figure:
    before = workers_cpu_seconds(master_pid)
    latencies, elapsed = load(port, clients, seconds)
    return figure(page, latencies, elapsed, workers_cpu_seconds(master_pid) - before)


# --- one engine ---------------------------------------------------------------------------


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of the gunicorn master's children (its workers), in MB."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def cpu_seconds() -> tuple[float, float]:
    """(all CPUs busy time, this bench's process tree's CPU time), for the contention line."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    busy = sum(values) - values[3] - values[4]
    tree = os.times()
    ticks = os.sysconf("SC_CLK_TCK")
    return busy / ticks, tree.user + tree.system + tree.children_user + tree.children_system


def measure(url: str, pages: list[str], seconds: float, workers: int,
            workdir: Path) -> tuple[Figure, list[Figure], list[float]]:
    from webapp.demo.accounts import DEMO_PASSWORD, PRO

    targets = booking_targets(url)
    env = app_environment(url, workdir)
    options = gunicorn_options(workers, 1)
    apps = [App("app", "wsgi:app", ROOT, "/"), HELLO]
    with ExitStack() as stack:
        servers = []
        for app, port in zip(apps, free_ports(len(apps)), strict=True):
            servers.append(start_server(app, port, options, env, workdir))
            stack.callback(stop_server, servers[-1])
        for server in servers:
            wait_until_ready(server)
        app_server, hello_server = servers
        port = app_server.port
        try:
            people = []
            for number in range(CONCURRENCY):
                browser = Browser(port)
                browser.sign_in(PEOPLE_EMAIL.format(number), DEMO_PASSWORD, "/decouvrir/")
                people.append(browser)
            pro = Browser(port)
            pro.sign_in(PRO, DEMO_PASSWORD, "/pro/reservations/")
            hello_before = measure_hello(hello_server, seconds)
            figures = []
            for page in pages:
                clients = make_clients(page, people, pro, targets)
                load(port, clients, WARMUP_SECONDS)
                clients = make_clients(page, people, pro, targets, clients)
                figures.append(measured(page, port, app_server.process.pid, clients, seconds))
                print(f"    {page}: {figures[-1].per_second:.0f} req/s", flush=True)
            hello_figure = merged(hello_before, measure_hello(hello_server, seconds))
        except BenchError as error:
            raise BenchError(f"{error}\n--- app server log ---\n{log_summary(app_server)}") \
                from None
        memory = worker_rss_mb(app_server.process.pid)
    return hello_figure, figures, memory


def measure_hello(server, seconds: float) -> Figure:
    hello = [Client(None, "hello") for _ in range(CONCURRENCY)]
    load(server.port, hello, WARMUP_SECONDS)
    return measured("hello", server.port, server.process.pid, hello, seconds)


def merged(first: Figure, second: Figure) -> Figure:
    """Hello measured before and after the pages: the mean, so a drift in the machine's load
    during the run weighs on both sides of the ratio."""
    return Figure("hello", first.requests + second.requests,
                  (first.per_second + second.per_second) / 2, (first.p50_ms + second.p50_ms) / 2,
                  (first.p95_ms + second.p95_ms) / 2, (first.cpu_ms + second.cpu_ms) / 2)


def make_clients(page: str, people: list[Browser], pro: Browser,
                 targets: list[tuple[int, int]], previous: list[Client] | None = None
                 ) -> list[Client]:
    """One client per connection; after the warm-up, the same state carried over."""
    if previous is not None:
        return [Client(**{**client.__dict__, "failures": []}) for client in previous]
    if page == "pro list":
        return [Client(pro, page) for _ in range(CONCURRENCY)]
    if page == "offer":
        return [Client(None, page, offer_id=targets[0][0]) for _ in range(CONCURRENCY)]
    if page == "offer 304":
        clients = []
        for _ in range(CONCURRENCY):
            visitor = Browser(pro.port)
            status, headers, _data = visitor.send("GET", PATHS["offer"].format(
                offer=targets[0][0]))
            if status != 200 or not headers.get("ETag"):
                raise BenchError(f"the offer page answered {status} without an ETag")
            clients.append(Client(visitor, page, offer_id=targets[0][0], etag=headers["ETag"]))
        return clients
    clients = []
    for browser, (offer_id, stock_id) in zip(people, targets, strict=True):
        client = Client(browser, page, offer_id=offer_id, stock_id=stock_id)
        if page == "swipe":
            found = OFFER_ID.search(browser.page("/decouvrir/"))
            if not found:
                raise BenchError("the deck shows no card to answer")
            client.offer_id = int(found.group(1))
        clients.append(client)
    return clients


def report(name: str, hello: Figure, figures: list[Figure], memory: list[float],
           busy: float) -> str:
    """The table: throughput and latency under load, then CPU per request, both as a share of
    hello's. Under contention the CPU share is the steadier of the two (bench/README.md)."""
    lines = [f"\n{name}",
             f"{'page':<9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'of hello':>8} "
             f"{'cpu ms':>7} {'of hello':>8}  targets (share of hello's req/s; p95)",
             f"{'hello':<9} {hello.per_second:>7.0f} {hello.p50_ms:>7.1f} {hello.p95_ms:>7.1f} "
             f"{'100 %':>8} {hello.cpu_ms:>7.2f} {'100 %':>8}"]
    for item in figures:
        share = item.per_second / hello.per_second
        cpu_share = hello.cpu_ms / item.cpu_ms if item.cpu_ms else 0.0
        wanted = TARGETS.get(item.page)
        verdict = []
        if wanted is not None:
            verdict.append(f"≥ {wanted:.0%} {'met' if share >= wanted else 'MISSED'}")
        verdict.append(f"< 100 ms {'met' if item.p95_ms < TARGET_P95_MS else 'MISSED'}")
        lines.append(f"{item.page:<9} {item.per_second:>7.0f} {item.p50_ms:>7.1f} "
                     f"{item.p95_ms:>7.1f} {share:>7.1%} {item.cpu_ms:>7.2f} {cpu_share:>7.1%}"
                     f"  {', '.join(verdict)}")
    worst = max(memory) if memory else 0.0
    lines.append(f"app workers' resident memory at the end: "
                 f"{', '.join(f'{size:.0f} MB' for size in memory)} "
                 f"(< {TARGET_RSS_MB:.0f} MB {'met' if worst < TARGET_RSS_MB else 'MISSED'})")
    warning = (" (above 10 %: throughput and latency measure the contention too)"
               if busy > 10 else "")
    lines.append(f"CPU used by other jobs during the load: {busy:.0f} % of the machine{warning}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--scale", action="store_true",
                        help="add the national data set (100,000 offers): several minutes more")
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5.0, help="load per page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--postgres-url",
                        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--database-name", default=BENCH_DATABASE,
                        help="the PostgreSQL database the run drops and builds")
    parser.add_argument("--database-url", help="a database built by an earlier run with --keep")
    parser.add_argument("--keep", help="build the SQLite database in this folder and keep it")
    options = parser.parse_args()
    pages = [page.strip() for page in options.pages.split(",")]
    unknown = set(pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        workdir = Path(folder)
        targets = ([("given database", options.database_url)] if options.database_url
                   else [(name.strip(), None) for name in options.engines.split(",")])
        for name, url in targets:
            if url is None:
                print(f"Building the {name} database...", flush=True)
                where = Path(options.keep) if options.keep and name == "sqlite" else workdir
                url = database_url(name, where, options.postgres_url, options.database_name)
                build_database(url, options.scale, options.offers, options.bookings)
            else:
                add_people_to(url)
            print(f"Loading {name}: {CONCURRENCY} connections, {options.workers} sync workers, "
                  f"{options.seconds:g} s a page", flush=True)
            before, began = cpu_seconds(), time.monotonic()
            try:
                hello, figures, memory = measure(url, pages, options.seconds, options.workers,
                                                 workdir)
            except BenchError as error:
                print(f"{name}: {error}", file=sys.stderr)
                return 1
            after, elapsed = cpu_seconds(), time.monotonic() - began
            others = (after[0] - before[0]) - (after[1] - before[1])
            busy = max(0.0, 100 * others / (elapsed * (os.cpu_count() or 1)))
            data = ("the given database" if options.database_url
                    else "national scale" if options.scale else "demo data")
            print(report(f"{name} ({data})", hello, figures, memory, busy), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
