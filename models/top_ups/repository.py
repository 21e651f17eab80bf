"""Queries on top-ups: the programmes open to a person, what they paid, and their consumption
as the officer may read it (through the secrecy layer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import BigInteger, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.offerers.models import Venue
from models.offers.models import Offer
from models.statistics.figures import Figure
from models.statistics.secrecy import Amount, Count, protect_amount, protect_count
from models.territories.models import (
    Commune,
    LocalGovernmentMandate,
    MandateStatus,
    TerritoryKind,
)
from models.territories.repository import territory_name
from models.top_ups.models import TopUpPermission, TopUpProgramme
from models.users.models import User

# The bookings that hold money: a cancelled one (by anyone, or expired) gives it back.
LIVE = (BookingStatus.CONFIRMED, BookingStatus.USED, BookingStatus.REIMBURSED)


def _covering(commune: Commune):
    """Programmes whose territory holds the commune, at any of the four levels."""
    return or_(
        and_(TopUpProgramme.territory_kind == TerritoryKind.COMMUNE,
             TopUpProgramme.territory_code == commune.code),
        and_(TopUpProgramme.territory_kind == TerritoryKind.EPCI,
             TopUpProgramme.territory_code == commune.epci_siren),
        and_(TopUpProgramme.territory_kind == TerritoryKind.DEPARTEMENT,
             TopUpProgramme.territory_code == commune.departement_code),
        and_(TopUpProgramme.territory_kind == TerritoryKind.REGION,
             TopUpProgramme.territory_code == commune.region_code),
    )


def programmes_open_to(session: Session, person: User, day: dt.date) -> list[TopUpProgramme]:
    """The programmes of the territories the person lives in, open on `day` to their age; the
    one ending first comes first, as it is the one to use first."""
    age = person.age_on(day)
    if person.commune is None or age is None:
        return []
    return list(session.scalars(
        select(TopUpProgramme)
        .where(_covering(person.commune), TopUpProgramme.starts_on <= day,
               TopUpProgramme.ends_on >= day, TopUpProgramme.min_age <= age,
               TopUpProgramme.max_age >= age)
        .order_by(TopUpProgramme.ends_on, TopUpProgramme.id)
    ))


def spent_by_person(session: Session, programme_id: int, user_id: int) -> int:
    return session.scalar(
        select(func.coalesce(func.sum(Booking.top_up_cents), 0))
        .where(Booking.top_up_id == programme_id, Booking.user_id == user_id,
               Booking.status.in_(LIVE)))


def spent_in_all(session: Session, programme_id: int) -> int:
    return session.scalar(
        select(func.coalesce(func.sum(Booking.top_up_cents), 0))
        .where(Booking.top_up_id == programme_id, Booking.status.in_(LIVE)))


@dataclass(frozen=True)
class PersonTopUp:
    """A programme as a person sees it beside their national credit."""

    programme: TopUpProgramme
    remaining_cents: int


def person_top_ups(session: Session, person: User, day: dt.date) -> list[PersonTopUp]:
    return [PersonTopUp(programme, programme.amount_per_person_cents
                        - spent_by_person(session, programme.id, person.id))
            for programme in programmes_open_to(session, person, day)]


def permission_of(session: Session, mandate_id: int) -> TopUpPermission | None:
    return session.scalar(select(TopUpPermission).where(TopUpPermission.mandate_id == mandate_id))


def permitted_mandates(session: Session) -> set[int]:
    return set(session.scalars(select(TopUpPermission.mandate_id)))


def programmes_of(session: Session, mandate: LocalGovernmentMandate) -> list[TopUpProgramme]:
    """The programmes of the officer's territory, the most recent first."""
    return list(session.scalars(
        select(TopUpProgramme)
        .where(TopUpProgramme.territory_kind == mandate.territory_kind,
               TopUpProgramme.territory_code == mandate.territory_code)
        .order_by(TopUpProgramme.starts_on.desc(), TopUpProgramme.id.desc())))


@dataclass(frozen=True)
class Consumption:
    """What a programme paid, as its officer may read it: figures of the secrecy layer."""

    people: Figure
    bookings: Figure
    spent: Figure
    remaining: Figure


def consumption(session: Session, programme: TopUpProgramme) -> Consumption:
    """People who used it and bookings it paid (counts with their cell keys), the money it paid
    (with its partners) and what is left of the budget, which gives the money away and so is
    withheld with it."""
    paid = (Booking.top_up_id == programme.id, Booking.status.in_(LIVE), Booking.top_up_cents > 0)
    per_person = (select(Booking.user_id, func.count().label("bookings"),
                         func.max(cast(User.cell_key, BigInteger)).label("key"))
                  .join(User, User.id == Booking.user_id).where(*paid)
                  .group_by(Booking.user_id).subquery())
    people, people_keys, bookings, booking_keys = session.execute(select(
        func.count(), func.coalesce(func.sum(per_person.c.key), 0),
        func.coalesce(func.sum(per_person.c.bookings), 0),
        func.coalesce(func.sum(per_person.c.key * per_person.c.bookings), 0),
    )).one()
    per_partner = (select(func.sum(Booking.top_up_cents).label("cents"))
                   .join(Offer, Offer.id == Booking.offer_id)
                   .join(Venue, Venue.id == Offer.venue_id)
                   .where(*paid).group_by(Venue.structure_id).subquery())
    cents, partners, largest = session.execute(select(
        func.coalesce(func.sum(per_partner.c.cents), 0), func.count(),
        func.coalesce(func.max(per_partner.c.cents), 0))).one()
    spent = protect_amount(Amount(int(cents), partners, int(largest)))
    remaining = (spent if spent.is_secret
                 else Figure.published(programme.budget_cents - spent.value))
    return Consumption(protect_count(Count(people, int(people_keys))),
                       protect_count(Count(int(bookings), int(booking_keys))), spent, remaining)


@dataclass(frozen=True)
class OfficerMandate:
    """A validated officer's mandate as staff see it when granting the permission."""

    mandate: LocalGovernmentMandate
    officer: User
    territory_name: str
    permitted: bool


def officer_mandates(session: Session) -> list[OfficerMandate]:
    """Every validated mandate with its officer, its territory's name and whether it may fund
    top-ups, by territory."""
    permitted = permitted_mandates(session)
    rows = session.execute(
        select(LocalGovernmentMandate, User)
        .join(User, User.id == LocalGovernmentMandate.user_id)
        .where(LocalGovernmentMandate.status == MandateStatus.VALIDATED)
        .order_by(LocalGovernmentMandate.territory_kind, LocalGovernmentMandate.territory_code,
                  User.email))
    return [OfficerMandate(mandate, officer,
                           territory_name(session, mandate.territory_kind,
                                          mandate.territory_code) or mandate.territory_code,
                           mandate.id in permitted)
            for mandate, officer in rows]
