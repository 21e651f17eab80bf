"""Commands on local top-ups: staff allow an officer to fund them, the officer creates one, and
a booking takes its share (docs/domain/8-local-top-ups.md).

Commands write in the caller's session, inside the caller's unit of work, and never commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit.api import record
from models.credit.api import person_timezone
from models.credit.models import Deposit
from models.credit.repository import current_deposit
from models.offers.models import Offer
from models.territories.models import LocalGovernmentMandate, MandateStatus
from models.territories.repository import validated_mandate
from models.top_ups import exceptions, repository
from models.top_ups.models import TopUpCategory, TopUpPermission, TopUpProgramme
from models.top_ups.validation import TopUpDraft, check_draft
from models.users.models import User


def grant_permission(session: Session, staff: User, mandate_id: int) -> TopUpPermission:
    """Allow the officer of a validated mandate to fund top-ups on its territory."""
    mandate = session.get(LocalGovernmentMandate, mandate_id)
    if mandate is None or mandate.status is not MandateStatus.VALIDATED:
        raise exceptions.NotAnOfficer()
    if repository.permission_of(session, mandate_id) is not None:
        raise exceptions.AlreadyPermitted()
    permission = TopUpPermission(mandate_id=mandate_id, granted_by_id=staff.id)
    session.add(permission)
    session.flush()
    record(session, staff.id, "top_up.permission_granted", mandate,
           territory=f"{mandate.territory_kind.value}-{mandate.territory_code}")
    return permission


def revoke_permission(session: Session, staff: User, mandate_id: int) -> None:
    """Withdraw the permission; programmes already created keep running."""
    permission = repository.permission_of(session, mandate_id)
    if permission is None:
        return
    record(session, staff.id, "top_up.permission_revoked", permission.mandate)
    session.delete(permission)
    session.flush()


def permitted_mandate(session: Session, officer: User) -> LocalGovernmentMandate:
    """The officer's validated mandate, when staff allowed it to fund top-ups."""
    mandate = validated_mandate(session, officer.id)
    if mandate is None or repository.permission_of(session, mandate.id) is None:
        raise exceptions.TopUpNotPermitted()
    return mandate


def create_programme(session: Session, officer: User, draft: TopUpDraft,
                     today: dt.date) -> TopUpProgramme:
    """The officer funds a programme for the young people of its own territory."""
    mandate = permitted_mandate(session, officer)
    check_draft(draft, today)
    programme = TopUpProgramme(
        name=draft.name.strip(), territory_kind=mandate.territory_kind,
        territory_code=mandate.territory_code,
        amount_per_person_cents=draft.amount_per_person_cents, budget_cents=draft.budget_cents,
        starts_on=draft.starts_on, ends_on=draft.ends_on, min_age=draft.min_age,
        max_age=draft.max_age, created_by_id=officer.id,
        categories=[TopUpCategory(category_id=each) for each in sorted(set(draft.category_ids))],
    )
    session.add(programme)
    session.flush()
    record(session, officer.id, "top_up.created", programme, budget_cents=draft.budget_cents,
           amount_per_person_cents=draft.amount_per_person_cents)
    return programme


@dataclass(frozen=True)
class Share:
    """What a programme pays of a booking; the national credit pays the rest."""

    programme: TopUpProgramme
    cents: int


def _lock(session: Session, programme: TopUpProgramme) -> TopUpProgramme:
    # Bookings paid by one programme are decided one after the other: the budget is read
    # again under this lock (SQLite: the unit of work already holds the write lock).
    return session.scalars(
        select(TopUpProgramme).where(TopUpProgramme.id == programme.id).with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def share_of(session: Session, person: User, deposit: Deposit | None, offer: Offer,
             amount_cents: int, day: dt.date, *, lock: bool) -> Share | None:
    """The local credit a booking of `amount_cents` takes first: from the first programme open
    to the person that pays for the offer's category and has money left for them and in its
    budget, as much as both allow. None when no programme pays anything.

    Only holders of a running national credit receive local credit. With `lock`, the programme
    is locked before its budget is read, after the person and the stock (the order of
    `models.bookings.api`), so that concurrent bookings never spend more than the budget.
    """
    if amount_cents <= 0 or deposit is None:
        return None
    category = offer.subcategory.category_id
    for programme in repository.programmes_open_to(session, person, day):
        if category not in programme.category_ids:
            continue
        if lock:
            programme = _lock(session, programme)
        cents = min(
            amount_cents,
            programme.amount_per_person_cents
            - repository.spent_by_person(session, programme.id, person.id),
            programme.budget_cents - repository.spent_in_all(session, programme.id),
        )
        if cents > 0:
            return Share(programme, cents)
    return None


def share_preview(session: Session, person: User, offer: Offer, amount_cents: int,
                  now: dt.datetime) -> Share | None:
    """What a booking made now would take from a local credit: nothing locked nor written."""
    deposit = current_deposit(session, person.id, now)
    day = now.astimezone(person_timezone(person)).date()
    return share_of(session, person, deposit, offer, amount_cents, day, lock=False)


def local_credits(session: Session, person: User, now: dt.datetime):
    """The local credits open to the person today, with what is left of each for them."""
    return repository.person_top_ups(session, person,
                                     now.astimezone(person_timezone(person)).date())
