"""Where people land: the home of each capacity, and safe redirections after sign-in."""

from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, current_app, request, url_for
from markupsafe import Markup

from models.users.capacities import Capacity, capacities_of
from webapp.extensions import db
from webapp.i18n import request_locale

CAPACITY_HOMES = {
    Capacity.BENEFICIARY: "discover.deck",
    Capacity.PRO: "pro.home",
    Capacity.TERRITORY: "territory.home",
    Capacity.STAFF: "admin.home",
}
# A signed-in account holding nothing yet (a pro whose request to join waits) sees its account.
NO_CAPACITY_HOME = "account.security"


def home_url_for(user) -> str:
    """The home of the first capacity the person holds (`Capacity` gives the order)."""
    person = getattr(user, "user", user)
    capacities = capacities_of(db.session, person)
    return url_for(CAPACITY_HOMES[capacities[0]] if capacities else NO_CAPACITY_HOME)


# Links the layout puts on every page (home, sign-in and out, tabs, spaces, footer) take no value:
# each is built once per app and script root instead of by `url_for` on every page, where the
# dozen of them cost about a fifth of the layout's CPU. Bounded, should a server vary its root.
KEPT_LAYOUT_LINKS = 512


def layout_link(endpoint: str) -> str:
    """`url_for(endpoint)` for an endpoint taking no value, built once per app and script root."""
    links = current_app.extensions["layout_links"]
    key = (endpoint, request.script_root)
    link = links.get(key)
    if link is None:
        link = url_for(endpoint)
        if len(links) < KEPT_LAYOUT_LINKS:
            links[key] = link
    return link


def safe_next_url(target: str | None) -> str | None:
    """Accept only a path on this site, so a link cannot send people elsewhere after sign-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


TAB_BAR = "macros/tab_bar.html"


def young_tabs() -> Markup:
    """The tab bar of the young people's app (`macros/tab_bar.html`), rendered once per process,
    language, current page and script root: it is the same on every page of the app but for the
    tab marked current, and rendering it cost a fifth of the layout. In development, where
    templates reload, it is rendered every time."""
    render_tabs = current_app.extensions["young_tabs"]
    here = request.endpoint or ""
    if current_app.jinja_env.auto_reload:
        return render_tabs.__wrapped__(here, None, None)
    return render_tabs(here, request_locale(), request.script_root)


def _tabs_renderer(app: Flask):
    # Keyed by endpoint: a few dozen pages, two languages.
    @lru_cache(maxsize=256)
    def render_tabs(here: str, _locale, _script_root) -> Markup:
        return Markup(app.jinja_env.get_template(TAB_BAR).module.tab_bar(here))

    return render_tabs


def init_app(app: Flask) -> None:
    app.extensions["layout_links"] = {}
    app.extensions["young_tabs"] = _tabs_renderer(app)
    app.jinja_env.globals["layout_link"] = layout_link
    app.jinja_env.globals["young_tabs"] = young_tabs
