"""docs/domain/8-local-top-ups.md: who a local top-up pays for, how a booking splits between it
and the national credit, and how every cancellation gives each credit its part back."""

from __future__ import annotations

import datetime as dt

import pytest

from models.bookings import exceptions
from models.bookings.api import book, cancel_by_person, cancel_stock_by_pro, expire_unused_bookings
from models.bookings.models import CancellationReason
from models.bookings.support import cancel as cancel_by_staff
from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.integrity.checks import check_integrity
from models.territories.models import TerritoryKind
from models.top_ups.repository import person_top_ups, spent_by_person, spent_in_all
from tests import factories
from tests.functional.top_ups.top_up_data import (
    BEZIERS,
    BOOK,
    MONTPELLIER,
    NIMES,
    programme,
    resident,
    show,
    today,
)


@pytest.fixture
def now() -> dt.datetime:
    return utcnow()


def national_remaining(session, person, now) -> int:
    return credit_summary(session, current_deposit(session, person.id, now)).remaining_cents


def test_the_local_credit_pays_first_and_the_national_credit_the_rest(db_session, now):
    local = programme(db_session, amount=2000)
    person = resident(db_session)
    booking = book(db_session, person.id, show(db_session, 1500).id, 1, now)
    assert (booking.top_up_id, booking.top_up_cents) == (local.id, 1500)
    assert national_remaining(db_session, person, now) == 15000
    second = book(db_session, person.id, show(db_session, 1500).id, 1, now)
    assert second.top_up_cents == 500
    assert national_remaining(db_session, person, now) == 15000 - 1000
    assert check_integrity(db_session) == []


def test_a_person_sees_what_is_left_of_the_local_credit(db_session, now):
    local = programme(db_session, amount=2000)
    person = resident(db_session)
    book(db_session, person.id, show(db_session, 1200).id, 1, now)
    [shown] = person_top_ups(db_session, person, today())
    assert shown.programme == local and shown.remaining_cents == 800


@pytest.mark.parametrize("kind, code", [
    (TerritoryKind.COMMUNE, MONTPELLIER), (TerritoryKind.EPCI, "243400017"),
    (TerritoryKind.DEPARTEMENT, "34"), (TerritoryKind.REGION, "76")])
def test_residents_of_the_territory_at_any_level_are_eligible(db_session, now, kind, code):
    programme(db_session, kind=kind, code=code)
    booking = book(db_session, resident(db_session).id, show(db_session).id, 1, now)
    assert booking.top_up_cents == 1500


@pytest.mark.parametrize("commune", [BEZIERS, NIMES])
def test_people_living_elsewhere_pay_with_the_national_credit_only(db_session, now, commune):
    programme(db_session, code=MONTPELLIER)
    person = resident(db_session, commune)
    booking = book(db_session, person.id, show(db_session).id, 1, now)
    assert booking.top_up_id is None and booking.top_up_cents == 0
    assert national_remaining(db_session, person, now) == 15000 - 1500


@pytest.mark.parametrize("age, paid", [(17, 0), (18, 1500), (19, 0)])
def test_the_programme_pays_for_its_ages_only(db_session, now, age, paid):
    programme(db_session, ages=(18, 18))
    person = resident(db_session, age=age, credit=False)
    # A 19-year-old received the credit at 18, half a year ago.
    factories.deposit(db_session, person, now - dt.timedelta(days=180 if age == 19 else 0))
    assert book(db_session, person.id, show(db_session).id, 1, now).top_up_cents == paid


def test_offers_of_other_categories_are_paid_by_the_national_credit(db_session, now):
    programme(db_session, categories=("SPECTACLE",))
    person = resident(db_session)
    booking = book(db_session, person.id, show(db_session, 1500, BOOK).id, 1, now)
    assert booking.top_up_cents == 0


@pytest.mark.dates
@pytest.mark.parametrize("starts, ends, paid", [(1, 10, 0), (-10, -1, 0), (0, 0, 1500),
                                                (-10, 0, 1500)])
