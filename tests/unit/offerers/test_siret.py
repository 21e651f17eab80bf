"""The SIRET of a venue: 14 digits, its structure's SIREN then 5, Luhn-valid (La Poste apart)."""

import pytest

from models.offerers.exceptions import InvalidSiret, SiretChecksumFailed, SiretOfAnotherStructure
from models.offerers.validation import LA_POSTE_SIREN, check_siret, luhn_valid, with_luhn_digit

SIREN = "552100554"
SIRET = with_luhn_digit(SIREN + "0001")


def test_a_luhn_valid_siret_of_the_structure_passes():
    assert luhn_valid(SIRET)
    check_siret(SIRET, SIREN)


@pytest.mark.parametrize("siret", ["", "5521005540001", "552100554000100", "55210055400O1X"])
def test_a_siret_that_is_not_14_digits_is_refused_with_its_format(siret):
    with pytest.raises(InvalidSiret) as error:
        check_siret(siret, SIREN)
    assert "14 chiffres" in error.value.message


def test_a_siret_of_another_structure_says_it_does_not_start_with_the_siren():
    with pytest.raises(SiretOfAnotherStructure) as error:
        check_siret(SIRET, "732829320")
    assert "ne commence pas par le SIREN" in error.value.message


def test_a_mistyped_digit_fails_the_checksum_with_its_own_message():
    wrong = SIRET[:-1] + str((int(SIRET[-1]) + 1) % 10)
    with pytest.raises(SiretChecksumFailed) as error:
        check_siret(wrong, SIREN)
    assert "mal recopié" in error.value.message


def test_two_swapped_digits_of_the_establishment_number_are_caught():
    digits = SIREN + "0012"
    siret = with_luhn_digit(digits)
    swapped = SIREN + "0021" + siret[-1]
    assert not luhn_valid(swapped)
    with pytest.raises(SiretChecksumFailed):
        check_siret(swapped, SIREN)


def test_la_poste_sirets_are_accepted_without_the_luhn_test():
    not_luhn = next(f"{LA_POSTE_SIREN}{n:05d}" for n in range(10)
                    if not luhn_valid(f"{LA_POSTE_SIREN}{n:05d}"))
    check_siret(not_luhn, LA_POSTE_SIREN)


def test_la_poste_sirets_still_need_14_digits_and_its_siren():
    with pytest.raises(InvalidSiret):
        check_siret(LA_POSTE_SIREN + "1234", LA_POSTE_SIREN)
    with pytest.raises(SiretOfAnotherStructure):
        check_siret("35600001012345", LA_POSTE_SIREN)
