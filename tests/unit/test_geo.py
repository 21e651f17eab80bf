import pytest

from models.geo import Point, bounding_box, distance_km

MONTPELLIER = Point(43.6109, 3.8772)
BREST = Point(48.3904, -4.4861)


def test_distance_between_paris_and_lyon_is_the_known_392_km():
    assert distance_km(Point(48.8566, 2.3522), Point(45.7640, 4.8357)) == pytest.approx(392, abs=2)


def test_distance_is_zero_to_itself_and_symmetric():
    assert distance_km(BREST, BREST) == 0
    assert distance_km(MONTPELLIER, BREST) == pytest.approx(distance_km(BREST, MONTPELLIER))


@pytest.mark.parametrize("radius", [1, 20, 100])
def test_bounding_box_contains_points_at_the_radius_in_every_direction(radius):
    box = bounding_box(MONTPELLIER, radius)
    for bearing_point in (
        Point(MONTPELLIER.latitude + radius / 111.2 * 0.999, MONTPELLIER.longitude),
        Point(MONTPELLIER.latitude, MONTPELLIER.longitude + radius / 80.6 * 0.999),
    ):
        assert distance_km(MONTPELLIER, bearing_point) <= radius
        assert box.min_latitude <= bearing_point.latitude <= box.max_latitude
        assert box.min_longitude <= bearing_point.longitude <= box.max_longitude
