"""The installable app: web manifest, service worker and offline page."""

import hashlib
import json

from flask import Blueprint, current_app, make_response, render_template, url_for
from flask_babel import gettext as _

from webapp.assets import static_url
from webapp.security import public
from webapp.templating import render

blueprint = Blueprint("pwa", __name__)

# Files every page needs, kept by the service worker so the offline page and cached tickets
# display exactly as online.
SHELL_FILES = (
    "css/bundle.css",
    "vendor/htmx-2.0.8/htmx.min.js",
    "js/focus-after-swap.js",
    "js/sw-register.js",
    "js/offline-tickets.js",
    "js/install-prompt.js",
    "img/icon.svg",
)
ICONS = (
    ("img/icon-192.png", "192x192", "any"),
    ("img/icon-512.png", "512x512", "any"),
    ("img/icon-maskable-192.png", "192x192", "maskable"),
    ("img/icon-maskable-512.png", "512x512", "maskable"),
)


@blueprint.get("/manifest.webmanifest")
@public
def manifest():
    """Describe the app for installation."""
    body = {
        "name": _("pass Culture"),
        "short_name": _("pass Culture"),
        "description": _("La culture près de chez toi, avec ton crédit pass Culture."),
        "lang": _("fr"),
        "start_url": url_for("main.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#5b1fc7",
        "icons": [
            {"src": static_url(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    response = make_response(json.dumps(body, ensure_ascii=False))
    response.headers["Content-Type"] = "application/manifest+json; charset=utf-8"
    response.headers["Cache-Control"] = "no-cache"
    return response


@blueprint.get("/sw.js")
@public
def service_worker():
    """Serve the service worker from the root, never cached by the browser."""
    shell = [static_url(name) for name in SHELL_FILES if name in _manifest()]
    offline = url_for("pwa.offline")
    version = hashlib.sha256(json.dumps([shell, offline]).encode()).hexdigest()[:12]
    body = render_template("pwa/sw.js", version=version, shell=shell, offline_url=offline)
    response = make_response(body)
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    response.headers["Cache-Control"] = "no-cache"
    return response


@blueprint.get("/hors-ligne")
@public
def offline():
    """Say the connection is lost, and list the tickets kept on this device."""
    # Kept by the service worker for anyone using this device: nothing personal in it.
    return render("pwa/offline.html", shell_only=True)


def _manifest() -> dict:
    return current_app.extensions["assets"]["manifest"]
