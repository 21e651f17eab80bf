"""docs/domain/2-credit.md: the credit programmes, stored as data, and the grants they give."""

import datetime as dt

import pytest

from models.credit.api import grant_birthday_top_ups, open_deposit, programme_for
from models.credit.exceptions import AlreadyHasDeposit, NotEligible
from models.credit.repository import credit_summary
from models.offers.catalogue import CapKind
from tests import factories


def at(year, month, day, hour=12):
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("age", "day", "expected"),
    [
        (18, dt.date(2020, 6, 1), "experiment_2019"),
        (17, dt.date(2020, 6, 1), None),
        (18, dt.date(2022, 6, 1), "pass_2021"),
        (15, dt.date(2023, 1, 1), "pass_2021_young"),
        (16, dt.date(2023, 1, 1), "pass_2021_young"),
        (17, dt.date(2023, 1, 1), "pass_2021_young"),
        (15, dt.date(2021, 6, 1), None),
        (17, dt.date(2026, 1, 1), "reform_2025"),
        (18, dt.date(2026, 1, 1), "reform_2025"),
        (16, dt.date(2026, 1, 1), "reform_2025"),
        (15, dt.date(2026, 1, 1), "reform_2025"),
        (14, dt.date(2026, 1, 1), None),
        (19, dt.date(2026, 1, 1), None),
    ],
)
def test_the_programme_in_force_depends_on_age_and_date(db_session, age, day, expected):
    programme = programme_for(db_session, age, day)
    assert (programme.code if programme else None) == expected


def born_aged(age, on=dt.date(2026, 11, 23)):
    """A date of birth giving `age` on `on`, the last birthday about three months before."""
    return dt.date(on.year - age, on.month, 1) - dt.timedelta(days=100)


@pytest.mark.parametrize(("age", "amount"), [(15, 0), (16, 0), (17, 5000), (18, 15000)])
def test_2025_deposit_grants_the_amount_of_the_persons_age(db_session, age, amount):
    person = factories.young(db_session, date_of_birth=born_aged(age))
    deposit = open_deposit(db_session, person, at(2026, 11, 23))
    assert deposit.programme.code == "reform_2025"
    assert credit_summary(db_session, deposit).remaining_cents == amount


def test_2025_credit_expires_on_the_21st_birthday(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2009, 1, 10))
    deposit = open_deposit(db_session, person, at(2026, 11, 23))
    assert deposit.expires_at == dt.datetime(2030, 1, 9, 23, 0, tzinfo=dt.UTC)


def test_2021_deposit_grants_300_euros_for_24_months_with_a_digital_cap(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2004, 2, 1))
    deposit = open_deposit(db_session, person, at(2022, 6, 1))
    summary = credit_summary(db_session, deposit)
    assert summary.remaining_cents == 30000
    assert summary.cap_remaining_cents(CapKind.DIGITAL) == 10000
    assert summary.cap_remaining_cents(CapKind.PHYSICAL) is None
    assert deposit.expires_at == at(2024, 6, 1)


def test_2019_experiment_grants_500_euros_with_digital_and_physical_caps(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2001, 9, 1))
    deposit = open_deposit(db_session, person, at(2020, 3, 1))
    summary = credit_summary(db_session, deposit)
    assert summary.remaining_cents == 50000
    assert summary.cap_remaining_cents(CapKind.DIGITAL) == 20000
    assert summary.cap_remaining_cents(CapKind.PHYSICAL) == 20000


@pytest.mark.parametrize("age", [13, 14, 19, 20])
def test_sign_up_for_the_current_credit_is_refused_outside_15_to_18(db_session, age):
    person = factories.young(db_session, date_of_birth=born_aged(age))
    with pytest.raises(NotEligible):
        open_deposit(db_session, person, at(2026, 11, 23))


def test_sign_up_is_open_until_the_day_before_the_19th_birthday(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2007, 11, 24))
    assert open_deposit(db_session, person, at(2026, 11, 23)).programme.code == "reform_2025"


def test_a_running_deposit_cannot_be_opened_twice(db_session):
    person = factories.young(db_session, date_of_birth=born_aged(17))
    open_deposit(db_session, person, at(2026, 11, 23))
    with pytest.raises(AlreadyHasDeposit):
        open_deposit(db_session, person, at(2026, 11, 24))


def test_the_18_year_old_top_up_is_granted_on_the_birthday_only_once(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2009, 3, 15))
    deposit = open_deposit(db_session, person, at(2026, 11, 23))
    assert grant_birthday_top_ups(db_session, at(2027, 3, 14)) == 0
    assert grant_birthday_top_ups(db_session, at(2027, 3, 15)) == 1
    assert grant_birthday_top_ups(db_session, at(2027, 3, 16)) == 0
    db_session.refresh(deposit)
    assert credit_summary(db_session, deposit).remaining_cents == 20000


def test_young_teens_received_20_then_30_then_30_euros(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2007, 4, 1))
    deposit = open_deposit(db_session, person, at(2022, 6, 1))
    grant_birthday_top_ups(db_session, at(2023, 4, 1))
    grant_birthday_top_ups(db_session, at(2024, 4, 1))
    db_session.refresh(deposit)
    assert [grant.amount_cents for grant in deposit.grants] == [2000, 3000, 3000]
    assert deposit.expires_at.date() == dt.date(2025, 3, 31)
