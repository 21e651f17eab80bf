"""EAN-13 and its GS1 check digit (docs/domain/4-offers.md, "Bulk catalogue")."""

from __future__ import annotations

import pytest

from models.offers.ean import EanChecksumFailed, InvalidEan, check_ean, is_valid_ean13

# A French book (ISBN-13), a French record, and an American record whose EAN begins with 0.
VALID = ("9782070368228", "3700187673437", "0602445790098", "4006381333931")


@pytest.mark.parametrize("ean", VALID)
def test_real_eans_are_valid(ean):
    assert is_valid_ean13(ean)
    check_ean(ean)


@pytest.mark.parametrize("ean", ["9782070368229", "9782070368220", "3700187673436"])
def test_a_wrong_last_digit_fails_the_checksum(ean):
    assert not is_valid_ean13(ean)
    with pytest.raises(EanChecksumFailed):
        check_ean(ean)


def test_swapping_two_neighbouring_digits_is_caught():
    assert not is_valid_ean13("9782700368228")


@pytest.mark.parametrize("value", [
    "", "978207036822", "97820703682281", "978-2070368228", "978207036822X",
    "978207036822٨", "９７８２０７０３６８２２８", " 9782070368228",
])
def test_anything_but_thirteen_ascii_digits_is_refused_for_its_shape(value):
    assert not is_valid_ean13(value)
    with pytest.raises(InvalidEan) as refused:
        check_ean(value)
    assert not isinstance(refused.value, EanChecksumFailed)


def test_a_value_that_is_not_text_is_not_an_ean():
    assert not is_valid_ean13(9782070368228)


def test_the_refusals_speak_french():
    with pytest.raises(InvalidEan) as shape:
        check_ean("123")
    with pytest.raises(EanChecksumFailed) as checksum:
        check_ean("9782070368229")
    assert "13 chiffres" in shape.value.message
    assert "clé de contrôle" in checksum.value.message
