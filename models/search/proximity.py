"""Distance filters and orders that both engines can compute with plain arithmetic.

SQLite has no trigonometry unless compiled with it, so the database compares squared distances
on a local flat projection (equirectangular, scaled at the centre's latitude): within 100 km
this differs from the great-circle distance by well under 1 %, and a bounding box on
`(latitude, longitude)` lets the index discard everything else first. Distances shown to people
are computed exactly in Python (`models.geo.distance_km`).
"""

from __future__ import annotations

import math

from sqlalchemy import and_

from models.geo import EARTH_RADIUS_KM, Point, bounding_box

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180


def squared_distance_km2(latitude, longitude, center: Point):
    """SQL expression: the squared distance in km² from `center` to a row's coordinates."""
    north = (latitude - center.latitude) * KM_PER_DEGREE
    east = (longitude - center.longitude) * (
        KM_PER_DEGREE * math.cos(math.radians(center.latitude))
    )
    return north * north + east * east


def within_radius(latitude, longitude, center: Point, radius_km: float):
    """SQL clause: a row's coordinates lie within `radius_km` of `center`."""
    box = bounding_box(center, radius_km)
    return and_(
        latitude.between(box.min_latitude, box.max_latitude),
        longitude.between(box.min_longitude, box.max_longitude),
        squared_distance_km2(latitude, longitude, center) <= radius_km * radius_km,
    )
