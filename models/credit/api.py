"""Commands on credit: opening a deposit under the programme in force, and birthday top-ups."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.credit.exceptions import AlreadyHasDeposit, NotEligible
from models.credit.models import CreditProgramme, Deposit, ExpiryRule, Grant
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
    if programme.expiry_rule is ExpiryRule.MONTHS_AFTER_GRANT:
        return _add_months(opened_at, programme.expiry_value)
    day = birthday(user.date_of_birth, programme.expiry_value)
    return dt.datetime.combine(day, dt.time(), tzinfo=person_timezone(user)).astimezone(dt.UTC)


def open_deposit(session: Session, user: User, now: dt.datetime) -> Deposit:
    """Open the person's deposit under the programme in force and grant the amount for their age.

    Called when staff approve an identity check. Raises `NotEligible` outside the sign-up ages
    and `AlreadyHasDeposit` if a deposit is still running.
    """
    today = now.astimezone(person_timezone(user)).date()
    age = user.age_on(today)
    programme = programme_for(session, age, today) if age is not None else None
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
    amount = {grant.age: grant.amount_cents for grant in programme.age_grants}.get(age)
    if amount:
        deposit.grants.append(Grant(age=age, amount_cents=amount, granted_at=now))
    session.add(deposit)
    session.flush()
    return deposit


def grant_birthday_top_ups(session: Session, now: dt.datetime) -> int:
    """Add the grant of a new age to running deposits (the scheduled job); return how many.

    Safe to run any number of times: a grant is unique per deposit and age.
    """
    deposits = session.scalars(
        select(Deposit)
        .where(Deposit.expires_at > now)
        .options(
            selectinload(Deposit.grants),
            selectinload(Deposit.programme).selectinload(CreditProgramme.age_grants),
            selectinload(Deposit.user),
        )
    )
    granted = 0
    for deposit in deposits:
        user = deposit.user
        age = user.age_on(now.astimezone(person_timezone(user)).date())
        amounts = {grant.age: grant.amount_cents for grant in deposit.programme.age_grants}
        if age in amounts and age not in {grant.age for grant in deposit.grants}:
            deposit.grants.append(Grant(age=age, amount_cents=amounts[age], granted_at=now))
            granted += 1
    session.flush()
    return granted
