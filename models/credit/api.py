"""Commands on credit: opening a deposit, birthday top-ups and the move to a newer programme.

The rules, with their dates, are in docs/domain/2-credit.md.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.credit.exceptions import AlreadyHasDeposit, NotEligible
from models.credit.models import CreditProgramme, Deposit, ExpiryRule, Grant
from models.credit.repository import credit_summary
from models.users.models import User

DEFAULT_TIMEZONE = "Europe/Paris"


def person_timezone(user: User) -> ZoneInfo:
    """The zone of the person's département, so birthdays fall at their own midnight."""
    if user.commune is not None:
        return ZoneInfo(user.commune.departement.timezone)
    return ZoneInfo(DEFAULT_TIMEZONE)


def programme_for(session: Session, age: int, day: dt.date) -> CreditProgramme | None:
    """The programme open on `day` to people of `age`, the most recent first."""
    return session.scalars(
        select(CreditProgramme)
        .where(
            CreditProgramme.starts_on <= day,
            (CreditProgramme.ends_on.is_(None)) | (CreditProgramme.ends_on >= day),
            CreditProgramme.min_signup_age <= age,
            CreditProgramme.max_signup_age > age,
        )
        .options(selectinload(CreditProgramme.age_grants))
        .order_by(CreditProgramme.starts_on.desc())
        .limit(1)
    ).first()


def birthday(born: dt.date, age: int) -> dt.date:
    """The date of the `age`-th birthday; 29 February falls on 1 March in common years."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


def _add_months(moment: dt.datetime, months: int) -> dt.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return moment.replace(year=year, month=month, day=day)


def deposit_expiry(programme: CreditProgramme, user: User, opened_at: dt.datetime) -> dt.datetime:
    """When a deposit opened at `opened_at` ends, under the programme's rule of that day."""
    zone = person_timezone(user)
    rule, value = programme.validity_on(opened_at.astimezone(zone).date())
    if rule is ExpiryRule.MONTHS_AFTER_GRANT:
        return _add_months(opened_at, value)
    day = birthday(user.date_of_birth, value)
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def _amounts(programme: CreditProgramme) -> dict[int, int]:
    return {grant.age: grant.amount_cents for grant in programme.age_grants}


def open_deposit(
    session: Session, user: User, now: dt.datetime, registered_at: dt.datetime | None = None
) -> Deposit:
    """Open the person's credit when staff approve their identity; return the running deposit.

    What the person receives follows their age on the day they first registered (`registered_at`,
    their first identity check), under the programme open to that age that day; failing that,
    their age today under the programme open today. Birthdays reached since registration then
    count as the programme in force today rewards them (docs/domain/2-credit.md): registered at
    15 under the 2021 programme and approved at 17 after the 2025 reform, a person gets 20 €,
    moved at once into the 2025 credit with its 50 €; approved at 16 after the reform, 20 €.

    Raises `NotEligible` when no programme applies and `AlreadyHasDeposit` if a deposit is
    still running.
    """
    zone = person_timezone(user)
    today = now.astimezone(zone).date()
    registered_at = min(registered_at or now, now)
    registered_on = registered_at.astimezone(zone).date()
    age_then, age_now = user.age_on(registered_on), user.age_on(today)
    programme, age = None, age_then
    if age_then is not None:
        programme = programme_for(session, age_then, registered_on)
    if programme is None and age_now is not None:
        programme, age = programme_for(session, age_now, today), age_now
    if programme is None:
        raise NotEligible()
    running = session.scalar(
        select(Deposit.id).where(Deposit.user_id == user.id, Deposit.expires_at > now)
    )
    if running is not None:
        raise AlreadyHasDeposit()
    deposit = Deposit(
        user_id=user.id, programme=programme, created_at=now,
        expires_at=deposit_expiry(programme, user, now),
    )
    amount = _amounts(programme).get(age)
    if amount:
        deposit.grants.append(Grant(age=age, amount_cents=amount, granted_at=now))
    session.add(deposit)
    session.flush()
    if age_now is None or age_now <= age:
        return deposit
    # A birthday passed between registration and approval.
    return _follow_birthday(session, deposit, user, now, _ProgrammeCache(session), opening=True)


