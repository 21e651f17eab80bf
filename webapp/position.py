"""Where the person is, for distances and "around me": kept in the session, never stored.

The position is, in order: the one the person chose in this session (a commune today; the map
adds the browser's geolocation with `remember_point(..., source="geolocation")`), else the
commune of their profile. Nothing is written to the database: the session cookie forgets it
when the browser session ends or the person signs out.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, session
from flask_login import current_user

from models.geo import Point
from models.territories.models import Commune

SESSION_KEY = "position"
SOURCES = ("commune", "geolocation", "profile")


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float
    label: str
    source: str  # "commune" chosen here, "geolocation" from the browser, "profile"
    commune_code: str | None = None

    @property
    def point(self) -> Point:
        return Point(self.latitude, self.longitude)

    def as_session_value(self) -> dict:
        return {
            "lat": round(self.latitude, 5), "lon": round(self.longitude, 5),
            "label": self.label, "source": self.source, "code": self.commune_code,
        }

    @classmethod
    def from_session_value(cls, value) -> Position | None:
        try:
            position = cls(float(value["lat"]), float(value["lon"]), str(value["label"]),
                           str(value["source"]), value.get("code"))
        except (KeyError, TypeError, ValueError):
            return None
        valid = -90 <= position.latitude <= 90 and -180 <= position.longitude <= 180
        return position if valid and position.source in SOURCES else None


def commune_position(commune: Commune, source: str = "commune") -> Position:
    return Position(commune.latitude, commune.longitude, commune.name, source, commune.code)


def _profile_position() -> Position | None:
    # Through the relationship, so that the commune stays loaded for the time zone of dates.
    commune = current_user.commune if current_user.is_authenticated else None
    return commune_position(commune, "profile") if commune is not None else None


def current_position() -> Position | None:
    """The chosen position, else the profile's commune; None when neither is known."""
    if "position" not in g:
        chosen = Position.from_session_value(session.get(SESSION_KEY) or {})
        g.position = chosen or _profile_position()
    return g.position


def remember_commune(commune: Commune) -> Position:
    return remember(commune_position(commune))


def remember_point(latitude: float, longitude: float, label: str,
                   source: str = "geolocation") -> Position:
    return remember(Position(latitude, longitude, label, source))


def remember(position: Position) -> Position:
    session[SESSION_KEY] = position.as_session_value()
    g.position = position
    return position


def forget_position() -> None:
    session.pop(SESSION_KEY, None)
    g.pop("position", None)
