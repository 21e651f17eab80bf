"""Where people land: each role's home page, and safe redirections after sign-in."""

from urllib.parse import urlsplit

from flask import url_for

from models.users.models import Role

ROLE_HOMES = {
    Role.YOUNG: "discover.deck",
    Role.PRO: "pro.home",
    Role.ADMIN: "admin.home",
    Role.TERRITORY: "territory.home",
}


def home_url_for(user) -> str:
    return url_for(ROLE_HOMES[user.role])


def safe_next_url(target: str | None) -> str | None:
    """Accept only a path on this site, so a link cannot send people elsewhere after sign-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
