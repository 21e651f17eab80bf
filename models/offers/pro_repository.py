"""Queries of the pro's offer pages: only ever the offers of the member's own structures."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models.offerers.models import Venue
from models.offers.models import Offer, OfferChange, Stock
from models.offers.state import OfferState, state_clause
from models.users.capacities import managed_structure_ids
from models.users.models import User

PAGE_SIZE = 50


def member_venues(session: Session, person: User) -> list[Venue]:
    """The venues of the structures `person` is a validated member of, physical ones first."""
    return list(session.scalars(
        select(Venue).where(Venue.structure_id.in_(managed_structure_ids(session, person)))
        .options(joinedload(Venue.structure))
        .order_by(Venue.structure_id, Venue.is_virtual, Venue.name)
    ))


def member_offers(session: Session, person: User, *, now: dt.datetime,
                  venue_id: int | None = None, state: OfferState | None = None,
                  page: int = 1) -> tuple[list[Offer], int]:
    """One page of the member's offers, newest first, and how many match in all."""
    query = (select(Offer).join(Venue, Venue.id == Offer.venue_id)
             .where(Venue.structure_id.in_(managed_structure_ids(session, person))))
    if venue_id is not None:
        query = query.where(Offer.venue_id == venue_id)
    if state is not None:
        query = query.where(state_clause(state, now))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    offers = session.scalars(
        query.options(joinedload(Offer.venue), selectinload(Offer.stocks))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).unique().all()
    return list(offers), total


def offer_history(session: Session, offer: Offer) -> list[OfferChange]:
    """The changes of a published offer, latest first."""
    return list(session.scalars(
        select(OfferChange).where(OfferChange.offer_id == offer.id)
        .options(joinedload(OfferChange.user))
        .order_by(OfferChange.at.desc(), OfferChange.id.desc())
    ))


def live_stocks(session: Session, offer: Offer) -> list[Stock]:
    return list(session.scalars(
        select(Stock).where(Stock.offer_id == offer.id, Stock.is_deleted.is_(False))
        .order_by(Stock.beginning_at, Stock.id)
    ))