class _ProgrammeCache:
    """`programme_for` answers by (age, day): the daily job asks the same few questions."""

    def __init__(self, session: Session):
        self.session, self.answers = session, {}

    def __call__(self, age: int, day: dt.date) -> CreditProgramme | None:
        if (age, day) not in self.answers:
            self.answers[(age, day)] = programme_for(self.session, age, day)
        return self.answers[(age, day)]


def _follow_birthday(
    session: Session, deposit: Deposit, user: User, now: dt.datetime,
    programme_on: _ProgrammeCache, *, opening: bool = False,
) -> Deposit:
    """Apply the person's current age to a running deposit; return the deposit running after.

    - If the programme in force today rewards this age and the deposit's own programme is
      closed to new deposits, the credit moves there: the old deposit ends now, a new one opens
      with the grant of this age and what was left of the old one (an under-18 credit at 17
      after the 2025 reform: 20 + 30 + 50 € over the years).
    - Otherwise the deposit's own programme grants this age's amount, once.

    The daily job only looks at birthdays reached after the deposit was opened. At opening
    (when a birthday passed between registration and approval), the current age is granted only
    if the deposit's programme is still the one in force for it: birthdays of a programme that
    has been replaced are not paid afterwards.
    """
    zone = person_timezone(user)
    today = now.astimezone(zone).date()
    age = user.age_on(today)
    if age is None:
        return deposit
    if not opening and birthday(user.date_of_birth, age) <= deposit.created_at.astimezone(
        zone
    ).date():
        return deposit
    in_force = programme_on(age, today)
    if (
        in_force is not None
        and in_force.id != deposit.programme_id
        and age in _amounts(in_force)
        and not deposit.programme.is_open_on(today)
    ):
        return _move_credit(session, deposit, user, in_force, age, now)
    if opening and (in_force is None or in_force.id != deposit.programme_id):
        return deposit
    amount = _amounts(deposit.programme).get(age)
    if amount and age not in {grant.age for grant in deposit.grants}:
        deposit.grants.append(Grant(age=age, amount_cents=amount, granted_at=now))
        session.flush()
    return deposit


def _move_credit(
    session: Session, old: Deposit, user: User, programme: CreditProgramme, age: int,
    now: dt.datetime,
) -> Deposit:
    remaining = max(credit_summary(session, old).remaining_cents, 0)
    old.expires_at = now
    new = Deposit(
        user_id=user.id, programme=programme, created_at=now,
        expires_at=deposit_expiry(programme, user, now), carried_over_cents=remaining,
    )
    new.grants.append(Grant(age=age, amount_cents=_amounts(programme)[age], granted_at=now))
    session.add(new)
    session.flush()
    return new


def grant_birthday_top_ups(session: Session, now: dt.datetime) -> int:
    """Apply birthdays to running deposits (the scheduled job); return how many changed.

    Safe to run any number of times, or late: a grant is unique per deposit and age, and a
    moved credit leaves no running deposit behind under the old programme.
    """
    deposits = list(
        session.scalars(
            select(Deposit)
            .where(Deposit.expires_at > now)
            .options(
                selectinload(Deposit.grants),
                selectinload(Deposit.programme).selectinload(CreditProgramme.age_grants),
                selectinload(Deposit.user),
            )
        )
    )
    programme_on = _ProgrammeCache(session)
    changed = 0
    for deposit in deposits:
        grants_before = len(deposit.grants)
        after = _follow_birthday(session, deposit, deposit.user, now, programme_on)
        if after is not deposit or len(deposit.grants) != grants_before:
            changed += 1
    session.flush()
    return changed
