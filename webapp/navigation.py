"""Where people land: the home of each capacity, and safe redirections after sign-in."""

from urllib.parse import urlsplit

from flask import url_for

from models.users.capacities import Capacity, capacities_of
from webapp.extensions import db

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


def safe_next_url(target: str | None) -> str | None:
    """Accept only a path on this site, so a link cannot send people elsewhere after sign-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
