"""A real HTTP server around a test app, and a small cookie-keeping client to talk to it.

The browser tests and the concurrency tests both need the app behind a socket, served by
werkzeug's threaded server exactly as requests would reach it in production: several requests
at once, each in its own thread with its own database session.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar

from flask import Flask
from werkzeug.serving import make_server

from tests.factories.users import PASSWORD
from tests.helpers import LOGIN_PATH, csrf_token
from webapp import create_app
from webapp.assets import serve_static


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve `app` on a free loopback port while the block runs; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@contextmanager
def demo_app(databases, demo_template_url, config, label: str = "demo",
             prepare=None) -> Iterator[Flask]:
    """An app with `config` on a fresh copy of the demo database, dropped after the block.

    `prepare(url)` may add what a test module needs to its copy before the app starts.
    """
    url = databases.create(label, template=demo_template_url)
    if prepare is not None:
        prepare(url)
    app = create_app({**config, "DATABASE_URL": url})
    try:
        yield app
    finally:
        app.extensions["database"]["engine"].dispose()
        databases.drop(url)


@contextmanager
def demo_server(databases, demo_template_url, base_config, prepare=None) -> Iterator[str]:
    """Serve the app as `wsgi.py` does on a fresh copy of the demo database; yield its URL."""
    # Not in testing mode: errors get the production error pages.
    config = {**base_config, "TESTING": False}
    with demo_app(databases, demo_template_url, config, "e2e", prepare) as app:
        app.wsgi_app = serve_static(app)
        with serving(app) as base_url:
            yield base_url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpClient:
    """One visitor with its own cookies; answers are (status, body), redirects not followed."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(errors="replace")

    def csrf_token(self, path: str = LOGIN_PATH) -> str:
        status, body = self.request(path)
        assert status == 200, f"GET {path} answered {status}"
        return csrf_token(Body(body))

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        token = self.csrf_token()
        status, _body = self.request(
            LOGIN_PATH, {"csrf_token": token, "email": email, "password": password}
        )
        assert status == 303, f"signing in {email} answered {status}"


class Body:
    """A body already read, as `tests.helpers.html` and `csrf_token` read a response."""

    def __init__(self, text: str):
        self.text = text

    def get_data(self, as_text: bool = False) -> str:
        return self.text
