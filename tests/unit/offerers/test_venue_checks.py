"""Checks on what a pro types about a venue: its phone number and its position."""

import pytest

from models.geo import Point
from models.offerers.exceptions import InvalidPhone, PositionFarFromCommune, PositionOutOfRange
from models.offerers.validation import check_position, normalized_phone

MONTPELLIER = Point(43.6108, 3.8767)


@pytest.mark.parametrize(("typed", "stored"), [
    ("04 67 12 34 56", "+33467123456"),
    ("04.67.12.34.56", "+33467123456"),
    ("+33 4 67 12 34 56", "+33467123456"),
    ("0033 4 67 12 34 56", "+33467123456"),
    ("06-12-34-56-78", "+33612345678"),
    ("+262 262 12 34 56", "+262262123456"),
    ("+689 40 12 34 56", "+68940123456"),
])
def test_french_numbers_are_kept_in_one_international_form(typed, stored):
    assert normalized_phone(typed) == stored


@pytest.mark.parametrize("typed", [
    "12", "04 67 12 34 5", "04 67 12 34 567", "00 67 12 34 56", "+33 0 67 12 34 56",
    "+44 20 7946 0958", "téléphone", "+33 4 67 12 34 5a",
])
def test_anything_else_is_refused_with_an_example(typed):
    with pytest.raises(InvalidPhone) as error:
        normalized_phone(typed)
    assert "04 67 12 34 56" in error.value.message


def test_a_point_near_the_commune_is_accepted():
    check_position(43.62, 3.90, MONTPELLIER)


@pytest.mark.parametrize(("latitude", "longitude"), [(91, 3.8), (-90.5, 3.8), (43.6, 181)])
def test_a_point_off_the_earth_is_refused(latitude, longitude):
    with pytest.raises(PositionOutOfRange):
        check_position(latitude, longitude, None)


def test_swapped_latitude_and_longitude_are_caught_by_the_distance_to_the_commune():
    with pytest.raises(PositionFarFromCommune) as error:
        check_position(3.8767, 43.6108, MONTPELLIER)
    assert "inversées" in error.value.message
