"""Gunicorn servers for the benches: started with shared settings, checked, always stopped."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from loadgen import BenchError, get_status

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 30.0


@dataclass(frozen=True)
class App:
    """A WSGI app gunicorn can load, and the path a bench measures on it."""

    name: str
    spec: str
    directory: Path
    path: str


@dataclass(frozen=True)
class Server:
    app: App
    port: int
    process: subprocess.Popen
    log: Path


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
    whether or not the project is installed, and so the bench process stays a lean client.
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
    """Production settings, with the secret key and static build kept out of instance/."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PASSCULTURE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "INSTANCE_DIR": str(workdir / "instance"),
    }


def gunicorn_options(workers: int, threads: int) -> list[str]:
    """The settings every server of a bench shares; gunicorn picks gthread when threads > 1."""
    return ["--workers", str(workers), "--threads", str(threads), "--log-level", "warning"]


def start_server(
    app: App, port: int, options: list[str], env: dict[str, str], workdir: Path
) -> Server:
    log = workdir / f"{app.name}-gunicorn.log"
    command = [
        *(sys.executable, "-m", "gunicorn", "--chdir", str(app.directory)),
        *("--bind", f"127.0.0.1:{port}", *options, app.spec),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    return Server(app, port, process, log)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def log_summary(server: Server, count: int = 15) -> str:
    """The log's last records and exception messages, without traceback frames.

    A worker that fails to boot is followed by dozens of lines of gunicorn's own shutdown
    traceback; the line naming the cause is the last unindented one before them.
    """
    skipped = ("Traceback", "During handling")
    lines = server.log.read_text(errors="replace").splitlines()
    kept = [line for line in lines if line[:1].strip() and not line.startswith(skipped)]
    return "\n".join(kept[-count:])


def wait_until_ready(server: Server) -> None:
    """Poll until the server answers 200; fail fast if it dies or answers anything else."""
    name, path = server.app.name, server.app.path
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"{name} server exited at start:\n{log_summary(server)}")
        try:
            status = get_status(server.port, path)
        except OSError:
            time.sleep(0.1)
            continue
        if status != 200:
            raise BenchError(
                f"{name}: GET {path} answered {status}, not 200:\n{log_summary(server)}"
            )
        return
    raise BenchError(f"{name} server not ready in time:\n{log_summary(server)}")
