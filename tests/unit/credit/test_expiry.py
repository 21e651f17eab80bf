import datetime as dt

from models.credit.api import birthday, deposit_expiry
from models.credit.models import CreditProgramme, ExpiryRule
from models.users.models import User

PARIS_MIDNIGHT_IN_UTC = dt.time(23, 0)


def test_birthday_of_someone_born_on_29_february_falls_on_1_march():
    assert birthday(dt.date(2008, 2, 29), 17) == dt.date(2025, 3, 1)
    assert birthday(dt.date(2008, 2, 29), 20) == dt.date(2028, 2, 29)


def test_2025_credit_ends_at_midnight_of_the_21st_birthday_in_paris():
    programme = CreditProgramme(expiry_rule=ExpiryRule.BIRTHDAY, expiry_value=21)
    person = User(date_of_birth=dt.date(2008, 6, 15))
    expiry = deposit_expiry(programme, person, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    # Midnight on 15 June 2029 in Paris (summer time) is 22:00 UTC the day before.
    assert expiry == dt.datetime(2029, 6, 14, 22, 0, tzinfo=dt.UTC)


def test_2021_credit_lasts_24_months_after_the_grant():
    programme = CreditProgramme(expiry_rule=ExpiryRule.MONTHS_AFTER_GRANT, expiry_value=24)
    opened = dt.datetime(2023, 8, 31, 12, tzinfo=dt.UTC)
    assert deposit_expiry(programme, User(), opened) == dt.datetime(2025, 8, 31, 12, tzinfo=dt.UTC)


def test_24_months_after_31_january_clamps_to_the_end_of_february():
    programme = CreditProgramme(expiry_rule=ExpiryRule.MONTHS_AFTER_GRANT, expiry_value=25)
    opened = dt.datetime(2022, 1, 31, tzinfo=dt.UTC)
    assert deposit_expiry(programme, User(), opened).date() == dt.date(2024, 2, 28)
