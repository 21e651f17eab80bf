"""The secrecy rules every figure shown to a local government goes through.

docs/domain/7-territories.md explains them: counts of people perturbed by the cell-key method,
money hidden when few partners make it or one dominates, ratios from protected parts and hidden
under a denominator of 20, and the second cell hidden where a total would give a secret one away.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from models.statistics.figures import Figure, Reason
from models.statistics.noise import KEY_RANGE, noise

MIN_PARTNERS = 4
DOMINANCE_PERCENT = 85
MIN_DENOMINATOR = 20


@dataclass(frozen=True)
class Count:
    """A true count and the sum of the keys of the people it counts (one key per row counted)."""

    count: int = 0
    key_sum: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.count + other.count, self.key_sum + other.key_sum)


@dataclass(frozen=True)
class Amount:
    """A true amount in cents, how many partners make it and what the largest of them makes."""

    cents: int = 0
    partners: int = 0
    largest_cents: int = 0


def cell_key(key_sum: int) -> int:
    return key_sum % KEY_RANGE


def protect_count(true: Count) -> Figure:
    """The published count: the true one plus the table's noise for its cell key.

    An empty cell is published as 0; a count of 1 to 4 as 0 or 5 and more; never 1 to 4.
    """
    if true.count <= 0:
        return Figure.published(0)
    return Figure.published(true.count + noise(true.count, cell_key(true.key_sum)))


def protect_public_count(count: int) -> Figure:
    """A count of places or offers anyone can see on the public map: no person is in it."""
    return Figure.published(count)


def protect_amount(true: Amount) -> Figure:
    """Money is shown only when 4 partners or more make it and none makes more than 85 %."""
    if true.cents == 0:
        return Figure.published(0)
    if true.partners < MIN_PARTNERS:
        return Figure.secret(Reason.FEW_PARTNERS)
    if true.largest_cents * 100 > DOMINANCE_PERCENT * true.cents:
        return Figure.secret(Reason.DOMINANT_PARTNER)
    return Figure.published(true.cents)


def protect_ratio(numerator: Figure, denominator: Figure, *, share: bool = True) -> Figure:
    """A ratio of two already protected figures, hidden under a denominator of 20.

    A share cannot pass 100 % even when the noises of its two counts pull apart.
    """
    if numerator.is_secret or denominator.is_secret:
        return Figure.secret(Reason.SECRET_PART)
    if denominator.value < MIN_DENOMINATOR:
        return Figure.secret(Reason.SMALL_DENOMINATOR)
    ratio = numerator.value / denominator.value
    if share:
        ratio = min(ratio, 1.0)
    return Figure.published(ratio, numerator=numerator.value, denominator=denominator.value)


def protect_amount_parts(parts: Mapping[str, Amount], total: Amount, *,
                         withheld: Collection[str] = ()) -> tuple[dict[str, Figure], Figure]:
    """Money split in parts (by category) beside their total, with secondary suppression.

    When the total is shown and exactly one part is secret, total minus the other parts would
    give that part away: the smallest other part with money is hidden too. When the total itself
    is secret, the parts are protected on their own rules only.

    `withheld` names parts that another table shows as secret (the same money in two linked
    tables): they are hidden here too, and count as secret for the rule above.
    """
    figures = {name: Figure.secret(Reason.COMPLEMENT) if name in withheld
               else protect_amount(amount) for name, amount in parts.items()}
    total_figure = protect_amount(total)
    secret = [name for name, figure in figures.items() if figure.is_secret]
    if not total_figure.is_secret and len(secret) == 1:
        others = [name for name, figure in figures.items()
                  if not figure.is_secret and parts[name].cents > 0]
        if others:
            smallest = min(others, key=lambda name: (parts[name].cents, name))
            figures[smallest] = Figure.secret(Reason.COMPLEMENT)
        else:
            total_figure = Figure.secret(Reason.COMPLEMENT)
    return figures, total_figure
