"""Measure the real app's home page against a bare Flask "hello", both under the same gunicorn.

The hello app (bench/hello_app.py) is the floor: the fastest a Flask page can be served on this
machine with these server settings. Reading the home page as a ratio of it, rather than as raw
requests per second, makes the figure comparable between machines and isolates our own cost.

Usage: .venv/bin/python bench/home_vs_hello.py [--requests N] [--concurrency C] [--workers W] ...
bench/README.md says what the figures mean and how far to trust them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path

from loadgen import BenchError, Measure, python_load, wrk_load
from servers import (
    ROOT,
    App,
    Server,
    app_environment,
    free_ports,
    gunicorn_options,
    migrated_sqlite_url,
    start_server,
    stop_server,
    wait_until_ready,
)

HELLO = App("hello", "hello_app:app", ROOT / "bench", "/hello")
# Enough for every worker to compile its templates and fill its caches before the clock starts.
WARMUP_REQUESTS = 200
# Above this share of the CPUs taken by other jobs, the run says its figures are not to be kept.
BUSY_ELSEWHERE_WARNING = 10.0


@dataclass(frozen=True)
class Summary:
    """An endpoint's median figures over the rounds, with the rounds themselves."""

    endpoint: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    slowest_round_rps: float
    fastest_round_rps: float
    rounds: list[Measure]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--requests", type=int, default=2000, help="measured requests per round and server")
    add("--concurrency", type=int, default=4, help="requests in flight at once")
    add("--rounds", type=int, default=3, help="alternating rounds per server")
    add("--workers", type=int, default=2, help="gunicorn workers per server")
    add("--threads", type=int, default=1, help="threads per worker: above 1, gunicorn's gthread")
    add("--path", default="/", help="the app path to measure with an anonymous GET")
    add("--database-url", help="used as is, not migrated; default: a fresh migrated SQLite")
    add("--client", choices=("python", "wrk"), default="python", help="load generator")
    add("--duration", type=int, default=5, help="seconds per round with --client wrk")
    add("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args(argv)
    counts = (args.requests, args.concurrency, args.rounds, args.workers, args.threads)
    if min(*counts, args.duration) < 1:
        parser.error("counts and --duration must be at least 1")
    if args.requests < max(2, args.concurrency):
        parser.error("--requests must be at least --concurrency (and 2)")
    if args.client == "wrk" and shutil.which("wrk") is None:
        parser.error("--client wrk needs wrk on PATH (Debian package `wrk`)")
    return args


def git_commit() -> str:
    """The commit measured, marked dirty when tracked files differ from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def cpu_seconds() -> tuple[float, float] | None:
    """CPU seconds spent so far by the whole machine and by this process with its children.

    Children count once waited for, and gunicorn's master waits for its workers, so after the
    servers stop the difference is what other jobs on the machine took from the benchmark.
    Returns None where /proc/stat does not exist (not Linux).
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(field) for field in fields]
    idle = ticks[3] + ticks[4]  # idle and iowait
    machine = (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")
    usages = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return machine, sum(usage.ru_utime + usage.ru_stime for usage in usages)


def busy_elsewhere(before: tuple[float, float] | None, seconds: float) -> float | None:
    """The share of the machine's CPUs other jobs used during the run, in percent."""
    after = cpu_seconds()
    if before is None or after is None:
        return None
    others = (after[0] - before[0]) - (after[1] - before[1])
    return round(max(0.0, 100 * others / (seconds * (os.cpu_count() or 1))), 1)


def measure_once(server: Server, args: argparse.Namespace, workdir: Path) -> Measure:
    if args.client == "wrk":
        return wrk_load(server.port, server.app.path, args.duration, args.concurrency, workdir)
    return python_load(server.port, server.app.path, args.requests, args.concurrency)


def measure_rounds(
    servers: list[Server], args: argparse.Namespace, workdir: Path
) -> dict[str, list[Measure]]:
    """Measure the servers one at a time, round after round, swapping their order each round.

    Only one server is loaded at a time so the idle one's workers leave the CPUs alone; rounds
    and swapping spread the machine's drifts (another job, CPU steal on a VM) over both servers.
    """
    rounds: dict[str, list[Measure]] = {server.app.name: [] for server in servers}
    for server in servers:
        python_load(server.port, server.app.path, WARMUP_REQUESTS, args.concurrency)
    for number in range(args.rounds):
        for server in servers if number % 2 == 0 else reversed(servers):
            rounds[server.app.name].append(measure_once(server, args, workdir))
    return rounds


def median_of(rounds: list[Measure]) -> Summary:
    """The median round on each figure: one disturbed round does not move it."""
    rates = [measure.requests_per_second for measure in rounds]
    return Summary(
        endpoint=rounds[0].endpoint,
        requests_per_second=statistics.median(rates),
        p50_ms=statistics.median(measure.p50_ms for measure in rounds),
        p95_ms=statistics.median(measure.p95_ms for measure in rounds),
        slowest_round_rps=min(rates),
        fastest_round_rps=max(rates),
        rounds=rounds,
    )


def ratios(app: Summary, hello: Summary) -> dict[str, float]:
    """How many times the app page is costlier than hello; above 1 means slower on every line."""
    return {
        "requests_per_second": round(hello.requests_per_second / app.requests_per_second, 2),
        "p50_ms": round(app.p50_ms / hello.p50_ms, 2),
        "p95_ms": round(app.p95_ms / hello.p95_ms, 2),
    }


def settings(args: argparse.Namespace) -> dict[str, object]:
    load = f"{args.duration} s" if args.client == "wrk" else f"{args.requests} requests"
    return {
        "commit": git_commit(),
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "worker_class": "sync" if args.threads == 1 else "gthread",
        "workers": args.workers,
        "threads": args.threads,
        "client": args.client,
        "load_per_round": load,
        "rounds": args.rounds,
        "concurrency": args.concurrency,
        "warmup_requests": WARMUP_REQUESTS,
        "database": "given" if args.database_url else "fresh SQLite",
    }


def run(args: argparse.Namespace, workdir: Path) -> dict[str, object]:
    """Start both servers side by side with the same settings, measure them, always stop them."""
    before, began = cpu_seconds(), time.monotonic()
    env = app_environment(args.database_url or migrated_sqlite_url(workdir), workdir)
    options = gunicorn_options(args.workers, args.threads)
    apps = [App("app", "wsgi:app", ROOT, args.path), HELLO]
    with ExitStack() as stack:
        servers = []
        for app, port in zip(apps, free_ports(len(apps)), strict=True):
            servers.append(start_server(app, port, options, env, workdir))
            stack.callback(stop_server, servers[-1])
        for server in servers:
            wait_until_ready(server)
        rounds = measure_rounds(servers, args, workdir)
    results = [median_of(rounds["app"]), median_of(rounds["hello"])]
    busy = busy_elsewhere(before, time.monotonic() - began)
    context = settings(args) | {"cpu_busy_elsewhere_percent": busy}
    return {"settings": context, "results": results, "ratios": ratios(*results)}


def contention_note(busy: float | None) -> str:
    if busy is None:
        return "CPU used by other jobs during the run: unknown"
    warning = " (figures low and noisy: rerun on a quiet machine)"
    return f"CPU used by other jobs during the run: {busy}%" + (
        warning if busy > BUSY_ELSEWHERE_WARNING else ""
    )


def format_table(context: dict[str, object], results: list[Summary], ratio: dict) -> str:
    header = (
        f"commit {context['commit']}, {context['cpus']} CPUs ({context['cpus_usable']} usable), "
        f"gunicorn {context['workers']} {context['worker_class']} workers x "
        f"{context['threads']} threads, {context['database']}\n"
        f"{context['client']} client, concurrency {context['concurrency']}, "
        f"{context['rounds']} rounds of {context['load_per_round']} per server, medians shown"
    )
    rows = [f"{'endpoint':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}   req/s range"]
    for result in results:
        rows.append(
            f"{result.endpoint:<22}{result.requests_per_second:>9.1f}"
            f"{result.p50_ms:>9.2f}{result.p95_ms:>9.2f}"
            f"   {result.slowest_round_rps:.0f}-{result.fastest_round_rps:.0f}"
        )
    rows.append(
        f"{'ratio app vs hello':<22}{ratio['requests_per_second']:>8.2f}x"
        f"{ratio['p50_ms']:>8.2f}x{ratio['p95_ms']:>8.2f}x"
    )
    note = "(ratios: req/s hello/app, latency app/hello; the app's cost in units of hello)"
    busy = contention_note(context["cpu_busy_elsewhere_percent"])
    return "\n".join([header, "", *rows, note, busy])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="home-vs-hello-") as tmp:
        try:
            report = run(args, Path(tmp))
        except (BenchError, subprocess.CalledProcessError) as error:
            print(f"home_vs_hello: {error}", file=sys.stderr)
            return 1
    print(format_table(report["settings"], report["results"], report["ratios"]))
    if args.json:
        report["results"] = [asdict(result) for result in report["results"]]
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
