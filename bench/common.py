"""What the in-process benchmarks share: throwaway databases, the demo and scale data sets, a
signed-in test client of the real app, and series of timed requests (wall and CPU time, SQL
statements, bytes sent).

CPU time is that of this process: all of the work on SQLite, which runs in process, and the
client's share only on PostgreSQL. On a busy machine it is the steadier figure: wall times
then include waiting for a processor.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402
from sqlalchemy import create_engine, event, make_url, pool, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from models import migrations  # noqa: E402
from models.db import make_engine, utcnow  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


class BenchError(RuntimeError):
    """The run cannot give figures worth printing."""


@dataclass
class Series:
    """Timed requests of one kind."""

    name: str
    milliseconds: list[float] = field(default_factory=list)
    cpu_milliseconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(self.milliseconds)

    def cpu_median(self) -> float:
        return statistics.median(self.cpu_milliseconds)

    def p95(self) -> float:
        ordered = sorted(self.milliseconds)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]

    def row(self) -> str:
        size = f"{statistics.median(self.sizes) / 1000:6.1f}" if self.sizes else "     -"
        return (f"{self.name:<8} {len(self.milliseconds):>5} {self.median():>9.1f} "
                f"{self.p95():>9.1f} {self.cpu_median():>9.1f} "
                f"{max(self.queries, default=0):>8} {size}")


class QueryCounter:
    """Counts the SQL statements an engine sends."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_args):
        self.count += 1


class Stopwatch:
    """Wall and CPU time of a block, in milliseconds: `with Stopwatch() as watch: ...`."""

    def __enter__(self) -> Stopwatch:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc) -> None:
        self.milliseconds = (time.perf_counter() - self._wall) * 1000
        self.cpu_milliseconds = (time.process_time() - self._cpu) * 1000


def server_cpu_seconds(connection) -> float | None:
    """CPU seconds PostgreSQL's backend process of `connection` has used so far, when the server
    runs on this machine (None on SQLite, or when its process cannot be read): the server's
    share of a unit of work, which the client's CPU time leaves out."""
    if connection.dialect.name != "postgresql":
        return None
    pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def empty_database(engine_name: str, directory: Path, name: str) -> str:
    """The URL of a new, empty database: a SQLite file in `directory`, or the PostgreSQL
    database `name` on the server of BENCH_POSTGRES_URL, dropped first if it exists."""
    if engine_name == "sqlite":
        return f"sqlite:///{directory / f'{name}.sqlite3'}"
    server = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def load_demo_database(url: str, scale: dict | None = None) -> float:
    """Migrate, load the demo, and the benchmark data set of `flask demo scale` when `scale`
    gives its sizes (venues, offers, bookings); analyse PostgreSQL's tables. Returns seconds."""
    from webapp.demo import load_demo
    from webapp.demo.scale import load_scale

    started = time.perf_counter()
    migrations.upgrade(url)
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        load_demo(session, utcnow())
        session.commit()
        if scale:
            load_scale(session, seed=2018, **scale)
            session.commit()
    analyse(engine)
    engine.dispose()
    return time.perf_counter() - started


def analyse(engine) -> None:
    """Let PostgreSQL's planner see rows loaded in bulk (what autovacuum does soon after)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")


def bench_app(url: str, instance: Path):
    """The real app on `url`, in process, without rate limits."""
    from webapp import create_app

    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENV": "testing",
                       "INSTANCE_DIR": instance, "RATELIMIT_ENABLED": False})


def signed_in_client(app, email: str, password: str):
    """A test client signed in through the sign-in form."""
    client = app.test_client()
    page = client.get("/connexion")
    token = BeautifulSoup(page.data, "html.parser").find("input", attrs={"name": "csrf_token"})
    response = client.post("/connexion", data={"csrf_token": token["value"], "email": email,
                                               "password": password})
    if response.status_code != 303:
        raise BenchError(f"sign-in as {email} answered {response.status_code}")
    return client


def timed(client, counter: QueryCounter, series: Series, method: str, path: str, **options):
    """One request, added to `series`; a BenchError unless it answers 200."""
    before = counter.count
    with Stopwatch() as watch:
        response = getattr(client, method)(path, **options)
    if response.status_code != 200:
        raise BenchError(f"{method.upper()} {path} answered {response.status_code}")
    series.milliseconds.append(watch.milliseconds)
    series.cpu_milliseconds.append(watch.cpu_milliseconds)
    series.queries.append(counter.count - before)
    series.sizes.append(len(response.data))
    return response
