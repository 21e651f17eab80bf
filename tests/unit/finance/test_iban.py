"""docs/domain/6-reimbursement.md, "Bank details": the IBAN's mod-97 check and the BIC's shape."""

import pytest

from models.finance.exceptions import (
    HolderRequired,
    IbanChecksumFailed,
    InvalidBic,
    InvalidIban,
    UnsupportedIbanCountry,
)
from models.finance.validation import (
    check_bic,
    check_holder,
    check_iban,
    iban_checksum_valid,
    normalise_iban,
    with_iban_check_digits,
)

VALID_FR = "FR7630006000011234567890189"


@pytest.mark.parametrize("iban", [
    VALID_FR,
    "FR1420041010050500013M02606",
    "DE89370400440532013000",
    "GB82WEST12345698765432",
    "BE68539007547034",
])
def test_a_real_iban_passes(iban):
    check_iban(iban)


def test_spaces_dashes_and_small_letters_are_how_people_copy_it():
    assert normalise_iban(" fr76 3000-6000 0112 3456 7890 189 ") == VALID_FR


def test_one_character_mistyped_fails_the_checksum():
    with pytest.raises(IbanChecksumFailed):
        check_iban(VALID_FR[:-1] + "8")


def test_two_neighbours_swapped_fail_the_checksum():
    swapped = VALID_FR[:15] + VALID_FR[16] + VALID_FR[15] + VALID_FR[17:]
    assert swapped != VALID_FR
    with pytest.raises(IbanChecksumFailed):
        check_iban(swapped)


def test_a_french_iban_of_the_wrong_length_is_refused_before_the_checksum():
    with pytest.raises(UnsupportedIbanCountry):
        check_iban(with_iban_check_digits("FR", "3000600001123456789018"))


@pytest.mark.parametrize("text", ["", "FR76", "7630006000011234567890189", "FR7A300060000112",
                                  "FR76 3000", "FR76300060000112345678901890000000000"])
def test_what_has_not_the_shape_of_an_iban_is_refused(text):
    with pytest.raises(InvalidIban):
        check_iban(normalise_iban(text))


def test_check_digits_are_computed_as_banks_do():
    assert with_iban_check_digits("FR", "30006000011234567890189") == VALID_FR
    assert iban_checksum_valid(VALID_FR)


def test_every_refusal_speaks_french():
    for error in (InvalidIban(), IbanChecksumFailed(), UnsupportedIbanCountry(), InvalidBic()):
        assert "IBAN" in error.message or "BIC" in error.message
    assert "RIB" in IbanChecksumFailed().message


@pytest.mark.parametrize("bic", [None, "", "BNPAFRPP", "BNPAFRPPXXX", "AGRIFRPP882"])
def test_the_bic_is_optional_and_has_8_or_11_characters(bic):
    check_bic(bic)


@pytest.mark.parametrize("bic", ["BNPA", "BNPAFRPPX", "1NPAFRPP", "BNPA-FRPP"])
def test_a_bic_of_another_shape_is_refused(bic):
    with pytest.raises(InvalidBic):
        check_bic(bic)


def test_the_holder_is_required():
    with pytest.raises(HolderRequired):
        check_holder("   ")
