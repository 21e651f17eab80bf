"""The nearest-venue distance: exact on the sphere, whatever the number of points."""

import numpy as np
import pytest

from models.geo import Point, distance_km
from models.statistics import white_zones
from models.statistics.white_zones import BANDS_KM, CommuneAccess, nearest_distances_km

PARIS = (48.8566, 2.3522)
LYON = (45.7640, 4.8357)
MARSEILLE = (43.2965, 5.3698)
CAYENNE = (4.9372, -52.3260)


def test_the_distance_is_the_great_circle_one_to_the_nearest_target():
    found = nearest_distances_km(np.array([PARIS, MARSEILLE]), np.array([LYON, CAYENNE]))
    assert found[0] == pytest.approx(distance_km(Point(*PARIS), Point(*LYON)), rel=1e-6)
    assert found[1] == pytest.approx(distance_km(Point(*MARSEILLE), Point(*LYON)), rel=1e-6)


def test_without_any_target_every_distance_is_unknown():
    assert np.isnan(nearest_distances_km(np.array([PARIS]), np.empty((0, 2)))).all()


def test_points_are_compared_block_by_block_with_the_same_result(monkeypatch):
    rng = np.random.default_rng(7)
    points = np.column_stack((rng.uniform(42, 51, 50), rng.uniform(-4, 8, 50)))
    targets = np.column_stack((rng.uniform(42, 51, 30), rng.uniform(-4, 8, 30)))
    whole = nearest_distances_km(points, targets)
    monkeypatch.setattr(white_zones, "BLOCK", 7)
    assert np.allclose(nearest_distances_km(points, targets), whole)
    expected = [min(distance_km(Point(*p), Point(*t)) for t in targets) for p in points]
    assert np.allclose(whole, expected, rtol=1e-6)


@pytest.mark.parametrize(("distance", "band"), [
    (0.0, 0), (BANDS_KM[0], 0), (BANDS_KM[0] + 0.1, 1), (BANDS_KM[2], 2),
    (BANDS_KM[-1], len(BANDS_KM) - 1), (BANDS_KM[-1] + 0.1, len(BANDS_KM)), (None, len(BANDS_KM)),
])
def test_a_commune_falls_in_the_band_of_its_distance(distance, band):
    assert CommuneAccess("34172", "Montpellier", 1, distance).band == band
