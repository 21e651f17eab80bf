"""Everything one view of the map draws: base, search circle, position, markers and clusters.

Markers of 12 px radius and clusters of 16 px are kept `MIN_SEPARATION` = 34 px apart (centre
to centre) by the clustering, so no two of them overlap; the map is drawn at most a little
narrower than its 400 px on a 320 px screen, where 34 px still leave every marker the 24 CSS
pixels of spacing that WCAG 2.2 asks of small targets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.geo import Point
from models.map.clustering import cluster_points, fan_out
from models.map.outlines import BaseMap, base_map
from models.map.projection import MAX_ZOOM, Viewport, zoom_to_show
from models.map.repository import MapVenue

MARKER_RADIUS = 12
CLUSTER_RADIUS = 16
MIN_SEPARATION = 34
# A cluster opens at least this many levels closer, so that activating it always changes
# something, even when its venues are very near one another.
CLUSTER_MIN_ZOOM_STEP = 2


@dataclass(frozen=True)
class VenueMark:
    venue: MapVenue
    x: float
    y: float


@dataclass(frozen=True)
class ClusterMark:
    """Several venues drawn as one counted circle; activating it zooms to `center`, `zoom`."""

    venues: tuple[MapVenue, ...]
    x: float
    y: float
    center: Point
    zoom: int

    @property
    def count(self) -> int:
        return len(self.venues)

    @property
    def nearest(self) -> MapVenue:
        return min(self.venues, key=lambda venue: venue.distance_km)


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    radius: float


@dataclass(frozen=True)
class MapScene:
    viewport: Viewport
    base: BaseMap
    marks: list[VenueMark | ClusterMark]
    position: Circle
    search_area: Circle

    @property
    def venues_in_view(self) -> int:
        return sum(mark.count if isinstance(mark, ClusterMark) else 1 for mark in self.marks)

    @property
    def venue_marks(self) -> list[VenueMark]:
        return [mark for mark in self.marks if isinstance(mark, VenueMark)]


def _distance(mark: VenueMark | ClusterMark) -> float:
    return mark.venue.distance_km if isinstance(mark, VenueMark) else mark.nearest.distance_km


def place_marks(viewport: Viewport, venues: list[MapVenue]) -> list[VenueMark | ClusterMark]:
    """Markers for the venues in view, clustered where they would overlap, nearest first.

    At the closest zoom a cluster can no longer open: its venues are fanned out around it.
    """
    points = []
    for venue in venues:
        x, y = viewport.project(venue.latitude, venue.longitude)
        if viewport.contains(x, y):
            points.append((venue, x, y))
    marks: list[VenueMark | ClusterMark] = []
    for cluster in cluster_points(points, MIN_SEPARATION):
        if cluster.count == 1:
            venue, x, y = cluster.members[0]
            marks.append(VenueMark(venue, x, y))
        elif viewport.zoom >= MAX_ZOOM:
            marks.extend(VenueMark(venue, x, y) for venue, x, y in fan_out(cluster, MIN_SEPARATION))
        else:
            center, zoom = zoom_to_show([venue.point for venue in cluster.items],
                                        viewport.width, viewport.height, MIN_SEPARATION)
            zoom = min(MAX_ZOOM, max(zoom, viewport.zoom + CLUSTER_MIN_ZOOM_STEP))
            marks.append(ClusterMark(tuple(cluster.items), cluster.x, cluster.y, center, zoom))
    marks.sort(key=_distance)
    return marks


def compose_scene(session: Session, viewport: Viewport, venues: list[MapVenue],
                  position: Point, radius_km: float) -> MapScene:
    """The view's base map, the person's position, the search circle and the venue marks."""
    x, y = viewport.project(position.latitude, position.longitude)
    radius_pixels = radius_km / viewport.km_per_pixel(position.latitude)
    return MapScene(
        viewport=viewport,
        base=base_map(session, viewport, (x, y, radius_pixels)),
        marks=place_marks(viewport, venues),
        position=Circle(x, y, 7),
        search_area=Circle(x, y, radius_pixels),
    )


def bearing(origin: Point, target: Point) -> float:
    """The compass direction from `origin` to `target`, in degrees clockwise from north."""
    lat1, lat2 = math.radians(origin.latitude), math.radians(target.latitude)
    dlon = math.radians(target.longitude - origin.longitude)
    east = math.sin(dlon) * math.cos(lat2)
    north = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(east, north)) % 360


def compass_point(origin: Point, target: Point) -> str:
    """One of the eight directions ("n", "ne", "e"... "nw") from `origin` to `target`."""
    return ("n", "ne", "e", "se", "s", "sw", "w", "nw")[round(bearing(origin, target) / 45) % 8]
