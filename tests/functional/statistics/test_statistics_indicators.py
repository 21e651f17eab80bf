"""Each indicator's true aggregate on a small hand-made data set with known answers.

What the secrecy layer receives is checked here: counts with the sum of the keys of exactly the
people counted, amounts with their partners (docs/domain/7-territories.md).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.bookings.models import BookingStatus
from models.credit.models import Deposit
from models.db import utcnow
from models.statistics import indicators
from models.statistics.indicators import Selection
from models.statistics.periods import Period
from models.statistics.scopes import COUNTRY, Level, Scope
from models.statistics.secrecy import Amount, Count
from tests import factories
from tests.functional.statistics.statistics_data import (
    BAILLARGUES,
    BEZIERS,
    MONTPELLIER,
    MONTPELLIER_METROPOLE,
    PARIS_COMMUNE,
    Catalogue,
    book,
    paris_time,
    resident,
)

HERAULT = Scope(Level.DEPARTEMENT, "34")
METROPOLE = Scope(Level.EPCI, MONTPELLIER_METROPOLE)
MARCH = Period.month(2026, 3)
YEAR = Period.year(2026)


@pytest.fixture
def world(db_session):
    """Five residents of the Métropole, one of Béziers, one of Paris; four structures."""
    people = {
        "ana": resident(db_session, MONTPELLIER, key=100),
        "ben": resident(db_session, MONTPELLIER, key=200),
        "chloe": resident(db_session, MONTPELLIER, key=300),
        "dan": resident(db_session, BAILLARGUES, key=400),
        "eva": resident(db_session, BAILLARGUES, key=500, credit=False),
        "fred": resident(db_session, BEZIERS, key=600),
        "gus": resident(db_session, PARIS_COMMUNE, key=700),
    }
    structures = [factories.structure(db_session) for _ in range(4)]
    catalogue = Catalogue(db_session)
    one, two, three, four = structures
    day = paris_time(2026, 3, 2)
    book(db_session, catalogue, people["ana"], one, "CINEMA", day, price_cents=700)
    book(db_session, catalogue, people["ana"], two, "LIVRE", day, price_cents=2000)
    book(db_session, catalogue, people["ana"], three, "MUSEE", day, price_cents=0)
    book(db_session, catalogue, people["ben"], two, "LIVRE", day, price_cents=1500, quantity=2)
    book(db_session, catalogue, people["chloe"], four, "LIVRE", day, price_cents=1000,
         status=BookingStatus.CANCELLED)
    book(db_session, catalogue, people["dan"], three, "LIVRE", paris_time(2026, 2, 10),
         price_cents=1200)
    book(db_session, catalogue, people["fred"], one, "CINEMA", day, price_cents=700)
    book(db_session, catalogue, people["gus"], four, "JEU", day, price_cents=500)
    db_session.commit()
    return people


def test_beneficiaries_ever_are_the_residents_credited_before_the_period_ends(db_session, world):
    assert indicators.beneficiaries_ever(db_session, Selection(METROPOLE, YEAR)) == Count(
        4, 100 + 200 + 300 + 400)
    assert indicators.beneficiaries_ever(db_session, Selection(HERAULT, YEAR)).count == 5
    assert indicators.beneficiaries_ever(db_session, Selection(COUNTRY, YEAR)).count == 6
    assert indicators.beneficiaries_ever(db_session, Selection(HERAULT, Period.year(2025))) == (
        Count(0, 0))


def test_active_beneficiaries_hold_a_credit_that_has_not_expired(db_session, world):
    deposit = db_session.scalars(select(Deposit).where(Deposit.user_id == world["ben"].id)).one()
    deposit.expires_at = paris_time(2026, 3, 11, 9)
    db_session.commit()
    now = utcnow()
    active = indicators.beneficiaries_active(db_session, Selection(METROPOLE, YEAR), now)
    assert active == Count(3, 100 + 300 + 400)


def test_bookings_by_category_count_bookings_places_and_free_ones_not_cancelled(
        db_session, world):
    counts = indicators.bookings_by_category(db_session, Selection(METROPOLE, MARCH))
    assert set(counts) == {"CINEMA", "LIVRE", "MUSEE"}
    assert counts["LIVRE"].bookings == Count(2, 100 + 200)
    assert counts["LIVRE"].quantity == Count(3, 100 + 2 * 200)
    assert counts["MUSEE"].free == Count(1, 100)
    assert counts["CINEMA"].free == Count(0, 0)


def test_a_booking_belongs_to_the_period_it_was_made_in(db_session, world):
    counts = indicators.bookings_by_category(db_session, Selection(METROPOLE, YEAR))
    assert counts["LIVRE"].bookings == Count(3, 100 + 200 + 400)


def test_amounts_count_the_partners_who_made_the_money_and_the_largest_share(db_session, world):
    selection = Selection(HERAULT, MARCH)
    amounts = indicators.amounts_by_category(db_session, selection)
    assert amounts["LIVRE"] == Amount(2000 + 3000, 1, 5000)
    assert amounts["CINEMA"] == Amount(1400, 1, 1400)
    assert "MUSEE" not in amounts
    assert indicators.amount_total(db_session, selection) == Amount(6400, 2, 5000)


def test_bookers_and_those_who_booked_in_three_categories_or_more(db_session, world):
    people, diverse = indicators.bookers(db_session, Selection(HERAULT, MARCH))
    assert people == Count(3, 100 + 200 + 600)
    assert diverse == Count(1, 100)


def test_a_category_selection_counts_only_its_bookings(db_session, world):
    selection = Selection(HERAULT, MARCH, categories=frozenset({"CINEMA"}))
    people, _ = indicators.bookers(db_session, selection)
    assert people == Count(2, 100 + 600)


def test_the_country_counts_every_resident_with_a_commune(db_session, world):
    people, _ = indicators.bookers(db_session, Selection(COUNTRY, MARCH))
    assert people.count == 4


def test_bookings_by_month_split_the_period_at_paris_midnights(db_session, world):
    by_month = indicators.bookings_by_month(db_session, Selection(METROPOLE, YEAR))
    assert by_month == {"2026-02": Count(1, 400), "2026-03": Count(4, 100 * 3 + 200)}


def test_a_single_month_is_its_own_only_row(db_session, world):
    assert indicators.bookings_by_month(db_session, Selection(METROPOLE, MARCH)) == {
        "2026-03": Count(4, 100 * 3 + 200)}
