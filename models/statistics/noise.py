"""The fixed noise table of the cell-key method (docs/domain/7-territories.md).

The table is code, computed the same way on every machine: for each bucket of true counts, the
`KEY_RANGE` cell keys are shared out between noise values in proportion to the bucket's
distribution, then shuffled by a fixed hash. Nothing in it is random at run time, so the same
cell (the same people, hence the same key, and the same true count) always gets the same noise.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction

KEY_RANGE = 256
MAX_NOISE = 5
SMALLEST_PUBLISHED = 5
# From this count on, every noise between -5 and +5 keeps the published count at 5 or more.
LARGE = SMALLEST_PUBLISHED + MAX_NOISE

# Chances of each noise for large counts: centred, at most 5 either way, smaller noise likelier.
_LARGE_WEIGHTS = {noise: MAX_NOISE + 1 - abs(noise) for noise in range(-MAX_NOISE, MAX_NOISE + 1)}


def bucket(count: int) -> int:
    """Counts 1 to 9 each have their own row of the table; 10 and more share one."""
    return min(count, LARGE)


def _small_count_distribution(count: int) -> dict[int, Fraction]:
    """A true count of 1 to 4 is published as 0 or as one of 5, ..., count + 5.

    The values 5 to count + 5 are equally likely, and 0 takes the rest of the chances, chosen so
    that the published count is right on average (unbiased): P(not 0) = count / mean(5..count+5).
    """
    published = range(SMALLEST_PUBLISHED, count + MAX_NOISE + 1)
    mean = Fraction(sum(published), len(published))
    kept = Fraction(count) / mean
    chances = {value - count: kept / len(published) for value in published}
    chances[-count] = 1 - kept
    return chances


def _truncated_distribution(count: int) -> dict[int, Fraction]:
    """Counts from 5 on: the large counts' noise, without what would publish less than 5."""
    weights = {noise: weight for noise, weight in _LARGE_WEIGHTS.items()
               if count + noise >= SMALLEST_PUBLISHED}
    total = sum(weights.values())
    return {noise: Fraction(weight, total) for noise, weight in weights.items()}


def distribution(count_bucket: int) -> dict[int, Fraction]:
    if count_bucket < SMALLEST_PUBLISHED:
        return _small_count_distribution(count_bucket)
    return _truncated_distribution(count_bucket)


def _shares(chances: dict[int, Fraction]) -> dict[int, int]:
    """Whole numbers of cell keys per noise, summing to KEY_RANGE (largest remainders first)."""
    exact = {noise: chance * KEY_RANGE for noise, chance in chances.items()}
    shares = {noise: int(value) for noise, value in exact.items()}
    left = KEY_RANGE - sum(shares.values())
    by_remainder = sorted(exact, key=lambda noise: (exact[noise] - shares[noise], -noise),
                          reverse=True)
    for noise in by_remainder[:left]:
        shares[noise] += 1
    return shares


def _row(count_bucket: int) -> tuple[int, ...]:
    values = [noise for noise, share in sorted(_shares(distribution(count_bucket)).items())
              for _ in range(share)]
    order = sorted(range(KEY_RANGE), key=lambda key: hashlib.sha256(
        f"pass-culture-cell-key:{count_bucket}:{key}".encode()).digest())
    row = [0] * KEY_RANGE
    for key, value in zip(order, values, strict=True):
        row[key] = value
    return tuple(row)


NOISE_TABLE: dict[int, tuple[int, ...]] = {
    count_bucket: _row(count_bucket) for count_bucket in range(1, LARGE + 1)
}


def noise(count: int, cell_key: int) -> int:
    """The noise added to a true count of at least 1 whose cell key is `cell_key`."""
    return NOISE_TABLE[bucket(count)][cell_key % KEY_RANGE]
