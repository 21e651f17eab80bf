"""Checks on structure and venue identifiers (docs/domain/6-structures.md)."""

from models.offerers.exceptions import InvalidSiren, InvalidSiret, SirenChecksumFailed

# La Poste's establishments carry SIRETs that fail the Luhn test; INSEE documents the exception.
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def check_siren(siren: str) -> None:
    if not (len(siren) == 9 and siren.isdigit()):
        raise InvalidSiren()
    if not luhn_valid(siren):
        raise SirenChecksumFailed()


def check_siret(siret: str, siren: str) -> None:
    if not (len(siret) == 14 and siret.isdigit() and siret.startswith(siren)):
        raise InvalidSiret()
    if siren != LA_POSTE_SIREN and not luhn_valid(siret):
        raise InvalidSiret()


def with_luhn_digit(prefix: str) -> str:
    """Complete `prefix` with the check digit that makes it Luhn-valid."""
    for digit in "0123456789":
        if luhn_valid(prefix + digit):
            return prefix + digit
    raise AssertionError("unreachable: one digit always completes a Luhn number")
