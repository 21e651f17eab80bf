"""The names and scale a map view writes: most populated first, never overlapping, in view."""

import itertools
import random

import pytest

from models.geo import Point
from models.map.outlines import BaseMap
from models.map.places import Place
from models.map.projection import Viewport
from models.map.repository import MapVenue
from models.map.scene import Circle, MapScene, VenueMark
from models.offerers.models import VenueType
from webapp.map_labels import _box, _overlaps, commune_labels, scale_bar

MONTPELLIER = Point(43.6108, 3.8767)


def scene(view: Viewport, markers: list[tuple[float, float]] = ()) -> MapScene:
    marks = [VenueMark(MapVenue(index, "Lieu", VenueType.LIBRARY, 0, 0, 1), x, y)
             for index, (x, y) in enumerate(markers)]
    return MapScene(view, BaseMap("", ""), marks, Circle(200, 200, 7), Circle(200, 200, 150))


def places_around(seed: int, count: int) -> list[Place]:
    rng = random.Random(seed)
    places = [Place(f"C{'x' * rng.randint(3, 11)}{index}", rng.randint(100, 300_000),
                    Point(MONTPELLIER.latitude + rng.uniform(-.15, .15),
                          MONTPELLIER.longitude + rng.uniform(-.2, .2)))
              for index in range(count)]
    return sorted(places, key=lambda place: -place.population)


@pytest.mark.parametrize("seed", range(5))
def test_labels_never_overlap_one_another_nor_a_marker_and_stay_in_view(seed):
    view = Viewport(MONTPELLIER, 11)
    rng = random.Random(seed)
    markers = [(rng.uniform(0, 400), rng.uniform(0, 400)) for _ in range(8)]
    drawn = scene(view, markers)
    labels = commune_labels(drawn, places_around(seed, 40), scale_bar(view))
    assert labels
    boxes = [_box(label.name, label.x, label.y) for label in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlaps(a, b)
    for box, (x, y) in itertools.product(boxes, markers):
        assert not _overlaps(box, (x - 12, y - 12, x + 12, y + 12))
    for left, top, right, bottom in boxes:
        assert left >= 0 and right <= 400 and top >= 0 and bottom <= 400


@pytest.mark.parametrize("seed", range(5))
def test_labels_kept_when_the_text_is_enlarged_do_not_overlap_at_twice_their_size(seed):
    view = Viewport(MONTPELLIER, 11)
    labels = commune_labels(scene(view), places_around(seed, 40), scale_bar(view))
    major = [_box(label.name, label.x, label.y, scale=2) for label in labels if label.major]
    assert major
    for a, b in itertools.combinations(major, 2):
        assert not _overlaps(a, b)


def test_of_two_communes_in_the_same_place_the_more_populated_is_named():
    view = Viewport(MONTPELLIER, 11)
    places = [Place("Montpellier", 300_000, MONTPELLIER),
              Place("Lattes", 17_000, Point(MONTPELLIER.latitude, MONTPELLIER.longitude + .001))]
    names = [label.name for label in commune_labels(scene(view), places, scale_bar(view))]
    assert names[0] == "Montpellier"


@pytest.mark.parametrize("zoom", range(5, 18))
def test_the_scale_is_a_round_distance_at_most_100_pixels_long(zoom):
    view = Viewport(MONTPELLIER, zoom)
    scale = scale_bar(view)
    assert 40 <= scale.pixels <= 100
    number, unit = scale.text.split(" ")
    assert unit in {"km", "m"}
    assert number.lstrip("0")[0] in "125" and set(number[1:]) <= {"0"}
    metres = float(number) * (1000 if unit == "km" else 1)
    assert scale.pixels * view.km_per_pixel() * 1000 == pytest.approx(metres, rel=0.01)
