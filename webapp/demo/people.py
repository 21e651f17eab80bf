"""Young people of the demo and their deposits, opened under the programme in force at sign-up.

Opening thousands of deposits through `models.credit.api.open_deposit` would cost several
queries each; the demo instead reads the programmes once and applies the same choice in memory
(`programme_in_force` mirrors `programme_for`, and the expiry is `deposit_expiry` itself). The
test suite checks that both choices agree.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.credit.api import birthday, deposit_expiry
from models.credit.models import CreditProgramme, Deposit, Grant
from models.identity.models import IdentityCheck, IdentityCheckStatus
from models.offers.catalogue import CapKind
from models.users.models import ActivityStatus, User
from webapp.demo import names as n
from webapp.demo.bulk import IdAllocator
from webapp.demo.venues import CommuneInfo, CommunePicker

DAY = dt.timedelta(days=1)
HISTORY_DAYS = 730
ACTIVITIES = [ActivityStatus.HIGH_SCHOOL] * 6 + [
    ActivityStatus.STUDENT, ActivityStatus.STUDENT, ActivityStatus.APPRENTICE,
    ActivityStatus.EMPLOYEE, ActivityStatus.JOB_SEEKER, ActivityStatus.OTHER]


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years on `day`, as `User.age_on` counts them."""
    return day.year - born.year - (0 if (day.month, day.day) >= (born.month, born.day) else 1)


def programme_in_force(programmes: list[CreditProgramme], age: int,
                       day: dt.date) -> CreditProgramme | None:
    """The programme `programme_for` would pick: open on `day` to `age`, the most recent first."""
    matching = [p for p in programmes
                if p.starts_on <= day and (p.ends_on is None or p.ends_on >= day)
                and p.min_signup_age <= age < p.max_signup_age]
    return max(matching, key=lambda p: p.starts_on, default=None)


def load_programmes(session: Session) -> list[CreditProgramme]:
    return list(session.scalars(select(CreditProgramme).options(
        selectinload(CreditProgramme.age_grants), selectinload(CreditProgramme.validity_changes),
    ).order_by(CreditProgramme.id)))


@dataclass(frozen=True)
class _Departement:
    timezone: str


@dataclass(frozen=True)
class _Commune:
    departement: _Departement


@dataclass(frozen=True)
class _Holder:
    """The two facts `deposit_expiry` reads from a person, without building a `User`."""

    date_of_birth: dt.date
    commune: _Commune


@dataclass(eq=False, slots=True)
class DepositPlan:
    id: int
    user_id: int
    programme: CreditProgramme
    created_at: dt.datetime
    expires_at: dt.datetime
    grants: list[tuple[int, int, dt.datetime]] = field(default_factory=list)
    # Everything ever booked, cancelled bookings included: a cancellation gives money back
    # only later, so counting it keeps the credit within bounds at every moment.
    spent: int = 0
    digital: int = 0
    physical: int = 0

    def granted_by(self, moment: dt.datetime) -> int:
        return sum(amount for _age, amount, at in self.grants if at <= moment)

    def can_spend(self, moment: dt.datetime, amount: int, cap: CapKind | None) -> bool:
        if self.spent + amount > self.granted_by(moment):
            return False
        if cap is CapKind.DIGITAL and self.programme.digital_cap_cents is not None:
            return self.digital + amount <= self.programme.digital_cap_cents
        if cap is CapKind.PHYSICAL and self.programme.physical_cap_cents is not None:
            return self.physical + amount <= self.programme.physical_cap_cents
        return True

    def spend(self, amount: int, cap: CapKind | None) -> None:
        self.spent += amount
        if cap is CapKind.DIGITAL:
            self.digital += amount
        elif cap is CapKind.PHYSICAL:
            self.physical += amount


@dataclass(eq=False, slots=True)
class PersonPlan:
    id: int
    born: dt.date
    commune: CommuneInfo
    created_at: dt.datetime
    deposits: list[DepositPlan] = field(default_factory=list)
    booked_offers: set[int] = field(default_factory=set)

    def age_at(self, moment: dt.datetime) -> int:
        return age_on(self.born, moment.astimezone(ZoneInfo(self.commune.timezone)).date())

    def deposit_at(self, moment: dt.datetime) -> DepositPlan | None:
        for deposit in self.deposits:
            if deposit.created_at <= moment < deposit.expires_at:
                return deposit
        return None


@dataclass
class Population:
    people: list[PersonPlan] = field(default_factory=list)
    user_rows: list[dict] = field(default_factory=list)
    check_rows: list[dict] = field(default_factory=list)

    def deposit_rows(self) -> list[dict]:
        return [{"id": d.id, "user_id": d.user_id, "programme_id": d.programme.id,
                 "created_at": d.created_at, "expires_at": d.expires_at}
                for person in self.people for d in person.deposits]


