"""Queries on offers, starting with the one rule every audience shares: what is bookable now."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models.offerers.models import Structure, StructureStatus, Venue
from models.offers.models import (
    Offer,
    OfferPageVersion,
    Stock,
    Validation,
    VenuePageVersion,
)


def bookable_stock_clause(now: dt.datetime):
    """A stock can be booked: not deleted, places left, booking still open, event not begun."""
    return and_(
        Stock.is_deleted.is_(False),
        or_(Stock.quantity.is_(None), Stock.booked_quantity < Stock.quantity),
        or_(Stock.booking_limit_at.is_(None), Stock.booking_limit_at > now),
        or_(Stock.beginning_at.is_(None), Stock.beginning_at > now),
    )


def shown_offer_clause():
    """An offer young people may see: approved, active, from a validated structure.

    The caller joins `Venue` and `Structure`.
    """
    return and_(
        Offer.validation == Validation.APPROVED,
        Offer.is_active.is_(True),
        Structure.status == StructureStatus.VALIDATED,
    )


def bookable_offers_query(now: dt.datetime):
    """Select offers that are shown and have at least one bookable stock."""
    has_bookable_stock = exists().where(Stock.offer_id == Offer.id, bookable_stock_clause(now))
    return (
        select(Offer)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .where(shown_offer_clause(), has_bookable_stock)
    )


def count_bookable_offers(session: Session, now: dt.datetime, commune_codes_query=None) -> int:
    query = bookable_offers_query(now)
    if commune_codes_query is not None:
        query = query.where(Venue.commune_code.in_(commune_codes_query))
    return session.scalar(select(func.count()).select_from(query.subquery()))


def count_offers_by_validation(session: Session) -> dict[Validation, int]:
    rows = session.execute(select(Offer.validation, func.count()).group_by(Offer.validation))
    return dict(rows.all())


def shown_offer(session: Session, offer_id: int) -> Offer | None:
    """An offer young people may open, with what its page needs loaded; None otherwise."""
    return session.scalars(
        select(Offer)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .where(Offer.id == offer_id, shown_offer_clause())
        .options(
            joinedload(Offer.venue).joinedload(Venue.commune),
            joinedload(Offer.image),
            selectinload(Offer.stocks).joinedload(Stock.price_category),
        )
    ).first()


def open_stocks(offer: Offer, now: dt.datetime) -> list[Stock]:
    """The offer's stocks still to come, in date order (sold-out ones included, to say so)."""
    return [
        stock
        for stock in offer.stocks
        if not stock.is_deleted
        and (stock.beginning_at is None or stock.beginning_at > now)
    ]


def _page_versions_statement():
    return (
        select(OfferPageVersion.version, VenuePageVersion.version)
        .select_from(Offer)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .outerjoin(OfferPageVersion, OfferPageVersion.offer_id == Offer.id)
        .outerjoin(VenuePageVersion, VenuePageVersion.venue_id == Venue.id)
        .where(Offer.id == bindparam("offer_id"), shown_offer_clause())
    )


# Built once: building a select with its joins costs more than running it (about 0.8 ms of
# CPU against 0.3), and this one runs for every view of an offer page.
_PAGE_VERSIONS = _page_versions_statement()


def offer_page_versions(session: Session, offer_id: int) -> tuple[int, int] | None:
    """The versions of what the offer's page shows (the offer with its stocks, prices, reviews
    and image; its venue), or None when young people may not see the offer (rejected, inactive,
    structure not validated, unknown): one indexed read, the page cache's only statement on a
    hit (docs/domain/caching.md)."""
    row = session.execute(_PAGE_VERSIONS, {"offer_id": offer_id}).first()
    return None if row is None else (row[0] or 0, row[1] or 0)
