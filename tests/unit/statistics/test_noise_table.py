"""The fixed noise table of the cell-key method (docs/domain/7-territories.md)."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest

from models.statistics import noise as noise_module
from models.statistics.noise import KEY_RANGE, LARGE, MAX_NOISE, NOISE_TABLE, noise


def test_the_table_has_one_row_per_count_from_1_to_10_each_covering_every_cell_key():
    assert sorted(NOISE_TABLE) == list(range(1, LARGE + 1))
    assert all(len(row) == KEY_RANGE for row in NOISE_TABLE.values())


def test_no_noise_exceeds_5_either_way():
    assert {value for row in NOISE_TABLE.values() for value in row} <= set(
        range(-MAX_NOISE, MAX_NOISE + 1))


@pytest.mark.parametrize("count", range(1, 60))
def test_no_published_count_lies_between_1_and_4(count):
    published = {count + noise(count, key) for key in range(KEY_RANGE)}
    assert not published & {1, 2, 3, 4}
    assert min(published) >= 0


def test_the_table_is_the_same_each_time_it_is_built():
    rebuilt = {count_bucket: noise_module._row(count_bucket) for count_bucket in NOISE_TABLE}
    assert rebuilt == NOISE_TABLE


def test_large_counts_get_a_centred_noise_that_is_often_not_zero():
    row = NOISE_TABLE[LARGE]
    assert abs(sum(row)) <= 2
    assert Counter(row)[0] / KEY_RANGE < 0.2


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_small_counts_are_right_on_average(count):
    average = Fraction(sum(count + value for value in NOISE_TABLE[count]), KEY_RANGE)
    assert abs(average - count) < Fraction(1, 20)


def test_a_count_of_100_and_one_of_1000_use_the_same_row():
    assert all(noise(100, key) == noise(1000, key) for key in range(KEY_RANGE))


def test_the_cell_key_wraps_around_the_key_range():
    assert noise(12, 5) == noise(12, 5 + 7 * KEY_RANGE)
