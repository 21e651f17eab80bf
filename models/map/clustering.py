"""Markers merged into clusters wherever they would overlap on screen.

The guarantee the map relies on: the centres of the markers and clusters returned are at least
`min_distance` pixels apart, so no two overlap when drawn smaller than that, and their counts
add up to the points given. It is reached in two steps:

1. a greedy pass in the given order (the caller puts the nearest venues first) joins each point
   to the first cluster whose seed is closer than `min_distance`, found through a grid of cells
   of that size, or starts a new one: linear in the number of points;
2. clusters are then drawn at the centre of their members, which may bring two of them closer
   than `min_distance`; the closest such pair is merged until none is left. At most a few
   hundred clusters fit in a view, so the quadratic search stays small.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(eq=False)
class Cluster(Generic[Item]):
    """Items drawn as one mark at (x, y), the centre of their positions."""

    x: float
    y: float
    members: list[tuple[Item, float, float]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def items(self) -> list[Item]:
        return [item for item, _x, _y in self.members]

    def absorb(self, other: Cluster[Item]) -> None:
        self.members.extend(other.members)
        self._recentre()

    def _recentre(self) -> None:
        self.x = sum(x for _item, x, _y in self.members) / len(self.members)
        self.y = sum(y for _item, _x, y in self.members) / len(self.members)


def _seed_clusters(points: Iterable[tuple[Item, float, float]], min_distance: float):
    clusters: list[Cluster[Item]] = []
    cells: dict[tuple[int, int], list[Cluster[Item]]] = defaultdict(list)
    for item, x, y in points:
        column, row = int(x // min_distance), int(y // min_distance)
        near = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for candidate in cells[(column + dx, row + dy)]:
                    if math.hypot(candidate.x - x, candidate.y - y) < min_distance:
                        near = candidate
                        break
                if near:
                    break
            if near:
                break
        if near is None:
            near = Cluster(x, y)
            clusters.append(near)
            cells[(column, row)].append(near)
        near.members.append((item, x, y))
    return clusters


def _closest_pair(clusters: list[Cluster[Item]], min_distance: float):
    best, pair = min_distance, None
    for index, first in enumerate(clusters):
        for second in clusters[index + 1:]:
            distance = math.hypot(first.x - second.x, first.y - second.y)
            if distance < best:
                best, pair = distance, (first, second)
    return pair


def cluster_points(
    points: Iterable[tuple[Item, float, float]], min_distance: float
) -> list[Cluster[Item]]:
    """Group (item, x, y) so that the returned centres are all `min_distance` apart or more."""
    clusters = _seed_clusters(points, min_distance)
    for each in clusters:
        each._recentre()
    while pair := _closest_pair(clusters, min_distance):
        first, second = pair
        first.absorb(second)
        clusters.remove(second)
    return clusters


def fan_out(cluster: Cluster[Item], min_distance: float) -> list[tuple[Item, float, float]]:
    """The members placed on rings around the cluster's centre, `min_distance` apart.

    For the closest zoom, where venues that share an address can only be told apart this way.
    """
    placed: list[tuple[Item, float, float]] = []
    members = sorted(cluster.members, key=lambda member: (member[2], member[1]))
    ring = 1
    while members:
        radius = ring * min_distance
        capacity = max(1, int(2 * math.pi * radius / min_distance))
        on_ring, members = members[:capacity], members[capacity:]
        for index, (item, _x, _y) in enumerate(on_ring):
            angle = 2 * math.pi * index / len(on_ring) - math.pi / 2
            placed.append((item, cluster.x + radius * math.cos(angle),
                           cluster.y + radius * math.sin(angle)))
        ring += 1
    return placed
