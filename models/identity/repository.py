"""Queries on identity checks, and who may ask for the credit today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload, undefer

from models.bookings.validation import MINIMUM_AGE
from models.credit.api import person_timezone, programme_for
from models.credit.models import CreditProgramme, Deposit
from models.identity.models import IdentityCheck, IdentityCheckStatus, IdentityDocument
from models.territories.models import Commune
from models.users.models import User


def count_pending_checks(session: Session) -> int:
    return session.scalar(
        select(func.count())
        .select_from(IdentityCheck)
        .where(IdentityCheck.status == IdentityCheckStatus.PENDING)
    )


def pending_checks(session: Session, limit: int = 200) -> list[IdentityCheck]:
    """The checks waiting for staff, oldest first, with the person and their commune."""
    return list(
        session.scalars(
            select(IdentityCheck)
            .where(IdentityCheck.status == IdentityCheckStatus.PENDING)
            .options(
                joinedload(IdentityCheck.user)
                .joinedload(User.commune)
                .joinedload(Commune.departement)
            )
            .order_by(IdentityCheck.submitted_at, IdentityCheck.id)
            .limit(limit)
        )
    )


def get_check(session: Session, check_id: int) -> IdentityCheck | None:
    """One check with its person, their commune and its document's description (not its data)."""
    return session.scalars(
        select(IdentityCheck)
        .where(IdentityCheck.id == check_id)
        .options(
            joinedload(IdentityCheck.user).joinedload(User.commune).joinedload(Commune.departement),
            joinedload(IdentityCheck.document),
        )
    ).first()


def document_of_check(session: Session, check_id: int) -> IdentityDocument | None:
    """The stored file of a check, bytes included, or None once erased."""
    return session.scalars(
        select(IdentityDocument)
        .join(IdentityCheck, IdentityCheck.document_id == IdentityDocument.id)
        .where(IdentityCheck.id == check_id, IdentityDocument.data.is_not(None))
        .options(undefer(IdentityDocument.data))
    ).first()


def latest_check(session: Session, user_id: int) -> IdentityCheck | None:
    return session.scalars(
        select(IdentityCheck)
        .where(IdentityCheck.user_id == user_id)
        .order_by(IdentityCheck.submitted_at.desc(), IdentityCheck.id.desc())
        .limit(1)
    ).first()


def first_registration(session: Session, user_id: int) -> dt.datetime | None:
    """When the person first asked for the credit: their first identity check, whatever became
    of it. The amount of the credit follows their age that day (docs/domain/2-credit.md)."""
    return session.scalar(
        select(func.min(IdentityCheck.submitted_at)).where(IdentityCheck.user_id == user_id)
    )


def checks_of(session: Session, user_id: int) -> list[IdentityCheck]:
    """The person's checks, newest first."""
    return list(
        session.scalars(
            select(IdentityCheck)
            .where(IdentityCheck.user_id == user_id)
            .order_by(IdentityCheck.submitted_at.desc(), IdentityCheck.id.desc())
        )
    )


def programme_in_force(session: Session, day: dt.date) -> CreditProgramme | None:
    """The most recent programme open on `day`, whatever the age, to explain who may join."""
    return session.scalars(
        select(CreditProgramme)
        .where(
            CreditProgramme.starts_on <= day,
            CreditProgramme.ends_on.is_(None) | (CreditProgramme.ends_on >= day),
        )
        .options(selectinload(CreditProgramme.age_grants))
        .order_by(CreditProgramme.starts_on.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class Eligibility:
    """Where a person stands with the credit today, and the rules of the programme in force."""

    age: int | None
    programme: CreditProgramme | None
    in_force: CreditProgramme | None
    has_credit: bool = False
    free_offers_from: int = MINIMUM_AGE

    @property
    def can_ask(self) -> bool:
        """Of the age of the programme in force, and without a running credit already."""
        return self.programme is not None and not self.has_credit

    @property
    def free_offers_only(self) -> bool:
        """Too young for the credit but old enough to book free offers."""
        if self.programme is not None or self.age is None or self.in_force is None:
            return False
        return MINIMUM_AGE <= self.age < self.in_force.min_signup_age

    @property
    def too_young(self) -> bool:
        if self.in_force is None or self.age is None:
            return False
        return self.age < self.in_force.min_signup_age

    @property
    def grant_cents(self) -> int | None:
        """What the person would receive today, under the programme open to their age."""
        if self.programme is None:
            return None
        amounts = {grant.age: grant.amount_cents for grant in self.programme.age_grants}
        return amounts.get(self.age)


def eligibility(session: Session, user: User, now: dt.datetime) -> Eligibility:
    """The person's age on their own calendar day, and the programmes that concern them."""
    today = now.astimezone(person_timezone(user)).date()
    age = user.age_on(today)
    programme = programme_for(session, age, today) if age is not None else None
    running = session.scalar(
        select(Deposit.id).where(Deposit.user_id == user.id, Deposit.expires_at > now).limit(1)
    )
    return Eligibility(
        age=age, programme=programme, in_force=programme_in_force(session, today),
        has_credit=running is not None,
    )
