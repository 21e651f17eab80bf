"""The rules applied to money, ratios and tables of parts (docs/domain/7-territories.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.statistics.dashboard import as_percent
from models.statistics.figures import Figure, Reason, Status
from models.statistics.secrecy import (
    Amount,
    Count,
    protect_amount,
    protect_amount_parts,
    protect_count,
    protect_ratio,
)


def test_an_empty_cell_is_published_as_zero():
    assert protect_count(Count(0, 0)) == Figure.published(0)


def test_a_count_is_published_with_its_noise_and_no_reason():
    figure = protect_count(Count(250, 123456))
    assert figure.status is Status.PUBLISHED and figure.reason is None
    assert 245 <= figure.value <= 255


@pytest.mark.parametrize("partners", [1, 2, 3])
def test_money_made_by_3_partners_or_fewer_is_secret(partners):
    figure = protect_amount(Amount(10_000, partners, 4_000))
    assert figure == Figure.secret(Reason.FEW_PARTNERS)
    assert figure.value is None


def test_money_made_by_4_partners_is_published():
    assert protect_amount(Amount(10_000, 4, 2_500)) == Figure.published(10_000)


def test_money_of_which_one_partner_makes_exactly_85_percent_is_published():
    assert protect_amount(Amount(10_000, 5, 8_500)).value == 10_000


def test_money_of_which_one_partner_makes_more_than_85_percent_is_secret():
    assert protect_amount(Amount(10_000, 5, 8_501)) == Figure.secret(Reason.DOMINANT_PARTNER)


def test_no_money_at_all_is_published_as_zero():
    assert protect_amount(Amount(0, 0, 0)) == Figure.published(0)


def test_the_reason_of_a_secret_figure_says_secret_statistique_in_words():
    assert Figure.secret(Reason.FEW_PARTNERS).reason.startswith("Secret statistique : ")


def test_a_ratio_under_a_denominator_of_20_is_secret():
    figure = protect_ratio(Figure.published(10), Figure.published(19))
    assert figure == Figure.secret(Reason.SMALL_DENOMINATOR)


def test_a_ratio_over_a_denominator_of_20_is_published_with_its_parts():
    figure = protect_ratio(Figure.published(5), Figure.published(20))
    assert (figure.value, figure.numerator, figure.denominator) == (0.25, 5, 20)


def test_a_ratio_with_a_secret_part_is_secret():
    figure = protect_ratio(Figure.secret(Reason.FEW_PARTNERS), Figure.published(40))
    assert figure == Figure.secret(Reason.SECRET_PART)


def test_a_share_never_passes_100_percent_when_noises_pull_apart():
    assert protect_ratio(Figure.published(42), Figure.published(40)).value == 1.0


def test_a_share_is_rounded_once_to_one_decimal_for_the_page_and_the_csv():
    percent = as_percent(protect_ratio(Figure.published(1), Figure.published(30)))
    assert percent.value == Decimal("3.3")


def test_a_single_secret_part_hides_the_smallest_other_part_so_the_total_gives_nothing_away():
    parts = {
        "CINEMA": Amount(50_000, 10, 9_000),
        "LIVRE": Amount(30_000, 8, 6_000),
        "MUSEE": Amount(2_000, 2, 1_500),
        "JEU": Amount(0, 0, 0),
    }
    figures, total = protect_amount_parts(parts, Amount(82_000, 14, 9_000))
    assert figures["MUSEE"].reason == Reason.FEW_PARTNERS
    assert figures["LIVRE"].reason == Reason.COMPLEMENT
    assert figures["CINEMA"].value == 50_000 and figures["JEU"].value == 0
    assert total.value == 82_000


def test_two_secret_parts_need_no_other_part_hidden():
    parts = {
        "CINEMA": Amount(50_000, 10, 9_000),
        "MUSEE": Amount(2_000, 2, 1_500),
        "JEU": Amount(1_000, 1, 1_000),
    }
    figures, total = protect_amount_parts(parts, Amount(53_000, 12, 9_000))
    assert not figures["CINEMA"].is_secret and not total.is_secret
    assert figures["MUSEE"].is_secret and figures["JEU"].is_secret


def test_a_lone_secret_part_beside_nothing_else_hides_the_total():
    figures, total = protect_amount_parts(
        {"CINEMA": Amount(50_000, 10, 9_000), "MUSEE": Amount(0, 0, 0)},
        Amount(50_000, 10, 9_000))
    assert not total.is_secret
    figures, total = protect_amount_parts(
        {"CINEMA": Amount(50_000, 3, 20_000), "MUSEE": Amount(0, 0, 0)},
        Amount(50_000, 3, 20_000))
    assert figures["CINEMA"].is_secret and total.is_secret
