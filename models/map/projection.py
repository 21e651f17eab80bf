"""Web Mercator pixels for one view of the map: a centre, a zoom level and a size.

Web Mercator with whole zoom levels is the projection of web map tiles: a world 256 pixels wide
at zoom 0, twice as wide at each level. Using it keeps the map compatible with an optional
raster tile layer, and its local scale is the same in every direction, so circles stay round.
Pixel coordinates grow rightwards and downwards from the view's top-left corner, as in SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from models.geo import EARTH_RADIUS_KM, BoundingBox, Point

TILE_SIZE = 256
MIN_ZOOM = 5
MAX_ZOOM = 17
MAX_LATITUDE = 85.05112878
VIEW_WIDTH = 400
VIEW_HEIGHT = 400


def world_xy(latitude: float, longitude: float, zoom: int = 0) -> tuple[float, float]:
    """A point's position on the whole world map at `zoom`, in pixels from its top-left."""
    size = TILE_SIZE * 2**zoom
    latitude = max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude))
    sin_lat = math.sin(math.radians(latitude))
    x = (longitude + 180) / 360 * size
    y = (0.5 - math.log((1 + sin_lat) / (1 - sin_lat)) / (4 * math.pi)) * size
    return x, y


def world_point(x: float, y: float, zoom: int = 0) -> Point:
    """The inverse of `world_xy`."""
    size = TILE_SIZE * 2**zoom
    longitude = x / size * 360 - 180
    latitude = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / size))))
    return Point(latitude, longitude)


def clamp_zoom(zoom: int) -> int:
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


@dataclass(frozen=True)
class Viewport:
    """What one map image shows: `width` × `height` pixels around `center` at `zoom`."""

    center: Point
    zoom: int
    width: int = VIEW_WIDTH
    height: int = VIEW_HEIGHT

    @property
    def origin(self) -> tuple[float, float]:
        """The world pixel of the view's top-left corner."""
        x, y = world_xy(self.center.latitude, self.center.longitude, self.zoom)
        return x - self.width / 2, y - self.height / 2

    @property
    def scale(self) -> float:
        """World pixels at this zoom per world pixel at zoom 0."""
        return 2.0**self.zoom

    def project(self, latitude: float, longitude: float) -> tuple[float, float]:
        x, y = world_xy(latitude, longitude, self.zoom)
        left, top = self.origin
        return x - left, y - top

    def unproject(self, x: float, y: float) -> Point:
        left, top = self.origin
        return world_point(left + x, top + y, self.zoom)

    def contains(self, x: float, y: float, margin: float = 0) -> bool:
        return -margin <= x <= self.width + margin and -margin <= y <= self.height + margin

    def bounds(self, margin: float = 0) -> BoundingBox:
        """The latitudes and longitudes the view shows, `margin` pixels beyond each edge."""
        north_west = self.unproject(-margin, -margin)
        south_east = self.unproject(self.width + margin, self.height + margin)
        return BoundingBox(
            south_east.latitude, north_west.latitude, north_west.longitude, south_east.longitude
        )

    def km_per_pixel(self, latitude: float | None = None) -> float:
        """The ground distance one pixel covers at `latitude` (the view's centre by default)."""
        equator = 2 * math.pi * EARTH_RADIUS_KM / (TILE_SIZE * self.scale)
        if latitude is None:
            latitude = self.center.latitude
        return equator * math.cos(math.radians(latitude))

    def panned(self, columns: float, rows: float) -> Viewport:
        """The view moved by a fraction of its size: (1, 0) is one whole width eastwards."""
        return replace(
            self,
            center=self.unproject(self.width * (0.5 + columns), self.height * (0.5 + rows)),
        )

    @property
    def can_zoom_in(self) -> bool:
        return self.zoom < MAX_ZOOM

    @property
    def can_zoom_out(self) -> bool:
        return self.zoom > MIN_ZOOM

    def zoomed(self, steps: int, around: Point | None = None) -> Viewport:
        return replace(self, center=around or self.center, zoom=clamp_zoom(self.zoom + steps))


def zoom_to_fit(center: Point, radius_km: float, width: int = VIEW_WIDTH,
                height: int = VIEW_HEIGHT) -> int:
    """The closest zoom at which a circle of `radius_km` around `center` fits in the view."""
    for zoom in range(MAX_ZOOM, MIN_ZOOM - 1, -1):
        view = Viewport(center, zoom, width, height)
        if 2 * radius_km <= min(width, height) * view.km_per_pixel():
            return zoom
    return MIN_ZOOM


def zoom_to_show(points: list[Point], width: int = VIEW_WIDTH, height: int = VIEW_HEIGHT,
                 margin: float = 32) -> tuple[Point, int]:
    """The centre and the closest zoom at which every point is at least `margin` px inside."""
    xs, ys = zip(*(world_xy(p.latitude, p.longitude) for p in points), strict=True)
    center = world_point((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    for zoom in range(MAX_ZOOM, MIN_ZOOM - 1, -1):
        scale = 2.0**zoom
        if span_x * scale <= width - 2 * margin and span_y * scale <= height - 2 * margin:
            return center, zoom
    return center, MIN_ZOOM
