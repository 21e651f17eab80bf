"""Take-up by age: the beneficiaries of each age the credit covers, over the territory's cohort of
that age (docs/domain/7-territories.md, "Take-up by age").

The cohort is estimated from the shipped populations: the territory's population (the sum of its
communes' `Commune.population`) times the national share of that age in the population
(`data/age_shares.csv`, its source in `data/SOURCES.md`). An officer may upload its own figures,
which replace the estimate on its own territory's dashboard (`models.statistics.cohorts`).

The beneficiaries are a count of people: they go through the cell-key perturbation like every
other count. The cohort is a public population figure, published as it is. The rate is a ratio of
the two, hidden under a denominator of 20 like every ratio.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sqlalchemy import BigInteger, and_, case, cast, exists, func, select
from sqlalchemy.orm import Session

from models.credit.models import Deposit
from models.statistics.figures import Figure
from models.statistics.indicators import Selection
from models.statistics.periods import PARIS, Period
from models.statistics.scopes import Level, Scope
from models.statistics.secrecy import Count, protect_count, protect_public_count, protect_ratio
from models.territories.models import Commune
from models.users.models import User

# The ages the credit programmes cover: 15 to 17 (the 2021 young teens' credit, the 2025
# reform's 17-year-olds), 18, and 19 and 20, who may still hold a credit until their 21st
# birthday (docs/domain/2-credit.md).
AGES = tuple(range(15, 21))
SHARES_FILE = Path(__file__).parent / "data" / "age_shares.csv"
# Shares are written in people per 100,000 inhabitants.
SHARE_BASE = 100_000


@lru_cache(maxsize=1)
def age_shares() -> dict[int, int]:
    """The national number of people of each age per 100,000 inhabitants."""
    with SHARES_FILE.open(encoding="utf-8") as file:
        return {int(row["age"]): int(row["part_pour_cent_mille"]) for row in csv.DictReader(file)}


def estimated_cohort(population: int, age: int) -> int:
    """The territory's population times the national share of `age`, rounded half up."""
    return (population * age_shares()[age] + SHARE_BASE // 2) // SHARE_BASE


@dataclass(frozen=True)
class UploadedCohorts:
    """Cohort figures a local government gave for its territory: people per (age, year), the
    year None for a figure that holds for every year."""

    uploaded_at: dt.datetime
    people: dict[tuple[int, int | None], int] = field(default_factory=dict)

    def cohort(self, age: int, year: int) -> int | None:
        """The figure of the year when given, else the one for every year, else None."""
        if (age, year) in self.people:
            return self.people[age, year]
        return self.people.get((age, None))


@dataclass(frozen=True)
class AgeTakeUp:
    age: int
    beneficiaries: Figure
    cohort: Figure
    # True when the cohort is the local government's own figure, False for the estimate.
    uploaded: bool
    # The ratio beneficiaries ÷ cohort (a share, not yet in percent), or why it is withheld.
    rate: Figure


@dataclass(frozen=True)
class TakeUp:
    """The take-up of one scope: the day ages are counted on, the population the estimate starts
    from, and one line per age."""

    day: dt.date
    population: int
    ages: list[AgeTakeUp]
    uploaded_at: dt.datetime | None = None

    @property
    def uploaded_ages(self) -> list[int]:
        return [each.age for each in self.ages if each.uploaded]


def birth_bound(day: dt.date, age: int) -> dt.date:
    """The latest date of birth of someone who is `age` or older on `day`; someone born on
    29 February has their birthday on 1 March in other years, as `User.age_on` counts it."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:
        return day.replace(year=day.year - age, day=28)


def reference_day(period: Period, now: dt.datetime) -> dt.date:
    """Ages are counted on the last day of the period (today, if it is not over)."""
    instant = period.state_instant(now)
    if instant == period.end:
        instant -= dt.timedelta(microseconds=1)
    return instant.astimezone(PARIS).date()


# How the beneficiaries of each age and the population of a scope are counted: from the people
# (`beneficiaries_by_age`) or from what the `statistics_take_up` job kept
# (`models.statistics.take_up_aggregates`).
CountByAge = Callable[[Session, Selection, dt.datetime], tuple[dict[int, Count], int]]


def beneficiaries_by_age(session: Session, selection: Selection,
                         now: dt.datetime) -> tuple[dict[int, Count], int]:
    """Residents of each age on the reference day who had received a credit by the period's
    end (now, if sooner), and the scope's population: one query."""
    instant = selection.period.state_instant(now)
    day = reference_day(selection.period, now)
    key = cast(User.cell_key, BigInteger)
    born = User.date_of_birth
    columns = []
    for age in AGES:
        of_age = and_(born <= birth_bound(day, age), born > birth_bound(day, age + 1))
        columns += [func.sum(case((of_age, 1), else_=0)), func.sum(case((of_age, key), else_=0))]
    scope = selection.scope
    population = population_query(scope).scalar_subquery()
    has_deposit = exists().where(Deposit.user_id == User.id, Deposit.created_at < instant)
    row = session.execute(
        select(*columns, population)
        .where(scope.resident_clause(User.commune_code), has_deposit,
               born <= birth_bound(day, AGES[0]), born > birth_bound(day, AGES[-1] + 1))
    ).one()
    counts = {age: Count(int(row[2 * index] or 0), int(row[2 * index + 1] or 0))
              for index, age in enumerate(AGES)}
    return counts, int(row[-1] or 0)


# The column of a commune naming the territory of each level; the country takes every commune.
_TERRITORY_COLUMN = {Level.COMMUNE: Commune.code, Level.EPCI: Commune.epci_siren,
                     Level.DEPARTEMENT: Commune.departement_code,
                     Level.REGION: Commune.region_code}


def population_query(scope: Scope):
    """The sum of the shipped populations of the scope's communes, as a query."""
    query = select(func.coalesce(func.sum(Commune.population), 0))
    column = _TERRITORY_COLUMN.get(scope.level)
    return query if column is None else query.where(column == scope.code)


def population_of(session: Session, scope: Scope) -> int:
    """The sum of the shipped populations of the scope's communes."""
    return int(session.scalar(population_query(scope)) or 0)


def take_up(session: Session, selection: Selection, now: dt.datetime,
            uploaded: UploadedCohorts | None = None,
            count_by_age: CountByAge = beneficiaries_by_age) -> TakeUp:
    """The protected take-up of every age for one scope and period; `uploaded` figures, when
    given, replace the estimate for the ages (and year) they cover."""
    counts, population = count_by_age(session, selection, now)
    day = reference_day(selection.period, now)
    ages = []
    for age in AGES:
        given = uploaded.cohort(age, day.year) if uploaded else None
        cohort = protect_public_count(
            estimated_cohort(population, age) if given is None else given)
        beneficiaries = protect_count(counts[age])
        ages.append(AgeTakeUp(age, beneficiaries, cohort, given is not None,
                              protect_ratio(beneficiaries, cohort)))
    return TakeUp(day, population, ages, uploaded.uploaded_at if uploaded else None)
