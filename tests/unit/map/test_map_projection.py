"""Web Mercator views: projection, its inverse, scale, steps of the arrows and zoom choices."""

import math

import pytest

from models.geo import Point, distance_km
from models.map.projection import (
    MAX_ZOOM,
    MIN_ZOOM,
    Viewport,
    world_point,
    world_xy,
    zoom_to_fit,
    zoom_to_show,
)

MONTPELLIER = Point(43.6108, 3.8767)
CAYENNE = Point(4.9372, -52.326)


def test_the_view_centre_is_drawn_in_the_middle_of_the_view():
    view = Viewport(MONTPELLIER, 11)
    assert view.project(MONTPELLIER.latitude, MONTPELLIER.longitude) == pytest.approx(
        (view.width / 2, view.height / 2)
    )


@pytest.mark.parametrize("point", [MONTPELLIER, CAYENNE, Point(48.39, -4.48)])
@pytest.mark.parametrize("zoom", [0, 8, 17])
def test_unprojecting_a_projected_point_gives_it_back(point, zoom):
    back = world_point(*world_xy(point.latitude, point.longitude, zoom), zoom)
    assert back.latitude == pytest.approx(point.latitude, abs=1e-9)
    assert back.longitude == pytest.approx(point.longitude, abs=1e-9)


def test_north_is_up_and_east_is_right():
    view = Viewport(MONTPELLIER, 10)
    x, y = view.project(MONTPELLIER.latitude + 0.1, MONTPELLIER.longitude + 0.1)
    assert x > view.width / 2 and y < view.height / 2


def test_one_zoom_level_doubles_the_scale():
    assert Viewport(MONTPELLIER, 10).km_per_pixel() == pytest.approx(
        2 * Viewport(MONTPELLIER, 11).km_per_pixel()
    )


def test_pixel_scale_matches_ground_distances_within_half_a_percent():
    view = Viewport(MONTPELLIER, 12)
    east = view.unproject(view.width / 2 + 100, view.height / 2)
    assert distance_km(MONTPELLIER, east) == pytest.approx(100 * view.km_per_pixel(), rel=0.005)


def test_bounds_hold_every_corner_of_the_view():
    view = Viewport(MONTPELLIER, 10)
    box = view.bounds()
    for x, y in ((0, 0), (view.width, 0), (0, view.height), (view.width, view.height)):
        corner = view.unproject(x, y)
        assert box.min_latitude - 1e-9 <= corner.latitude <= box.max_latitude + 1e-9
        assert box.min_longitude - 1e-9 <= corner.longitude <= box.max_longitude + 1e-9


def test_an_arrow_step_moves_the_centre_by_half_a_view():
    view = Viewport(MONTPELLIER, 11)
    north = view.panned(0, -0.5)
    x, y = view.project(north.center.latitude, north.center.longitude)
    assert (x, y) == pytest.approx((view.width / 2, 0), abs=1e-6)
    assert north.zoom == view.zoom


def test_zooming_stays_within_the_levels_the_map_draws():
    assert Viewport(MONTPELLIER, MAX_ZOOM).zoomed(1).zoom == MAX_ZOOM
    assert Viewport(MONTPELLIER, MIN_ZOOM).zoomed(-1).zoom == MIN_ZOOM
    assert not Viewport(MONTPELLIER, MAX_ZOOM).can_zoom_in
    assert not Viewport(MONTPELLIER, MIN_ZOOM).can_zoom_out


@pytest.mark.parametrize("radius_km", [5, 10, 20, 50, 100])
def test_the_default_zoom_shows_the_whole_search_circle_and_no_closer_one_would(radius_km):
    zoom = zoom_to_fit(MONTPELLIER, radius_km)
    fits = Viewport(MONTPELLIER, zoom)
    assert 2 * radius_km <= fits.width * fits.km_per_pixel()
    closer = Viewport(MONTPELLIER, zoom + 1)
    assert 2 * radius_km > closer.width * closer.km_per_pixel()


def test_twenty_km_around_montpellier_is_shown_at_zoom_ten():
    assert zoom_to_fit(MONTPELLIER, 20) == 10


def test_zoom_to_show_keeps_every_point_inside_the_margin():
    points = [Point(43.60, 3.86), Point(43.63, 3.90), Point(43.58, 3.88)]
    center, zoom = zoom_to_show(points, margin=34)
    view = Viewport(center, zoom)
    for point in points:
        x, y = view.project(point.latitude, point.longitude)
        assert 34 - 1e-6 <= x <= view.width - 34 + 1e-6
        assert 34 - 1e-6 <= y <= view.height - 34 + 1e-6
    closer = Viewport(center, zoom + 1)
    spread = [closer.project(p.latitude, p.longitude) for p in points]
    xs, ys = [x for x, _ in spread], [y for _, y in spread]
    assert max(xs) - min(xs) > view.width - 68 or max(ys) - min(ys) > view.height - 68


def test_web_mercator_keeps_latitudes_beyond_the_poles_limit_finite():
    x, y = world_xy(90, 0)
    assert math.isfinite(y) and y == pytest.approx(0, abs=1e-6)
