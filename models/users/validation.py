"""Rules an account must follow: password strength and a plausible date of birth."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from models.users.exceptions import (
    BirthDateImplausible,
    BirthDateInFuture,
    TooYoungToSignUp,
    WeakPassword,
)

PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 72
MINIMUM_SIGNUP_AGE = 15
# People give their date of birth before their commune, so the day of sign-up is taken in
# metropolitan France's zone; overseas, the age may be reached a few hours early or late.
SIGNUP_TIMEZONE = ZoneInfo("Europe/Paris")
# Nobody alive was born before this; an older year is a typing slip ("1908" for "2008").
OLDEST_PLAUSIBLE_AGE = 120


@dataclass(frozen=True)
class PasswordRule:
    """One requirement of a password, worded as a short French phrase shown in a list."""

    key: str
    label: str
    is_met: Callable[[str], bool]


def _has_symbol(password: str) -> bool:
    # Anything that is neither a letter, a digit nor a space counts, accents and emoji included,
    # so that people are never told a character they typed is not accepted.
    return any(not char.isalnum() and not char.isspace() for char in password)


PASSWORD_RULES = (
    PasswordRule(
        "min_length", "Au moins 12 caractères", lambda p: len(p) >= PASSWORD_MIN_LENGTH
    ),
    PasswordRule(
        "max_length", "Au plus 72 caractères", lambda p: len(p) <= PASSWORD_MAX_LENGTH
    ),
    PasswordRule("upper", "Une lettre majuscule", lambda p: any(c.isupper() for c in p)),
    PasswordRule("lower", "Une lettre minuscule", lambda p: any(c.islower() for c in p)),
    PasswordRule("digit", "Un chiffre", lambda p: any(c.isdecimal() for c in p)),
    PasswordRule("symbol", "Un symbole (par exemple ! ? - _ #)", _has_symbol),
)


def password_rules_status(password: str) -> list[tuple[PasswordRule, bool]]:
    """Each rule with whether `password` meets it, in the order they are shown."""
    return [(rule, rule.is_met(password)) for rule in PASSWORD_RULES]


def check_password_strength(password: str) -> None:
    """Raise `WeakPassword` naming every rule the password does not meet."""
    missing = [rule for rule, met in password_rules_status(password) if not met]
    if missing:
        raise WeakPassword(missing)


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`; a birthday on 29 February falls on 1 March."""
    had_birthday = (day.month, day.day) >= (born.month, born.day)
    return day.year - born.year - (0 if had_birthday else 1)


def signup_day(now: dt.datetime) -> dt.date:
    """The calendar day of a sign-up made at `now`."""
    return now.astimezone(SIGNUP_TIMEZONE).date()


def check_date_of_birth(born: dt.date, today: dt.date) -> None:
    """Refuse a date in the future, an implausible year, or a person under 15 `today`."""
    if born > today:
        raise BirthDateInFuture()
    if age_on(born, today) > OLDEST_PLAUSIBLE_AGE:
        raise BirthDateImplausible()
    if age_on(born, today) < MINIMUM_SIGNUP_AGE:
        raise TooYoungToSignUp()
