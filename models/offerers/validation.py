"""Checks on structure and venue identifiers (docs/domain/6-structures.md)."""

from models.geo import Point, distance_km
from models.offerers.exceptions import (
    InvalidPhone,
    InvalidSiren,
    InvalidSiret,
    PositionFarFromCommune,
    PositionOutOfRange,
    SirenChecksumFailed,
    SiretChecksumFailed,
    SiretOfAnotherStructure,
)

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
    """A SIRET: 14 digits, the structure's SIREN then 5 digits, Luhn-valid (La Poste apart)."""
    if not (len(siret) == 14 and siret.isdigit()):
        raise InvalidSiret()
    if not siret.startswith(siren):
        raise SiretOfAnotherStructure()
    if siren != LA_POSTE_SIREN and not luhn_valid(siret):
        raise SiretChecksumFailed()


# Numbers of France and its overseas parts: the country code and how many digits follow it.
PHONE_PLANS = {"33": 9, "262": 9, "590": 9, "594": 9, "596": 9, "508": 6, "681": 6,
               "687": 6, "689": 8}
PHONE_SEPARATORS = str.maketrans("", "", " .-/()\u00a0")


def normalized_phone(typed: str) -> str:
    """A French phone number as typed (04 67 12 34 56, +33 4 67..., 0033...) in +33467123456
    form, or `InvalidPhone`."""
    number = typed.strip().translate(PHONE_SEPARATORS)
    if number.startswith("00"):
        number = "+" + number[2:]
    if len(number) == 10 and number.isdigit() and number[0] == "0" and number[1] != "0":
        return "+33" + number[1:]
    if number.startswith("+") and number[1:].isdigit():
        for code, length in PHONE_PLANS.items():
            rest = number[1 + len(code):]
            if number[1:].startswith(code) and len(rest) == length and rest[0] != "0":
                return number
    raise InvalidPhone()


MAX_KM_FROM_COMMUNE = 100


def check_position(latitude: float, longitude: float, commune_point: Point | None) -> None:
    """A venue's position: a point on the Earth, within 100 km of its commune's point."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise PositionOutOfRange()
    if commune_point is not None and distance_km(
        Point(latitude, longitude), commune_point
    ) > MAX_KM_FROM_COMMUNE:
        raise PositionFarFromCommune()


def with_luhn_digit(prefix: str) -> str:
    """Complete `prefix` with the check digit that makes it Luhn-valid."""
    for digit in "0123456789":
        if luhn_valid(prefix + digit):
            return prefix + digit
    raise AssertionError("unreachable: one digit always completes a Luhn number")
