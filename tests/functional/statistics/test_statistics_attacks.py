"""Attacks on the published figures through the real queries (docs/domain/7-territories.md).

Each attack compares two selections whose true counts differ by a few people. The people's keys
are drawn again for each round, as they would differ from one territory to the next; across
rounds the attacker's subtraction must not give the small count away, and no published count
may lie between 1 and 4.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select, update

from models.bookings.models import Booking, BookingStatus
from models.offers.catalogue import CATEGORIES
from models.statistics import indicators
from models.statistics.dashboard import BOOKINGS, build_dashboard
from models.statistics.indicators import Selection
from models.statistics.periods import Period
from models.statistics.scopes import Level, Scope
from models.statistics.secrecy import Count, protect_count
from models.users.models import User
from tests import factories
from tests.functional.statistics.statistics_data import (
    BAILLARGUES,
    MONTPELLIER,
    MONTPELLIER_METROPOLE,
    Catalogue,
    Communes,
    book,
    paris_time,
    resident,
)

ROUNDS = 40
SMALL = 2
METROPOLE = Scope(Level.EPCI, MONTPELLIER_METROPOLE)
MARCH = Period.month(2026, 3)


@pytest.fixture
def town(db_session):
    """30 residents of Montpellier who booked books and films on 2 March; 2 residents of
    Baillargues who booked only a museum visit, on 10 March."""
    structure = factories.structure(db_session)
    catalogue = Catalogue(db_session)
    many = [resident(db_session, MONTPELLIER) for _ in range(30)]
    for index, person in enumerate(many):
        book(db_session, catalogue, person, structure, "LIVRE", paris_time(2026, 3, 2))
        if index % 2:
            book(db_session, catalogue, person, structure, "CINEMA", paris_time(2026, 3, 2))
    few = [resident(db_session, BAILLARGUES) for _ in range(SMALL)]
    for person in few:
        book(db_session, catalogue, person, structure, "MUSEE", paris_time(2026, 3, 10))
    db_session.commit()
    return [person.id for person in many + few]


def new_keys(session, ids: list[int], rng: random.Random) -> None:
    for person_id in ids:
        session.execute(update(User).where(User.id == person_id)
                        .values(cell_key=rng.randrange(2**31)))
    session.flush()


def published_bookers(session, selection: Selection) -> int:
    people, _ = indicators.bookers(session, selection)
    return protect_count(people).value


def attack(session, ids, wide: Selection, narrow: Selection) -> list[int]:
    """The attacker's differences over the rounds, checking every published count on the way."""
    rng, found = random.Random(13), []
    for _ in range(ROUNDS):
        new_keys(session, ids, rng)
        both = published_bookers(session, wide), published_bookers(session, narrow)
        assert not set(both) & {1, 2, 3, 4}
        found.append(both[0] - both[1])
    return found


def assert_small_count_hidden(differences: list[int]) -> None:
    assert differences.count(SMALL) < ROUNDS / 4
    assert len(set(differences)) >= 6


def test_a_territory_minus_one_commune_does_not_reveal_its_few_people(db_session, town):
    others = Communes(("34172", "34057", "34058", "34077"))
    differences = attack(db_session, town, Selection(METROPOLE, MARCH), Selection(others, MARCH))
    assert_small_count_hidden(differences)


def test_two_periods_one_day_apart_do_not_reveal_the_few_people_of_that_day(db_session, town):
    scope = Scope(Level.DEPARTEMENT, "34")
    longer = Selection(scope, Period.days(paris_time(2026, 3, 1).date(),
                                          paris_time(2026, 3, 10).date()))
    shorter = Selection(scope, Period.days(paris_time(2026, 3, 1).date(),
                                           paris_time(2026, 3, 9).date()))
    assert_small_count_hidden(attack(db_session, town, longer, shorter))


def test_a_category_and_its_complement_do_not_reveal_the_few_people_of_the_category(
        db_session, town):
    scope = Scope(Level.DEPARTEMENT, "34")
    complement = frozenset(CATEGORIES) - {"MUSEE"}
    differences = attack(db_session, town, Selection(scope, MARCH),
                         Selection(scope, MARCH, categories=complement))
    assert_small_count_hidden(differences)


def test_the_same_people_get_the_same_figure_through_any_territory(db_session, town):
    montpellier = Selection(Scope(Level.COMMUNE, MONTPELLIER), MARCH)
    same_people = Selection(Communes((MONTPELLIER, "34999")), MARCH)
    assert published_bookers(db_session, montpellier) == published_bookers(db_session,
                                                                           same_people)


def test_the_same_people_get_the_same_figure_through_any_period(db_session, town):
    scope = Scope(Level.DEPARTEMENT, "34")
    figures = {published_bookers(db_session, Selection(scope, period)) for period in (
        Period.month(2026, 3), Period.quarter(2026, 1), Period.year(2026),
        Period.days(paris_time(2026, 3, 2).date(), paris_time(2026, 3, 10).date()))}
    assert len(figures) == 1


def test_the_same_people_get_the_same_figure_through_any_category_filter(db_session, town):
    scope = Scope(Level.DEPARTEMENT, "34")
    every = published_bookers(db_session, Selection(scope, MARCH))
    listed = published_bookers(db_session, Selection(scope, MARCH,
                                                     categories=frozenset(CATEGORIES)))
    assert every == listed


def test_a_total_summed_from_categories_gets_the_figure_of_a_direct_count(db_session, town):
    """The dashboard adds the categories' true counts and key sums before protecting the total;
    a plain query of all the bookings at once gives the same figure."""
    scope = Scope(Level.DEPARTEMENT, "34")
    dashboard = build_dashboard(db_session, scope, MARCH, paris_time(2026, 3, 11))
    count, key_sum = db_session.execute(
        select(func.count(), func.sum(User.cell_key))
        .select_from(Booking).join(User, User.id == Booking.user_id)
        .where(Booking.status != BookingStatus.CANCELLED,
               Booking.booked_at >= MARCH.start, Booking.booked_at < MARCH.end)
    ).one()
    assert dashboard.figure(BOOKINGS, scope) == protect_count(Count(count, key_sum))


def test_a_month_of_the_yearly_series_gets_the_figure_of_that_month_s_own_dashboard(
        db_session, town):
    scope = Scope(Level.DEPARTEMENT, "34")
    now = paris_time(2026, 3, 11)
    year = build_dashboard(db_session, scope, Period.year(2026), now)
    march = build_dashboard(db_session, scope, MARCH, now)
    assert year.figures["reservations_mois.2026-03", scope] == march.figure(BOOKINGS, scope)
