"""What one map page shows: the scene in view, and every venue of the search as a list.

The list holds all the venues within the radius, nearest first, a page at a time; the map shows
those in its view. Offers are counted only for the venues drawn as single markers and those of
the list's page: a cluster says how many venues it holds, not how many offers, so a wide view of
a dense area never counts thousands of offers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from models.geo import Point
from models.map.projection import Viewport, clamp_zoom, zoom_to_fit
from models.map.repository import MapVenue, bookable_offer_counts, venues_around
from models.map.scene import MapScene, compose_scene
from models.search.criteria import SearchCriteria

LIST_PAGE_SIZE = 40


@dataclass(frozen=True)
class MapPage:
    scene: MapScene
    venues: list[MapVenue]
    page: int
    offer_counts: dict[int, int]
    page_size: int = LIST_PAGE_SIZE

    @property
    def total(self) -> int:
        return len(self.venues)

    @property
    def listed(self) -> list[MapVenue]:
        start = (self.page - 1) * self.page_size
        return self.venues[start:start + self.page_size]

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total


def default_viewport(position: Point, radius_km: float) -> Viewport:
    """The view that shows the whole search circle around the position."""
    return Viewport(position, zoom_to_fit(position, radius_km))


def map_page(
    session: Session, position: Point, criteria: SearchCriteria, now: dt.datetime,
    view_center: Point | None = None, zoom: int | None = None, page: int = 1,
) -> MapPage:
    """The venues around `position` matching `criteria`, drawn in the requested view."""
    radius_km = criteria.radius_km
    viewport = default_viewport(position, radius_km)
    if view_center is not None or zoom is not None:
        viewport = Viewport(view_center or viewport.center,
                            clamp_zoom(zoom if zoom is not None else viewport.zoom))
    venues = venues_around(session, position, radius_km, criteria, now)
    scene = compose_scene(session, viewport, venues, position, radius_km)
    result = MapPage(scene, venues, page, {})
    counted = {mark.venue.id for mark in scene.venue_marks} | {v.id for v in result.listed}
    counts = bookable_offer_counts(session, sorted(counted), criteria, now)
    return replace(result, offer_counts=counts)
