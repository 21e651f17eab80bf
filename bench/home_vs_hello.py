"""Measure the real app's home page against a bare Flask "hello", both under the same gunicorn.

The hello app (bench/hello_app.py) is the floor: the fastest a Flask page can be served on this
machine with these server settings. Reading the home page as a ratio of it, rather than as raw
requests per second, makes the figure comparable between machines and isolates our own cost.

Usage: .venv/bin/python bench/home_vs_hello.py [--requests N] [--concurrency C] [--workers W] ...
bench/README.md says what the figures mean and how far to trust them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
HELLO_PATH = "/hello"
# Browsers always ask for gzip and the app compresses HTML when asked, so the client asks too.
REQUEST_HEADERS = {"Accept-Encoding": "gzip", "User-Agent": "home-vs-hello"}
# Enough for every worker to compile its templates and fill its caches before the clock starts.
WARMUP_REQUESTS = 200
STARTUP_TIMEOUT = 30.0
REQUEST_TIMEOUT = 10.0
# wrk only prints p50/75/90/99; this hook makes it report p95 and the error counts as JSON.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %f, "p95_us": %f, "bad_status": %d, '
    .. '"socket_errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


class BenchError(RuntimeError):
    """A server did not start or answered something other than 200: the figures would lie."""


@dataclass(frozen=True)
class Target:
    """One gunicorn server and the path measured on it."""

    name: str
    path: str
    port: int
    process: subprocess.Popen
    log: Path


@dataclass(frozen=True)
class Measure:
    endpoint: str
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p95_ms: float


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="measured requests per server")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="gunicorn threads per worker: 1 keeps the sync worker, more switches to gthread",
    )
    parser.add_argument("--path", default="/", help="the app path to measure (anonymous GET)")
    parser.add_argument(
        "--database-url",
        help="database for the app, used as is (not migrated); default: a fresh migrated SQLite",
    )
    parser.add_argument(
        "--client",
        choices=("python", "wrk"),
        default="python",
        help="load generator: the built-in one (default) or wrk from PATH",
    )
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds per server with --client wrk"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args(argv)
    if min(args.requests, args.concurrency, args.workers, args.threads, args.duration) < 1:
        parser.error("--requests, --concurrency, --workers, --threads, --duration must be >= 1")
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


def free_ports(count: int) -> list[int]:
    """Ports the kernel considers free; sockets stay open together so the ports are distinct."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def migrated_sqlite_url(workdir: Path) -> str:
    """Create a fresh SQLite database and bring it to the latest schema.

    The migration runs in a child process from the repository root so that `models` imports
    whether or not the project is installed, and so this process stays a lean load generator.
    """
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    code = "import sys; from models.migrations import upgrade; upgrade(sys.argv[1])"
    result = subprocess.run(
        [sys.executable, "-c", code, url], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"migrating {url} failed:\n{result.stderr[-2000:]}")
    return url


def app_environment(database_url: str, workdir: Path) -> dict[str, str]:
    """Environment for both servers: production settings, nothing written under instance/."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PASSCULTURE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "INSTANCE_DIR": str(workdir / "instance"),
    }


def start_server(
    name: str,
    app_spec: str,
    chdir: Path,
    path: str,
    port: int,
    args: argparse.Namespace,
    env: dict[str, str],
    workdir: Path,
) -> Target:
    """Start gunicorn with the settings both servers share; only the app differs."""
    log = workdir / f"{name}-gunicorn.log"
    options = {
        "--chdir": str(chdir),
        "--bind": f"127.0.0.1:{port}",
        "--workers": str(args.workers),
        "--threads": str(args.threads),
        "--log-level": "warning",
    }
    command = [sys.executable, "-m", "gunicorn", *chain.from_iterable(options.items()), app_spec]
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    return Target(name, path, port, process, log)


def stop_server(target: Target) -> None:
    target.process.terminate()
    try:
        target.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        target.process.kill()
        target.process.wait()


def log_tail(target: Target, lines: int = 30) -> str:
    return "\n".join(target.log.read_text(errors="replace").splitlines()[-lines:])


def get_status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers=REQUEST_HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_ready(target: Target) -> None:
    """Poll until the server answers 200; fail fast if it dies or answers anything else."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if target.process.poll() is not None:
            raise BenchError(f"{target.name} server exited at start:\n{log_tail(target)}")
        try:
            status = get_status(target.port, target.path)
        except OSError:
            time.sleep(0.1)
            continue
        if status != 200:
            raise BenchError(
                f"{target.name}: GET {target.path} answered {status}, not 200:\n{log_tail(target)}"
            )
        return
    raise BenchError(f"{target.name} server not ready in time:\n{log_tail(target)}")


def summarise(endpoint: str, latencies: list[float], seconds: float) -> Measure:
    percentiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return Measure(
        endpoint=endpoint,
        requests=len(latencies),
        seconds=round(seconds, 3),
        requests_per_second=round(len(latencies) / seconds, 1),
        p50_ms=round(statistics.median(latencies) * 1000, 2),
        p95_ms=round(percentiles[94] * 1000, 2),
    )


