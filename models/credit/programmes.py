"""Programmes in the back-office: the calendar of programmes, and adding a future one.

The rules are in docs/domain/2-credit.md ("Programmes in the back-office"): a programme that
has started is never changed nor deleted; a new one starts after today; two programmes are never
open to the same age on the same day. A new programme that takes over every age of the
programme in force closes the latter to new credits on the eve of its start (as the 2025 reform
followed the 2021 programme); the credits already opened keep their rules and move at the next
birthday the new programme rewards.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models.audit.api import record
from models.credit.api import birthday
from models.credit.exceptions import (
    ProgrammeAgesInvalid,
    ProgrammeAmountInvalid,
    ProgrammeNameRequired,
    ProgrammesOverlap,
    ProgrammeStarted,
    ProgrammeStartNotFuture,
    ProgrammeValidityInvalid,
    ProgrammeWithoutGrant,
)
from models.credit.models import CreditProgramme, ExpiryRule, ProgrammeAgeGrant
from models.users.models import User

FIRST_AGE, LAST_AGE = 15, 19  # from the 15th birthday to the eve of the 19th
MAX_AMOUNT_CENTS = 100_000
MONTHS_RANGE, BIRTHDAY_RANGE = range(1, 61), range(19, 26)


@dataclass(frozen=True)
class ProgrammeDraft:
    """What staff type for a new programme; amounts in cents by age (0: nothing at that age)."""

    name: str
    starts_on: dt.date
    min_signup_age: int
    max_signup_age: int
    amounts: dict[int, int]
    expiry_rule: ExpiryRule
    expiry_value: int
    digital_cap_cents: int | None = None
    physical_cap_cents: int | None = None


@dataclass
class ProgrammeCalendar:
    in_force: list[CreditProgramme]
    future: list[CreditProgramme]
    past: list[CreditProgramme]


@dataclass
class ProgrammePreview:
    """Who a draft would concern when it starts, estimated on today's accounts."""

    starts_on: dt.date
    people_by_age: dict[int, int]
    closing: list[CreditProgramme] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.people_by_age.values())

    @property
    def closing_on(self) -> dt.date:
        return self.starts_on - dt.timedelta(days=1)


def programme_calendar(session: Session, today: dt.date) -> ProgrammeCalendar:
    """Every programme, sorted into in force, future and past on `today`, latest first."""
    programmes = session.scalars(
        select(CreditProgramme)
        .options(selectinload(CreditProgramme.age_grants),
                 selectinload(CreditProgramme.validity_changes))
        .order_by(CreditProgramme.starts_on.desc(), CreditProgramme.id.desc())
    ).all()
    calendar = ProgrammeCalendar([], [], [])
    for programme in programmes:
        if programme.starts_on > today:
            calendar.future.append(programme)
        elif programme.is_open_on(today):
            calendar.in_force.append(programme)
        else:
            calendar.past.append(programme)
    return calendar


def check_draft(session: Session, draft: ProgrammeDraft, today: dt.date) -> list[CreditProgramme]:
    """Refuse a draft that breaks a rule; return the programmes in force it would close."""
    if not draft.name.strip():
        raise ProgrammeNameRequired()
    if draft.starts_on <= today:
        raise ProgrammeStartNotFuture()
    if not FIRST_AGE <= draft.min_signup_age < draft.max_signup_age <= LAST_AGE:
        raise ProgrammeAgesInvalid()
    amounts = _amounts_in_range(draft)
    if any(not 0 <= cents <= MAX_AMOUNT_CENTS for cents in amounts.values()) or any(
        cap is not None and not 0 < cap <= MAX_AMOUNT_CENTS
        for cap in (draft.digital_cap_cents, draft.physical_cap_cents)
    ):
        raise ProgrammeAmountInvalid()
    if not any(amounts.values()):
        raise ProgrammeWithoutGrant()
    valid = MONTHS_RANGE if draft.expiry_rule is ExpiryRule.MONTHS_AFTER_GRANT else BIRTHDAY_RANGE
    if draft.expiry_value not in valid:
        raise ProgrammeValidityInvalid()
    return _programmes_taken_over(session, draft)


def preview_programme(session: Session, draft: ProgrammeDraft, today: dt.date) -> ProgrammePreview:
    """Check the draft, then count today's accounts by the age they will have when it starts.

    An estimate: people who sign up later, or whose birth date is unknown, are not counted,
    and an account counts whether or not it will ask for the credit.
    """
    closing = check_draft(session, draft, today)
    start = draft.starts_on
    oldest = _years_before(start, draft.max_signup_age)
    rows = session.execute(
        select(User.date_of_birth, func.count())
        .where(User.date_of_birth.is_not(None), User.anonymised_at.is_(None),
               User.date_of_birth > oldest - dt.timedelta(days=1),
               User.date_of_birth <= start)
        .group_by(User.date_of_birth)
    ).all()
    counts: Counter[int] = Counter()
    for born, number in rows:
        age = age_on(born, start)
        if draft.min_signup_age <= age < draft.max_signup_age:
            counts[age] += number
    people = {age: counts.get(age, 0)
              for age in range(draft.min_signup_age, draft.max_signup_age)}
    return ProgrammePreview(start, people, closing)


