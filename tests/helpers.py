"""Helpers for the Flask test client: forms go through CSRF protection as in a browser."""

from __future__ import annotations

import socket

from bs4 import BeautifulSoup

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