def _client_thread(
    port: int,
    path: str,
    count: int,
    start: threading.Barrier,
    latencies: list[float],
    failures: list[str],
) -> None:
    """Send `count` requests one after the other, reusing the connection when the server allows.

    http.client reconnects by itself after a response that closes the connection, as gunicorn's
    sync worker does after every request, so the same code serves sync and gthread fairly.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    start.wait()
    for _ in range(count):
        began = time.perf_counter()
        try:
            connection.request("GET", path, headers=REQUEST_HEADERS)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            failures.append(repr(error))
            connection.close()
            continue
        latencies.append(time.perf_counter() - began)
        if response.status != 200:
            failures.append(f"status {response.status}")
    connection.close()


def python_load(port: int, path: str, requests: int, concurrency: int) -> Measure:
    """Closed-loop load: `concurrency` threads share `requests` between them, then stop."""
    latencies: list[float] = []
    failures: list[str] = []
    start = threading.Barrier(concurrency + 1)
    shares = [requests // concurrency + (i < requests % concurrency) for i in range(concurrency)]
    threads = [
        threading.Thread(
            target=_client_thread, args=(port, path, share, start, latencies, failures)
        )
        for share in shares
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if failures:
        raise BenchError(f"GET {path}: {len(failures)} failed requests, first: {failures[0]}")
    return summarise(f"GET {path}", latencies, elapsed)


def wrk_load(port: int, path: str, duration: int, concurrency: int, script: Path) -> Measure:
    """Load with wrk for `duration` seconds; its Lua hook prints the figures as JSON."""
    options = {
        "--threads": str(min(concurrency, os.cpu_count() or 1)),
        "--connections": str(concurrency),
        "--duration": f"{duration}s",
        "--timeout": f"{REQUEST_TIMEOUT:.0f}s",
        "--script": str(script),
    }
    headers = [("--header", f"{name}: {value}") for name, value in REQUEST_HEADERS.items()]
    url = f"http://127.0.0.1:{port}{path}"
    command = ["wrk", *chain.from_iterable([*options.items(), *headers]), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    report = json.loads(output.strip().splitlines()[-1])
    failures = report["bad_status"] + report["socket_errors"]
    if failures:
        raise BenchError(f"GET {path}: {failures} failed requests under wrk:\n{output}")
    seconds = report["duration_us"] / 1e6
    return Measure(
        endpoint=f"GET {path}",
        requests=report["requests"],
        seconds=round(seconds, 3),
        requests_per_second=round(report["requests"] / seconds, 1),
        p50_ms=round(report["p50_us"] / 1000, 2),
        p95_ms=round(report["p95_us"] / 1000, 2),
    )


def measure(target: Target, args: argparse.Namespace, workdir: Path) -> Measure:
    """Warm the server up with the built-in client, then measure it with the chosen one."""
    python_load(target.port, target.path, WARMUP_REQUESTS, args.concurrency)
    if args.client == "wrk":
        script = workdir / "report.lua"
        script.write_text(WRK_REPORT)
        return wrk_load(target.port, target.path, args.duration, args.concurrency, script)
    return python_load(target.port, target.path, args.requests, args.concurrency)


def ratios(app: Measure, hello: Measure) -> dict[str, float]:
    """How many times the app page is costlier than hello; above 1 means slower on every line."""
    return {
        "requests_per_second": round(hello.requests_per_second / app.requests_per_second, 2),
        "p50_ms": round(app.p50_ms / hello.p50_ms, 2),
        "p95_ms": round(app.p95_ms / hello.p95_ms, 2),
    }


def settings(args: argparse.Namespace) -> dict[str, object]:
    load = f"{args.duration} s per server" if args.client == "wrk" else f"{args.requests} requests"
    return {
        "commit": git_commit(),
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "worker_class": "sync" if args.threads == 1 else "gthread",
        "workers": args.workers,
        "threads": args.threads,
        "client": args.client,
        "load": load,
        "concurrency": args.concurrency,
        "warmup_requests": WARMUP_REQUESTS,
    }


def format_table(context: dict[str, object], results: list[Measure], ratio: dict) -> str:
    header = (
        f"commit {context['commit']}, {context['cpus']} CPUs "
        f"({context['cpus_usable']} usable), gunicorn {context['workers']} "
        f"{context['worker_class']} workers x {context['threads']} threads, "
        f"{context['client']} client, {context['load']}, concurrency {context['concurrency']}"
    )
    rows = [f"{'endpoint':<24}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}"]
    for result in results:
        rows.append(
            f"{result.endpoint:<24}{result.requests_per_second:>10.1f}"
            f"{result.p50_ms:>10.2f}{result.p95_ms:>10.2f}"
        )
    rows.append(
        f"{'ratio app vs hello':<24}{ratio['requests_per_second']:>9.2f}x"
        f"{ratio['p50_ms']:>9.2f}x{ratio['p95_ms']:>9.2f}x"
    )
    note = "(req/s: hello/app; latency: app/hello)"
    return "\n".join([header, "", *rows, note])


def run(args: argparse.Namespace, workdir: Path) -> dict[str, object]:
    """Start both servers side by side, measure one at a time, and always stop them."""
    database_url = args.database_url or migrated_sqlite_url(workdir)
    env = app_environment(database_url, workdir)
    app_port, hello_port = free_ports(2)
    with ExitStack() as servers:
        app = start_server("app", "wsgi:app", ROOT, args.path, app_port, args, env, workdir)
        servers.callback(stop_server, app)
        hello = start_server(
            "hello", "hello_app:app", BENCH_DIR, HELLO_PATH, hello_port, args, env, workdir
        )
        servers.callback(stop_server, hello)
        for target in (app, hello):
            wait_until_ready(target)
        # One at a time, so the idle server's workers do not compete for the CPUs.
        results = [measure(target, args, workdir) for target in (app, hello)]
    return {"settings": settings(args), "results": results, "ratios": ratios(*results)}


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