def test_the_programme_pays_during_its_days_only(db_session, now, starts, ends, paid):
    programme(db_session, starts=starts, ends=ends)
    booking = book(db_session, resident(db_session).id, show(db_session).id, 1, now)
    assert booking.top_up_cents == paid


def test_without_a_national_credit_there_is_no_local_credit(db_session, now):
    programme(db_session)
    person = resident(db_session, credit=False)
    with pytest.raises(exceptions.FreeOffersOnly):
        book(db_session, person.id, show(db_session).id, 1, now)


def test_the_local_credit_lets_a_16_year_old_with_the_0_euro_credit_book_a_paid_show(
        db_session, now):
    programme(db_session, ages=(15, 17))
    person = resident(db_session, age=16)
    booking = book(db_session, person.id, show(db_session, 1500).id, 1, now)
    assert booking.top_up_cents == 1500
    with pytest.raises(exceptions.FreeOffersOnly):
        book(db_session, person.id, show(db_session, 1500).id, 1, now)


def test_a_booking_beyond_both_credits_is_refused_and_nothing_is_spent(db_session, now):
    local = programme(db_session, amount=2000)
    person = resident(db_session)
    with pytest.raises(exceptions.InsufficientCredit):
        book(db_session, person.id, show(db_session, 20000).id, 1, now)
    db_session.rollback()
    assert spent_in_all(db_session, local.id) == 0


def test_the_budget_left_pays_a_part_and_the_national_credit_the_rest(db_session, now):
    local = programme(db_session, amount=2000, budget=2500)
    first, second = resident(db_session), resident(db_session)
    book(db_session, first.id, show(db_session, 2000).id, 1, now)
    booking = book(db_session, second.id, show(db_session, 2000).id, 1, now)
    assert booking.top_up_cents == 500
    assert spent_in_all(db_session, local.id) == 2500
    third = book(db_session, resident(db_session).id, show(db_session, 2000).id, 1, now)
    assert third.top_up_id is None


def test_the_programme_ending_first_is_used_first(db_session, now):
    later = programme(db_session, kind=TerritoryKind.DEPARTEMENT, code="34", ends=30)
    sooner = programme(db_session, ends=5)
    booking = book(db_session, resident(db_session).id, show(db_session).id, 1, now)
    assert booking.top_up_id == sooner.id
    assert later.id != sooner.id


def test_a_cancellation_by_the_person_gives_each_credit_its_part_back(db_session, now):
    local = programme(db_session, amount=1000)
    person = resident(db_session)
    booking = book(db_session, person.id, show(db_session, 2500).id, 1, now)
    assert (booking.top_up_cents, national_remaining(db_session, person, now)) == (1000, 13500)
    cancel_by_person(db_session, booking.id, person.id, now)
    assert spent_by_person(db_session, local.id, person.id) == 0
    assert national_remaining(db_session, person, now) == 15000


def test_a_date_cancelled_by_the_pro_gives_the_local_credit_back(db_session, now):
    local = programme(db_session)
    person = resident(db_session)
    stock = show(db_session)
    book(db_session, person.id, stock.id, 1, now)
    cancel_stock_by_pro(db_session, stock, now)
    assert spent_in_all(db_session, local.id) == 0


def test_a_cancellation_by_staff_gives_the_local_credit_back(db_session, now):
    local = programme(db_session)
    person = resident(db_session)
    booking = book(db_session, person.id, show(db_session).id, 1, now)
    staff = factories.staff(db_session)
    cancel_by_staff(db_session, staff, booking, CancellationReason.FRAUD, "Doublon", now)
    assert spent_in_all(db_session, local.id) == 0


def test_an_expired_booking_gives_the_local_credit_back(db_session, now, frozen_clock):
    local = programme(db_session, categories=("LIVRE",), ends=60)
    person = resident(db_session)
    booking = book(db_session, person.id, show(db_session, 1200, BOOK).id, 1, now)
    assert booking.top_up_cents == 1200
    assert expire_unused_bookings(db_session, booking.expires_at) == 1
    assert spent_in_all(db_session, local.id) == 0
    assert national_remaining(db_session, person, now) == 15000
