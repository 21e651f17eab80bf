"""Clustering markers: nothing closer than the stated distance, and every venue counted once.

The stated distance is the scene's `MIN_SEPARATION` (34 px), more than the diameter of the
largest mark (a 16 px radius cluster), so marks never overlap.
"""

import itertools
import math
import random

import pytest

from models.map.clustering import cluster_points, fan_out
from models.map.scene import CLUSTER_RADIUS, MARKER_RADIUS, MIN_SEPARATION


def random_points(seed: int, count: int, size: float = 400, hotspots: int = 4):
    """Points gathered around a few centres, as venues are around town centres."""
    rng = random.Random(seed)
    centres = [(rng.uniform(0, size), rng.uniform(0, size)) for _ in range(hotspots)]
    points = []
    for index in range(count):
        cx, cy = rng.choice(centres)
        spread = rng.choice((3, 20, 80))
        points.append((index, rng.gauss(cx, spread), rng.gauss(cy, spread)))
    return points


def closest_gap(clusters) -> float:
    return min(
        (math.hypot(a.x - b.x, a.y - b.y) for a, b in itertools.combinations(clusters, 2)),
        default=math.inf,
    )


def test_the_stated_distance_leaves_no_two_marks_overlapping():
    assert MIN_SEPARATION >= 2 * CLUSTER_RADIUS
    assert MIN_SEPARATION >= MARKER_RADIUS + CLUSTER_RADIUS


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("count", [2, 30, 300, 3000])
def test_no_two_marks_are_closer_than_the_stated_distance(seed, count):
    clusters = cluster_points(random_points(seed, count), MIN_SEPARATION)
    assert closest_gap(clusters) >= MIN_SEPARATION


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("count", [1, 30, 300, 3000])
def test_counts_add_up_to_the_points_given_each_once(seed, count):
    points = random_points(seed, count)
    clusters = cluster_points(points, MIN_SEPARATION)
    assert sum(cluster.count for cluster in clusters) == count
    assert sorted(item for cluster in clusters for item in cluster.items) == list(range(count))


def test_a_cluster_is_drawn_at_the_centre_of_its_members():
    clusters = cluster_points([("a", 100, 100), ("b", 110, 100), ("c", 105, 112)], MIN_SEPARATION)
    assert len(clusters) == 1
    assert (clusters[0].x, clusters[0].y) == pytest.approx((105, 104))


def test_points_far_enough_apart_stay_single_markers():
    points = [(index, 40 + 50 * (index % 7), 40 + 50 * (index // 7)) for index in range(42)]
    clusters = cluster_points(points, MIN_SEPARATION)
    assert len(clusters) == 42
    assert all(cluster.count == 1 for cluster in clusters)


def test_clustering_is_deterministic():
    points = random_points(1, 500)
    first = [(c.x, c.y, c.items) for c in cluster_points(points, MIN_SEPARATION)]
    again = [(c.x, c.y, c.items) for c in cluster_points(points, MIN_SEPARATION)]
    assert first == again


@pytest.mark.parametrize("count", [2, 5, 6, 7, 19, 40])
def test_fanned_out_venues_at_the_same_address_keep_the_stated_distance(count):
    (cluster,) = cluster_points([(index, 200, 200) for index in range(count)], MIN_SEPARATION)
    placed = fan_out(cluster, MIN_SEPARATION)
    assert sorted(item for item, _x, _y in placed) == list(range(count))
    gaps = [math.hypot(a[1] - b[1], a[2] - b[2]) for a, b in itertools.combinations(placed, 2)]
    assert min(gaps) >= MIN_SEPARATION - 1e-9
