"""The exact filter applied to the database's candidates: the same distances as models.geo."""

import random

import pytest

from models.geo import Point, distance_km
from models.map.repository import nearest_first
from models.offerers.models import VenueType

PARIS = Point(48.8566, 2.3522)


def candidates(count: int, seed: int = 1):
    rng = random.Random(seed)
    return [
        (index, f"Lieu {index}", None, VenueType.CINEMA,
         PARIS.latitude + rng.uniform(-0.25, 0.25), PARIS.longitude + rng.uniform(-0.35, 0.35))
        for index in range(count)
    ]


def test_distances_are_the_great_circle_distances_of_models_geo():
    for venue in nearest_first(candidates(300), PARIS, 30):
        expected = distance_km(PARIS, Point(venue.latitude, venue.longitude))
        assert venue.distance_km == pytest.approx(expected, abs=1e-9)


def test_only_candidates_within_the_radius_are_kept_nearest_first():
    rows = candidates(500)
    kept = nearest_first(rows, PARIS, 20)
    inside = {row[0] for row in rows
              if distance_km(PARIS, Point(row[4], row[5])) <= 20}
    assert {venue.id for venue in kept} == inside
    assert [venue.distance_km for venue in kept] == sorted(venue.distance_km for venue in kept)


def test_the_public_name_is_shown_when_there_is_one():
    rows = [(1, "SARL Cinéma du centre", "Le Studio", VenueType.CINEMA, 48.86, 2.35)]
    assert nearest_first(rows, PARIS, 5)[0].name == "Le Studio"
