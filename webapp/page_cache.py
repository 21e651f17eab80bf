"""The offer page, rendered once per version of what it shows and served many times.

What an "offer version" is, what is kept and for whom, is in docs/domain/caching.md. In short:

- The key of an entry is the offer's and its venue's page versions (kept by triggers, migration
  0026; read in one statement with the offer's moderation and its structure's status), the
  language, the time zone, the code's generation (templates, translations, static files) and
  the kind of entry. An entry also knows until when it holds: the first start of a listed
  event date (that date then leaves the page) or New Year (dates say their year when it is not
  the current one), whichever comes first.
- **A visitor** (not signed in, no message waiting) gets the whole page from the entry. The
  entry holds two slots, filled at each request: the CSRF token (the visitor's own, from their
  session, so every form and every htmx request keeps its token and no-JS forms work) and the
  distance from the position chosen in their session. The answer carries a weak ETag (the
  entry's digest with a digest of the session's CSRF secret and of that distance) and a
  Last-Modified, and a matching `If-None-Match` gets a 304 without any rendering.
- **A signed-in person** gets the article and social tags from the entry; the layout (their
  menu), the booking section (their booking, credit, favorite) and the distance are rendered
  for them at each request. Their answers stay `private, no-store`.

Entries live where the deck's pools live (models/cache_store.py): the worker's memory, or Redis
when `REDIS_URL` is set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from email.utils import format_datetime as http_date
from email.utils import parsedate_to_datetime
from functools import cached_property
from pathlib import Path

from flask import Response, current_app, make_response, render_template, request, session
from flask_babel import format_decimal, get_locale, get_timezone, gettext
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from models.cache_store import make_store

WEBAPP = Path(__file__).resolve().parent
CSRF_SLOT = "<!--csrf-token-->"
BOOKING_SLOT = "<!--offer-booking-->"
DISTANCE_SLOT = "<!--offer-distance-->"
MEMORY_ENTRIES = 256  # about 20 KB a page: at most about 5 MB a worker
REDIS_TTL_SECONDS = 24 * 3600
VARY = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request", "Cookie", "Accept-Language")
_generation: str | None = None


@dataclass(frozen=True)
class Entry:
    """What was rendered for one key: named HTML parts, until when they hold, when rendered."""

    parts: dict[str, str]
    valid_until: float
    rendered_at: float
    venue_point: tuple[float, float] | None = None  # to give a visitor's distance

    @cached_property
    def digest(self) -> str:
        text = json.dumps(self.parts, sort_keys=True).encode()
        return hashlib.sha256(text).hexdigest()[:20]

    def fresh(self, now: dt.datetime) -> bool:
        return now.timestamp() < self.valid_until

    def to_json(self) -> str:
        return json.dumps({"parts": self.parts, "until": self.valid_until,
                           "at": self.rendered_at, "point": self.venue_point})

    @classmethod
    def from_json(cls, text: str | bytes) -> Entry:
        data = json.loads(text)
        point = data.get("point")
        return cls(data["parts"], data["until"], data["at"], tuple(point) if point else None)


def store():
    """The app's page store, made on first use from the app's `REDIS_URL`."""
    pages = current_app.extensions.get("page_cache")
    if pages is None:
        pages = current_app.extensions["page_cache"] = make_store(
            current_app.config.get("REDIS_URL"), size=MEMORY_ENTRIES,
            ttl_seconds=REDIS_TTL_SECONDS, prefix="passculture:page:",
            encode=Entry.to_json, decode=Entry.from_json)
    return pages


def generation() -> str:
    """A digest of what renders pages besides the data: templates, translations, static files
    (their hashed names are in the pages). A deployment changing any of them starts afresh,
    Redis included."""
    global _generation
    if _generation is None:
        digest = hashlib.sha256()
        for folder in ("templates", "translations", "static"):
            for path in sorted((WEBAPP / folder).rglob("*")):
                if path.is_file() and path.suffix != ".po":
                    digest.update(str(path.relative_to(WEBAPP)).encode())
                    digest.update(path.read_bytes())
        _generation = digest.hexdigest()[:12]
    return _generation


def key(kind: str, offer_id: int, versions: tuple[int, int]) -> str:
    return ":".join(str(part) for part in (
        kind, offer_id, versions[0], versions[1], get_locale(), get_timezone(), generation()))


def valid_until(stocks, now: dt.datetime) -> float:
    """The first moment the page would show something else without any write: a listed date
    starts (it leaves the page), or the year changes where the dates are shown."""
    local_now = now.astimezone(get_timezone())
    new_year = local_now.replace(year=local_now.year + 1, month=1, day=1, hour=0, minute=0,
                                 second=0, microsecond=0)
    moments = [stock.beginning_at for stock in stocks
               if stock.beginning_at is not None and stock.beginning_at > now]
    return min([new_year, *moments]).timestamp()


def csrf_slot() -> Markup:
    """What `csrf_token()` gives while rendering an entry: a slot for the visitor's own token."""
    return Markup(CSRF_SLOT)


def distance_html(distance_km: float | None) -> str:
    if distance_km is None:
        return ""
    text = gettext("À %(distance)s km de toi", distance=format_decimal(round(distance_km, 1)))
    return str(Markup("<br>{}").format(text))


def fill(html: str, **slots: str) -> str:
    for slot, value in slots.items():
        html = html.replace(slot, value)
    return html


def _personal_tag(distance: str) -> str:
    """Digest of what a visitor's copy holds of their own: their session's CSRF secret (the
    token in the page stays valid while it does not change) and the distance shown."""
    secret = session.get("csrf_token", "")
    return hashlib.sha256(f"{secret}|{distance}".encode()).hexdigest()[:12]


def _not_modified(etag: str, last_modified: dt.datetime) -> bool:
    asked = request.headers.get("If-None-Match")
    if asked is not None:
        return any(tag.strip() in (etag, "*") for tag in asked.split(","))
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            return last_modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def serve_public(entry: Entry, distance: str) -> Response:
    """A visitor's page from the entry: 304 when their copy is current, else the page with their
    CSRF token and distance in its slots."""
    modified = dt.datetime.fromtimestamp(int(entry.rendered_at), dt.UTC)
    if "csrf_token" in session:
        etag = f'W/"{entry.digest}-{_personal_tag(distance)}"'
        if _not_modified(etag, modified):
            response = make_response("", 304)
            return _tagged(response, etag, modified)
    token = generate_csrf()  # creates the session's secret on a first visit
    etag = f'W/"{entry.digest}-{_personal_tag(distance)}"'
    body = fill(entry.parts["page"], **{DISTANCE_SLOT: distance, CSRF_SLOT: token})
    return _tagged(make_response(body), etag, modified)


def _tagged(response: Response, etag: str, modified: dt.datetime) -> Response:
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(modified, usegmt=True)
    for header in VARY:
        response.vary.add(header)
    return response


def render_article_parts(offer, stocks, reviews) -> dict[str, str]:
    return {
        "title": offer.name,
        "social": render_template("offers/_social.html", offer=offer, stocks=stocks),
        "article": render_template("offers/_article.html", offer=offer, stocks=stocks,
                                   reviews=reviews),
    }
