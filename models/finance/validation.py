"""Checks on bank details (docs/domain/6-reimbursement.md, "Bank details").

An IBAN is the country (two letters), two check digits and the national account number. Its
check digits make the whole number, read as digits with its first four characters moved to the
end and each letter turned into two digits (A = 10 ... Z = 35), leave 1 when divided by 97: a
single character mistyped, or two neighbours swapped, always breaks it.
"""

from __future__ import annotations

import re
import string

from models.finance.exceptions import (
    HolderRequired,
    IbanChecksumFailed,
    InvalidBic,
    InvalidIban,
    UnsupportedIbanCountry,
)

IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}\Z")
BIC_SHAPE = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?\Z")

# The length of an IBAN in the countries where French structures bank; the French overseas
# departments and collectivities bank with FR numbers. Other countries get the shape check only.
IBAN_LENGTHS = {
    "FR": 27, "MC": 27, "DE": 22, "BE": 16, "ES": 24, "IT": 27, "LU": 20, "CH": 21, "GB": 22,
    "NL": 18, "PT": 25, "AT": 20, "IE": 22, "AD": 24,
}

_LETTER_VALUES = {letter: str(index) for index, letter in enumerate(string.ascii_uppercase, 10)}


def normalise_iban(value: str) -> str:
    """Spaces and dashes removed, letters in capitals, as people copy it from a RIB."""
    return "".join(value.split()).replace("-", "").upper()


def iban_checksum_valid(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    digits = "".join(_LETTER_VALUES.get(char, char) for char in rearranged)
    return int(digits) % 97 == 1


def check_iban(iban: str) -> None:
    """`iban` (normalised) has the shape of an IBAN, its country's length and valid check digits."""
    if not IBAN_SHAPE.match(iban):
        raise InvalidIban()
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        raise UnsupportedIbanCountry()
    if not iban_checksum_valid(iban):
        raise IbanChecksumFailed()


def check_bic(bic: str | None) -> None:
    """A BIC is optional; when given it has 8 or 11 characters of the SWIFT shape."""
    if bic and not BIC_SHAPE.match(bic):
        raise InvalidBic()


def check_holder(label: str) -> None:
    if not label.strip():
        raise HolderRequired()


def with_iban_check_digits(country: str, account: str) -> str:
    """The IBAN of `account` in `country`, with the check digits that make it valid."""
    rearranged = account + country + "00"
    digits = "".join(_LETTER_VALUES.get(char, char) for char in rearranged)
    return f"{country}{98 - int(digits) % 97:02d}{account}"
