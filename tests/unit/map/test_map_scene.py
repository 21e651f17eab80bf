"""The marks of one view: the venues in view, each counted once, none overlapping."""

import itertools
import math
import random

import pytest

from models.geo import Point, distance_km
from models.map.projection import MAX_ZOOM, Viewport
from models.map.repository import MapVenue
from models.map.scene import (
    MIN_SEPARATION,
    ClusterMark,
    VenueMark,
    compass_point,
    place_marks,
)
from models.offerers.models import VenueType

MONTPELLIER = Point(43.6108, 3.8767)


def venues_around(seed: int, count: int, spread_km: float = 25) -> list[MapVenue]:
    rng = random.Random(seed)
    venues = []
    for index in range(count):
        # Dense centre, sparse outskirts, as in a city.
        distance = spread_km * rng.random() ** 2
        angle = rng.uniform(0, 2 * math.pi)
        point = Point(MONTPELLIER.latitude + distance * math.cos(angle) / 111.2,
                      MONTPELLIER.longitude + distance * math.sin(angle) / 80.5)
        venues.append(MapVenue(index, f"Lieu {index}", VenueType.LIBRARY, point.latitude,
                               point.longitude, distance_km(MONTPELLIER, point)))
    return sorted(venues, key=lambda venue: venue.distance_km)


def in_view(view: Viewport, venues: list[MapVenue]) -> list[int]:
    return sorted(v.id for v in venues if view.contains(*view.project(v.latitude, v.longitude)))


def counted(marks) -> list[int]:
    ids = []
    for mark in marks:
        venues = mark.venues if isinstance(mark, ClusterMark) else (mark.venue,)
        ids.extend(venue.id for venue in venues)
    return sorted(ids)


@pytest.mark.parametrize("zoom", [8, 10, 12, 14, MAX_ZOOM])
@pytest.mark.parametrize("seed", range(4))
def test_marks_count_every_venue_in_view_once_and_no_other(zoom, seed):
    venues = venues_around(seed, 400)
    view = Viewport(MONTPELLIER, zoom)
    assert counted(place_marks(view, venues)) == in_view(view, venues)


@pytest.mark.parametrize("zoom", [8, 10, 12, 14, 16])
@pytest.mark.parametrize("seed", range(4))
def test_no_two_marks_are_closer_than_the_stated_distance(zoom, seed):
    marks = place_marks(Viewport(MONTPELLIER, zoom), venues_around(seed, 400))
    for first, second in itertools.combinations(marks, 2):
        assert math.hypot(first.x - second.x, first.y - second.y) >= MIN_SEPARATION


def test_a_cluster_opens_on_a_closer_view_where_its_venues_are_all_visible():
    venues = venues_around(7, 200)
    view = Viewport(MONTPELLIER, 10)
    clusters = [mark for mark in place_marks(view, venues) if isinstance(mark, ClusterMark)]
    assert clusters
    for cluster in clusters:
        assert cluster.zoom >= view.zoom + 2
        closer = Viewport(cluster.center, cluster.zoom)
        assert counted(place_marks(closer, list(cluster.venues))) == sorted(
            v.id for v in cluster.venues)


def test_at_the_closest_zoom_venues_at_one_address_are_fanned_out_not_clustered():
    same_place = [MapVenue(i, f"Lieu {i}", VenueType.MUSEUM, 43.6108, 3.8767, 0.0)
                  for i in range(5)]
    marks = place_marks(Viewport(MONTPELLIER, MAX_ZOOM), same_place)
    assert all(isinstance(mark, VenueMark) for mark in marks)
    assert counted(marks) == [0, 1, 2, 3, 4]


def test_marks_come_nearest_first_for_keyboard_order():
    marks = place_marks(Viewport(MONTPELLIER, 11), venues_around(3, 150))

    def nearest(mark):
        return mark.nearest.distance_km if isinstance(mark, ClusterMark) else mark.venue.distance_km

    distances = [nearest(mark) for mark in marks]
    assert distances == sorted(distances)


@pytest.mark.parametrize(("target", "direction"), [
    (Point(43.7, 3.8767), "n"), (Point(43.5, 3.8767), "s"), (Point(43.6108, 4.0), "e"),
    (Point(43.6108, 3.7), "w"), (Point(43.7, 4.0), "ne"), (Point(43.5, 3.75), "sw"),
])
def test_directions_are_the_eight_compass_points(target, direction):
    assert compass_point(MONTPELLIER, target) == direction