def create_programme(
    session: Session, actor: User, draft: ProgrammeDraft, today: dt.date
) -> CreditProgramme:
    """Add a future programme (in the caller's unit of work) and write it in the audit log."""
    closing = check_draft(session, draft, today)
    programme = CreditProgramme(
        code=_code_for(session, draft), name=draft.name.strip(), starts_on=draft.starts_on,
        ends_on=None, min_signup_age=draft.min_signup_age,
        max_signup_age=draft.max_signup_age, expiry_rule=draft.expiry_rule,
        expiry_value=draft.expiry_value, digital_cap_cents=draft.digital_cap_cents,
        physical_cap_cents=draft.physical_cap_cents,
        age_grants=[ProgrammeAgeGrant(age=age, amount_cents=cents)
                    for age, cents in sorted(_amounts_in_range(draft).items()) if cents > 0],
    )
    session.add(programme)
    session.flush()
    for previous in closing:
        previous.ends_on = draft.starts_on - dt.timedelta(days=1)
        record(session, actor.id, "credit_programme.closed", previous,
               ends_on=previous.ends_on.isoformat(), successor=programme.code)
    record(session, actor.id, "credit_programme.created", programme,
           starts_on=programme.starts_on.isoformat(),
           ages=[programme.min_signup_age, programme.max_signup_age],
           amounts={str(age): cents for age, cents in _amounts_in_range(draft).items()},
           expiry=[programme.expiry_rule.value, programme.expiry_value])
    return programme


def delete_future_programme(
    session: Session, actor: User, programme: CreditProgramme, today: dt.date
) -> None:
    """Delete a programme that has not started; refuse one that has.

    The programme it closed (if any) opens again: it ended on the eve of this one.
    """
    if programme.starts_on <= today:
        raise ProgrammeStarted()
    eve = programme.starts_on - dt.timedelta(days=1)
    reopened = session.scalars(
        select(CreditProgramme).where(CreditProgramme.ends_on == eve,
                                      CreditProgramme.id != programme.id)
    ).all()
    for previous in reopened:
        previous.ends_on = None
        record(session, actor.id, "credit_programme.reopened", previous,
               cancelled_successor=programme.code)
    record(session, actor.id, "credit_programme.deleted", programme, code=programme.code,
           starts_on=programme.starts_on.isoformat())
    session.delete(programme)
    session.flush()


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`, a birthday on 29 February falling on 1 March."""
    age = day.year - born.year
    return age if birthday(born, age) <= day else age - 1


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return dt.date(day.year - years, 2, 28)


def _amounts_in_range(draft: ProgrammeDraft) -> dict[int, int]:
    return {age: draft.amounts.get(age) or 0
            for age in range(draft.min_signup_age, draft.max_signup_age)}


def _programmes_taken_over(session: Session, draft: ProgrammeDraft) -> list[CreditProgramme]:
    """The programmes open on or after the draft's start to one of its ages.

    One that started before and whose every age the draft covers is taken over (closed on the
    eve); any other overlap is refused, with the programme's name and dates.
    """
    ages = set(range(draft.min_signup_age, draft.max_signup_age))
    overlapping = session.scalars(
        select(CreditProgramme)
        .where((CreditProgramme.ends_on.is_(None))
               | (CreditProgramme.ends_on >= draft.starts_on))
        .order_by(CreditProgramme.starts_on)
    ).all()
    closing = []
    for programme in overlapping:
        its_ages = set(range(programme.min_signup_age, programme.max_signup_age))
        if not its_ages & ages:
            continue
        if programme.starts_on >= draft.starts_on:
            raise ProgrammesOverlap(
                f"Le programme « {programme.name} » accueillera déjà ces âges à partir du "
                f"{programme.starts_on:%d/%m/%Y} : deux programmes ne peuvent pas accueillir "
                "le même âge le même jour."
            )
        if not its_ages <= ages:
            missing = ", ".join(str(age) for age in sorted(its_ages - ages))
            raise ProgrammesOverlap(
                f"Le programme « {programme.name} » accueille aussi les {missing} ans : pour "
                "le remplacer, le nouveau programme doit accueillir tous ses âges."
            )
        closing.append(programme)
    return closing


def _code_for(session: Session, draft: ProgrammeDraft) -> str:
    """A stable code made of the start date and the name, unique among programmes."""
    plain = unicodedata.normalize("NFKD", draft.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:20] or "programme"
    base = f"{slug}_{draft.starts_on:%Y%m%d}"
    code, number = base, 1
    while session.scalar(select(CreditProgramme.id).where(CreditProgramme.code == code)):
        number += 1
        code = f"{base}_{number}"
    return code
