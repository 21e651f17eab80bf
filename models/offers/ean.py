"""EAN-13, the barcode number of books (ISBN-13) and records, checked by its GS1 check digit.

The rule is written in docs/domain/4-offers.md ("Bulk catalogue"): thirteen digits, the last
one being the GS1 checksum of the twelve before it.
"""

from __future__ import annotations

from models.errors import DomainError

EAN_LENGTH = 13


class InvalidEan(DomainError):
    message = "L'EAN doit comporter 13 chiffres, sans espace ni tiret."


class EanChecksumFailed(InvalidEan):
    message = (
        "Cet EAN n'existe pas : sa clé de contrôle (le dernier chiffre) est fausse. "
        "Un chiffre est sans doute mal recopié."
    )


def ean13_check_digit(first_twelve: str) -> int:
    """The GS1 check digit: weights 1 and 3 alternate from the left, padded to a multiple of 10."""
    total = sum(int(digit) * (3 if position % 2 else 1)
                for position, digit in enumerate(first_twelve))
    return (10 - total % 10) % 10


def _is_ascii_digits(value: str) -> bool:
    # str.isdigit() accepts "²" and Arabic-Indic digits; an EAN is ASCII only.
    return value.isascii() and value.isdigit()


def is_valid_ean13(value: str) -> bool:
    """True for thirteen ASCII digits whose last one is the GS1 check digit of the others."""
    if not isinstance(value, str) or len(value) != EAN_LENGTH or not _is_ascii_digits(value):
        return False
    return ean13_check_digit(value[:12]) == int(value[12])


def check_ean(value: str) -> None:
    """Raise `InvalidEan` (wrong shape) or `EanChecksumFailed` (wrong last digit)."""
    if not isinstance(value, str) or len(value) != EAN_LENGTH or not _is_ascii_digits(value):
        raise InvalidEan()
    if not is_valid_ean13(value):
        raise EanChecksumFailed()
