"""Load generators for the benches: a built-in one that always works, and wrk when installed.

Both are closed-loop: a fixed number of clients each send a request, wait for the whole answer,
then send the next, so requests per second and latency describe the same run.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

# Browsers always ask for gzip and the app compresses HTML when asked, so the client asks too.
REQUEST_HEADERS = {"Accept-Encoding": "gzip", "User-Agent": "passculture-bench"}
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
class Measure:
    """One load run against one endpoint."""

    endpoint: str
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p95_ms: float


def get_status(port: int, path: str) -> int:
    """Send one GET on a fresh connection and return its status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers=REQUEST_HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


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
    """`concurrency` threads share `requests` between them; raise if any request failed.

    Threads suffice for a client that mostly waits on sockets, but they share one interpreter:
    against a very fast endpoint the client's own CPU time shows in the figures (see README).
    """
    latencies: list[float] = []
    failures: list[str] = []
    start = threading.Barrier(concurrency + 1)
    shares = [requests // concurrency + (i < requests % concurrency) for i in range(concurrency)]
    threads = [
        threading.Thread(
            target=_client_thread,
            args=(port, path, share, start, latencies, failures),
            daemon=True,
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


def wrk_load(port: int, path: str, duration: int, concurrency: int, workdir: Path) -> Measure:
    """Load with wrk for `duration` seconds; raise if any request failed or answered 4xx/5xx."""
    script = workdir / "report.lua"
    script.write_text(WRK_REPORT)
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