class PopulationPlanner:
    def __init__(self, session: Session, rng: random.Random, now: dt.datetime,
                 communes: CommunePicker, ids: IdAllocator, reviewer_id: int | None):
        self.rng, self.now, self.communes, self.ids = rng, now, communes, ids
        self.programmes = load_programmes(session)
        self._amounts = {programme.id: {grant.age: grant.amount_cents
                                        for grant in programme.age_grants}
                         for programme in self.programmes}
        self._programme_on: dict[tuple[int, dt.date], CreditProgramme | None] = {}
        self.reviewer_id = reviewer_id
        self.population = Population()

    def plan(self, count: int, email_pattern: str) -> Population:
        for index in range(1, count + 1):
            self._person(email_pattern.format(index))
        return self.population

    def _signup(self) -> dt.datetime:
        # Sign-ups spread over the history; never in the last day.
        back = HISTORY_DAYS * self.rng.random()
        return self.now - DAY * max(1.0, back)

    def _person(self, email: str) -> None:
        rng = self.rng
        commune = self.communes.pick(rng)
        signup = self._signup()
        local_day = signup.astimezone(ZoneInfo(commune.timezone)).date()
        age = 17 if rng.random() < 0.45 else 18
        born = birthday(local_day, -age) - DAY * rng.randint(0, 364)
        while age_on(born, local_day) != age:
            born += DAY
        person = PersonPlan(self.ids.take(User), born, commune,
                            signup - DAY * rng.randint(0, 20) - dt.timedelta(minutes=37))
        self._open(person, signup, age)
        self._maybe_reopen(person)
        self.population.people.append(person)
        self.population.user_rows.append(self._user_row(person, email))

    def _open(self, person: PersonPlan, at: dt.datetime, age: int) -> DepositPlan | None:
        day = at.astimezone(ZoneInfo(person.commune.timezone)).date()
        if (age, day) not in self._programme_on:
            self._programme_on[(age, day)] = programme_in_force(self.programmes, age, day)
        programme = self._programme_on[(age, day)]
        if programme is None:
            return None
        holder = _Holder(person.born, _Commune(_Departement(person.commune.timezone)))
        deposit = DepositPlan(self.ids.take(Deposit), person.id, programme, at,
                              deposit_expiry(programme, holder, at))
        amounts = self._amounts[programme.id]
        if age in amounts:
            deposit.grants.append((age, amounts[age], at))
        for later_age in sorted(a for a in amounts if a > age):
            # The scheduled job grants the top-up in the small hours of the birthday.
            on = dt.datetime.combine(birthday(person.born, later_age), dt.time(1),
                                     tzinfo=ZoneInfo(person.commune.timezone)).astimezone(dt.UTC)
            if on <= self.now and on < deposit.expires_at:
                deposit.grants.append((later_age, amounts[later_age], on))
        person.deposits.append(deposit)
        self._identity_check(person, at)
        return deposit

    def _maybe_reopen(self, person: PersonPlan) -> None:
        """Teenagers of the 2021 programme lose their credit at 18 and most sign up again."""
        first = person.deposits[-1] if person.deposits else None
        if first is None or first.expires_at > self.now - DAY * 2 or self.rng.random() > 0.85:
            return
        again = first.expires_at + DAY * self.rng.uniform(0.5, 45)
        if again < self.now - DAY:
            self._open(person, again, person.age_at(again))

    def _identity_check(self, person: PersonPlan, approved_at: dt.datetime) -> None:
        submitted = approved_at - dt.timedelta(hours=self.rng.randint(1, 72))
        self.population.check_rows.append({
            "id": self.ids.take(IdentityCheck), "user_id": person.id, "document_id": None,
            "status": IdentityCheckStatus.APPROVED, "honour_statement_at": submitted,
            "submitted_at": submitted, "reviewed_at": approved_at,
            "reviewer_id": self.reviewer_id, "rejection_reason": None,
        })

    def _user_row(self, person: PersonPlan, email: str) -> dict:
        rng, commune = self.rng, person.commune
        return {
            "id": person.id, "email": email, "password_hash": None, "is_beneficiary": True,
            "first_name": rng.choice(n.FIRST_NAMES), "last_name": rng.choice(n.LAST_NAMES),
            "date_of_birth": person.born,
            "address": f"{rng.randint(1, 200)} {rng.choice(n.STREETS)}",
            "postal_code": commune.postal_code, "commune_code": commune.code,
            "activity": rng.choice(ACTIVITIES), "locale": "fr",
            "cell_key": rng.randrange(2**31), "created_at": person.created_at,
            "email_confirmed_at": person.created_at + dt.timedelta(minutes=rng.randint(1, 90)),
            "last_login_at": max(person.created_at, self.now - DAY * rng.uniform(0, 60)),
            "anonymised_at": None,
        }


def grant_rows(population: Population, ids: IdAllocator) -> list[dict]:
    return [{"id": ids.take(Grant), "deposit_id": deposit.id, "age": age,
             "amount_cents": amount, "granted_at": at}
            for person in population.people for deposit in person.deposits
            for age, amount, at in deposit.grants]
