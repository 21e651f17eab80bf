"""Which host names the app answers to, and the public address links in messages start with.

A request's `Host` header is chosen by whoever sends it. Links put in e-mails are therefore
never built from it: they start with `PUBLIC_BASE_URL`. Requests naming a host outside
`TRUSTED_HOSTS` (Flask checks it when it routes the request) get a short 400 page, drawn
without building any URL from the untrusted host.
"""

from __future__ import annotations

from flask import Flask, current_app, make_response, render_template, request, url_for
from werkzeug.exceptions import SecurityError


def public_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` at the service's public address, for e-mails."""
    return public_address(url_for(endpoint, **values))


def public_address(path: str) -> str:
    """`path` (from `url_for`, or a static file's) at the service's public address, for links
    read outside the site: e-mails, shared links and their previews.

    Without `PUBLIC_BASE_URL` (development and tests only: production refuses to start) the
    request's own address is used, which `TRUSTED_HOSTS` restricts to the local names.
    """
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url.rstrip("/")
    return base + path


def _unknown_host(_error: SecurityError):
    return make_response(render_template("errors/unknown_host.html"), 400)


def init_app(app: Flask) -> None:
    app.register_error_handler(SecurityError, _unknown_host)
