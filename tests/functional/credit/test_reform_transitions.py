"""docs/domain/2-credit.md: the credit around the reform of 28 February 2025.

The amount follows the age at first registration; an under-18 credit moves into the 2025
credit at 17 with what was left of it; 15- and 16-year-olds get a 0 € credit.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from models.bookings.api import book
from models.credit.api import grant_birthday_top_ups, open_deposit
from models.credit.models import Deposit
from models.credit.repository import credit_summary, current_deposit
from models.identity.api import approve_check
from models.identity.models import IdentityCheck, IdentityCheckStatus
from tests import factories

PARIS = ZoneInfo("Europe/Paris")


def at(year, month, day, hour=12):
    return dt.datetime(year, month, day, hour, tzinfo=PARIS)


def paris_midnight(day):
    return dt.datetime.combine(day, dt.time(), tzinfo=PARIS)


def deposits_of(session, person):
    return list(session.query(Deposit).filter_by(user_id=person.id).order_by(Deposit.created_at))


def granted_over_the_years(session, person):
    """Every euro the person received, counting each grant once (not the carried-over part)."""
    return sum(grant.amount_cents for deposit in deposits_of(session, person)
               for grant in deposit.grants)


@pytest.mark.parametrize(
    ("born", "registered", "approved", "programme", "granted"),
    [
        # Registered at 15 in 2024, approved at 16 after the reform: 20 €.
        (dt.date(2008, 9, 1), at(2024, 6, 1), at(2025, 3, 10), "pass_2021_young", 2000),
        # Approved at 16 before the reform, when the 2021 programme still gave 30 € at 16.
        (dt.date(2008, 9, 1), at(2024, 6, 1), at(2025, 2, 20), "pass_2021_young", 5000),
        # Registered at 15 years 11 months, approved at 17 years 1 month on 3 March 2025:
        # 20 € of the old credit moved into the new one with its 50 €.
        (dt.date(2008, 2, 1), at(2024, 1, 5), at(2025, 3, 3), "reform_2025", 7000),
        # Registered at 16 after the reform: the 0 € credit.
        (dt.date(2009, 1, 1), at(2025, 6, 1), at(2025, 6, 3), "reform_2025", 0),
        # Registered at 17 after the reform, approved at 18: 50 € then 150 € at once.
        (dt.date(2008, 1, 1), at(2025, 12, 20), at(2026, 1, 5), "reform_2025", 20000),
        # Registered at 18 before the reform, approved after it: the 300 € of 2021.
        (dt.date(2006, 8, 1), at(2025, 2, 20), at(2025, 3, 5), "pass_2021", 30000),
        # No earlier registration: the age on approval counts.
        (dt.date(2008, 2, 1), None, at(2025, 3, 3), "reform_2025", 5000),
    ],
)
def test_the_amount_follows_the_age_at_first_registration(
    db_session, born, registered, approved, programme, granted
):
    person = factories.young(db_session, date_of_birth=born)
    deposit = open_deposit(db_session, person, approved, registered_at=registered)
    assert deposit.programme.code == programme
    assert credit_summary(db_session, deposit).remaining_cents == granted
    assert current_deposit(db_session, person.id, approved) is deposit


def test_approval_reads_the_registration_from_the_first_identity_check(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2008, 2, 1))
    reviewer = factories.admin(db_session)
    first = IdentityCheck(user_id=person.id, status=IdentityCheckStatus.REJECTED,
                          honour_statement_at=at(2024, 1, 5), submitted_at=at(2024, 1, 5))
    second = IdentityCheck(user_id=person.id, status=IdentityCheckStatus.PENDING,
                           honour_statement_at=at(2025, 2, 25), submitted_at=at(2025, 2, 25))
    db_session.add_all([first, second])
    db_session.flush()
    deposit = approve_check(db_session, second.id, reviewer, at(2025, 3, 3))
    assert credit_summary(db_session, deposit).remaining_cents == 7000
    assert deposit.carried_over_cents == 2000
    assert deposit.granted_cents == 7000


def test_an_under_18_credit_moves_into_the_2025_credit_at_17_with_its_remainder(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2009, 1, 15))
    young_credit = open_deposit(db_session, person, at(2024, 6, 1))
    assert grant_birthday_top_ups(db_session, at(2025, 1, 15, 3)) == 1
    stock = factories.stock(db_session, price_cents=1200, quantity=None)
    book(db_session, person.id, stock.id, 1, at(2025, 2, 1))
    assert grant_birthday_top_ups(db_session, at(2026, 1, 14, 23)) == 0
    assert grant_birthday_top_ups(db_session, at(2026, 1, 15, 1)) == 1
    new_credit = current_deposit(db_session, person.id, at(2026, 1, 15, 2))
    assert new_credit.programme.code == "reform_2025"
    assert new_credit.carried_over_cents == 2000 + 3000 - 1200
    assert credit_summary(db_session, new_credit).remaining_cents == 2000 + 3000 + 5000 - 1200
    assert young_credit.expires_at == at(2026, 1, 15, 1)
    assert granted_over_the_years(db_session, person) == 10000


def test_a_16th_birthday_after_the_reform_still_gives_the_30_euros(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2009, 6, 15))
    open_deposit(db_session, person, at(2025, 1, 10))
    grant_birthday_top_ups(db_session, at(2025, 6, 15, 3))
    grant_birthday_top_ups(db_session, at(2026, 6, 15, 3))
    credit = current_deposit(db_session, person.id, at(2026, 6, 16))
    assert credit_summary(db_session, credit).remaining_cents == 2000 + 3000 + 5000


def test_the_daily_job_can_run_twice_and_late(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2009, 1, 15))
    open_deposit(db_session, person, at(2024, 6, 1))
    assert grant_birthday_top_ups(db_session, at(2025, 1, 17)) == 1
    assert grant_birthday_top_ups(db_session, at(2025, 1, 17, 13)) == 0
    assert grant_birthday_top_ups(db_session, at(2026, 1, 20)) == 1
    assert grant_birthday_top_ups(db_session, at(2026, 1, 21)) == 0
    assert len(deposits_of(db_session, person)) == 2
    assert granted_over_the_years(db_session, person) == 10000


def test_the_0_euro_credit_is_filled_on_the_17th_and_18th_birthdays(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2010, 9, 1))
    deposit = open_deposit(db_session, person, at(2026, 1, 10))
    assert deposit.grants == []
    assert deposit.expires_at == paris_midnight(dt.date(2031, 9, 1))
    grant_birthday_top_ups(db_session, at(2027, 9, 1, 3))
    grant_birthday_top_ups(db_session, at(2028, 9, 1, 3))
    db_session.refresh(deposit)
    assert [grant.amount_cents for grant in deposit.grants] == [5000, 15000]
    assert len(deposits_of(db_session, person)) == 1


@pytest.mark.parametrize(
    ("born", "opened", "expires_on"),
    [
        # Opened after the reform: every credit ends with the 21st birthday.
        (dt.date(2008, 9, 1), at(2025, 3, 10), dt.date(2029, 9, 1)),
        (dt.date(2006, 8, 1), at(2025, 3, 5), dt.date(2027, 8, 1)),
        # Opened the day before the reform: the rules of the time (the migration extends those
        # still running when it is deployed).
        (dt.date(2008, 9, 1), at(2025, 2, 27), dt.date(2026, 9, 1)),
    ],
)
def test_credit_validity_follows_the_dated_rule(db_session, born, opened, expires_on):
    person = factories.young(db_session, date_of_birth=born)
    deposit = open_deposit(db_session, person, opened)
    assert deposit.expires_at == paris_midnight(expires_on)


def test_the_2021_credit_opened_before_the_reform_lasted_24_months(db_session):
    person = factories.young(db_session, date_of_birth=dt.date(2006, 8, 1))
    deposit = open_deposit(db_session, person, at(2025, 2, 20))
    assert deposit.expires_at == at(2027, 2, 20)
