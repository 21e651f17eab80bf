import pytest

from models.offerers.exceptions import InvalidSiren, InvalidSiret
from models.offerers.validation import check_siren, check_siret, luhn_valid, with_luhn_digit


@pytest.mark.parametrize("siren", ["732829320", "552100554", "356000000"])
def test_real_sirens_pass(siren):
    check_siren(siren)


@pytest.mark.parametrize("siren", ["732829321", "12345678", "1234567890", "73282932A", ""])
def test_wrong_sirens_are_refused_with_a_french_message(siren):
    with pytest.raises(InvalidSiren) as error:
        check_siren(siren)
    assert "SIREN" in error.value.message


def test_siret_must_start_with_the_structure_siren():
    siret = with_luhn_digit("5521005540001")
    check_siret(siret, "552100554")
    with pytest.raises(InvalidSiret):
        check_siret(siret, "732829320")


def test_siret_failing_luhn_is_refused():
    siret = with_luhn_digit("5521005540001")
    wrong = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    with pytest.raises(InvalidSiret):
        check_siret(wrong, "552100554")


def test_la_poste_sirets_are_accepted_without_luhn():
    check_siret("35600000012345", "356000000")


def test_with_luhn_digit_completes_any_prefix():
    for prefix in ("12345678", "00000000", "99999999"):
        assert luhn_valid(with_luhn_digit(prefix))
