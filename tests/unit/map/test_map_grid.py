"""The grid cells: the numbers Python computes, and the index ranges that cover a circle."""

import random

import pytest

from models.geo import Point, bounding_box
from models.map.grid import CELLS_PER_DEGREE, cell_ranges, grid_cell


def test_a_cell_is_a_row_of_latitude_and_a_column_of_longitude():
    assert grid_cell(43.61, 3.87) == (133.61 * 20 // 1) * 10_000 + (183.87 * 20 // 1)
    assert grid_cell(43.61, 3.87) == 26_723_677


def test_neighbouring_points_of_a_cell_share_it_and_the_next_column_is_the_next_number():
    step = 1 / CELLS_PER_DEGREE
    assert grid_cell(43.601, 3.851) == grid_cell(43.649, 3.899)
    assert grid_cell(43.601, 3.851 + step) == grid_cell(43.601, 3.851) + 1


def test_overseas_and_western_points_have_valid_cells():
    assert grid_cell(4.9372, -52.326) > 0
    assert grid_cell(-21.1, 55.5) > 0


@pytest.mark.parametrize("radius_km", [1, 5, 20, 100])
def test_the_ranges_of_a_box_cover_every_point_inside_it(radius_km):
    center = Point(43.6108, 3.8767)
    box = bounding_box(center, radius_km)
    ranges = cell_ranges(box)
    rng = random.Random(radius_km)
    for _ in range(2000):
        latitude = rng.uniform(box.min_latitude, box.max_latitude)
        longitude = rng.uniform(box.min_longitude, box.max_longitude)
        cell = grid_cell(latitude, longitude)
        assert any(first <= cell <= last for first, last in ranges)


def test_twenty_km_around_montpellier_reads_eight_short_ranges():
    ranges = cell_ranges(bounding_box(Point(43.6108, 3.8767), 20))
    assert len(ranges) == 8
    assert all(last - first <= 11 for first, last in ranges)
