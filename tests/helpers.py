"""Helpers for the Flask test client: forms go through CSRF protection as in a browser; the SQL
statements a block sends are counted, to hold pages to a fixed number."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from bs4 import BeautifulSoup
from sqlalchemy import event
from sqlalchemy.engine import Engine

LOGIN_PATH = "/connexion"


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def csrf_token(response) -> str:
    """The CSRF token of the first form of a page."""
    field = html(response).find("input", attrs={"name": "csrf_token"})
    assert field is not None, "the page has no form with a CSRF token"
    return field["value"]


def login(client, email: str, password: str):
    """Sign in through the login form, as a person would; return the form's response."""
    token = csrf_token(client.get(LOGIN_PATH))
    return client.post(
        LOGIN_PATH, data={"csrf_token": token, "email": email, "password": password}
    )


def unused_port() -> int:
    """A loopback port nothing listens on (free a moment ago): an unreachable server's."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA")


@contextmanager
def counted_queries(app_or_engine, *, parameters: bool = False) -> Iterator[list]:
    """Collect the statements (transaction control left out) that an app's engine, or the engine
    given, sends while the block runs; with `parameters`, as (statement, parameters) pairs."""
    engine = app_or_engine if isinstance(app_or_engine, Engine) else \
        app_or_engine.extensions["database"]["engine"]
    statements: list = []

    def record(_connection, _cursor, statement, sent, _context, _executemany):
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            statements.append((statement, sent) if parameters else statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
