"""Security headers on every response, and compression of text responses."""

from __future__ import annotations

import gzip

from flask import Flask, abort, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), payment=(), geolocation=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Static files are scripts, styles and images, never documents a person navigates in: the
# headers that matter for them are "never sniff the type" and, should one be opened on its own
# (an SVG), a policy that runs nothing and cannot be framed. The page headers (permissions,
# opener, referrer) only apply to documents, and each byte is paid on every file of a first
# visit over HTTP/1.1.
STATIC_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; "
                               "style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}

MAX_URL_LENGTH = 4000
COMPRESSIBLE_TYPES = ("text/html", "text/plain", "application/json", "image/svg+xml", "text/csv")
MINIMUM_COMPRESSED_SIZE = 500


def _add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_user.is_authenticated:
        # Whatever a signed-in person is sent may be personal (a ticket, the profile, the
        # favorites): no cache keeps it, not even the browser's, once the page is left.
        response.headers.setdefault("Cache-Control", "private, no-store")
    elif response.mimetype == "text/html":
        # Pages may be personal: no shared cache may keep them, and the browser revalidates.
        response.headers.setdefault("Cache-Control", "private, no-cache")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _refuse_long_urls():
    """A URL longer than any the app makes gets a French 414 page with the usual headers.

    The app answers before the server's own limit (gunicorn's `--limit-request-line`), whose
    bare page would carry none of the security headers.
    """
    if len(request.full_path) > MAX_URL_LENGTH:
        abort(414)


def _compress(response):
    """Gzip dynamic text responses; WhiteNoise already serves static files precompressed."""
    if (
        response.direct_passthrough
        or response.status_code < 200
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
        or response.mimetype not in COMPRESSIBLE_TYPES
        or "gzip" not in request.headers.get("Accept-Encoding", "")
    ):
        return response
    body = response.get_data()
    if len(body) < MINIMUM_COMPRESSED_SIZE:
        return response
    response.set_data(gzip.compress(body, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


def add_static_headers(headers, _path: str, _url: str) -> None:
    """WhiteNoise's hook: static files carry the security headers that apply to files."""
    for name, value in STATIC_SECURITY_HEADERS.items():
        headers[name] = value


def init_app(app: Flask) -> None:
    from webapp import offline_tickets

    offline_tickets.init_app(app)
    # First of all: no other hook needs to read a URL this long.
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_long_urls)
    if app.config.get("COMPRESS_RESPONSES", True):
        app.after_request(_compress)
    app.after_request(_add_security_headers)
