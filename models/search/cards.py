"""The few facts an offer card shows, read in one query for a list of offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session

from models.db import UtcDateTime
from models.geo import Point, distance_km
from models.offerers.models import Venue
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import Image, Offer, Stock
from models.offers.repository import bookable_stock_clause
from models.search.budget import Budget


@dataclass(frozen=True)
class CardImage:
    id: int
    checksum: str
    width: int
    height: int
    alt_text: str | None


@dataclass(frozen=True)
class OfferCard:
    """An offer as a card: what it is, where, for how much, when next, and if it is in reach."""

    id: int
    name: str
    subcategory_id: str
    is_duo: bool
    venue_name: str
    is_online: bool
    price_cents: int
    next_at: dt.datetime | None
    image: CardImage | None
    distance_km: float | None = None
    over_budget: bool = False

    @property
    def category_id(self) -> str:
        return SUBCATEGORIES[self.subcategory_id].category_id

    def judged(self, budget: Budget | None) -> OfferCard:
        """The same card, marked when its lowest price is above the person's budget."""
        if budget is None:
            return self
        return replace(self, over_budget=not budget.covers(self.price_cents, self.subcategory_id))


def lowest_price(now: dt.datetime, stock_clause=None, offer_id=Offer.id):
    """Correlated SQL: the lowest price among the offer's bookable (and matching) stocks."""
    clauses = [Stock.offer_id == offer_id, bookable_stock_clause(now)]
    if stock_clause is not None:
        clauses.append(stock_clause)
    return select(func.min(Stock.price_cents)).where(*clauses).scalar_subquery()


def next_date(now: dt.datetime, stock_clause=None, offer_id=Offer.id):
    """Correlated SQL: the first date among the offer's bookable (and matching) stocks."""
    clauses = [Stock.offer_id == offer_id, bookable_stock_clause(now)]
    if stock_clause is not None:
        clauses.append(stock_clause)
    return select(func.min(Stock.beginning_at)).where(*clauses).scalar_subquery()


def card_columns(now: dt.datetime, stock_clause=None) -> list:
    """The columns `card_from_row` reads, for a query joining Venue and outer-joining Image."""
    return [
        Offer.id, Offer.name, Offer.subcategory_id, Offer.is_duo,
        Venue.name.label("venue_name"), Venue.public_name, Venue.is_virtual,
        Venue.latitude, Venue.longitude,
        Image.id.label("image_id"), Image.checksum, Image.width, Image.height, Image.alt_text,
        lowest_price(now, stock_clause).label("price_cents"),
        next_date(now, stock_clause).label("next_at"),
    ]


def card_from_row(row, center: Point | None) -> OfferCard:
    subcategory = SUBCATEGORIES[row.subcategory_id]
    is_online = row.is_virtual or subcategory.is_online_only
    distance = None
    if center is not None and not is_online and row.latitude is not None:
        distance = distance_km(center, Point(row.latitude, row.longitude))
    next_at = row.next_at
    if isinstance(next_at, str):
        # A MIN() over a timestamp comes back from SQLite as text, outside the column's type.
        next_at = dt.datetime.fromisoformat(next_at).replace(tzinfo=dt.UTC)
    elif next_at is not None and next_at.tzinfo is None:
        next_at = next_at.replace(tzinfo=dt.UTC)
    image = None
    if row.image_id is not None:
        image = CardImage(row.image_id, row.checksum, row.width, row.height, row.alt_text)
    return OfferCard(
        id=row.id, name=row.name, subcategory_id=row.subcategory_id, is_duo=row.is_duo,
        venue_name=row.public_name or row.venue_name, is_online=is_online,
        price_cents=row.price_cents or 0, next_at=next_at, image=image, distance_km=distance,
    )


def cards_statement(now, stock_clause=None, where=()):
    """The cards' select for the ids bound as `ids`; `now` may be a bound parameter, so that a
    statement used on every request is built once (`prebuilt_cards`)."""
    return (
        select(*card_columns(now, stock_clause))
        .join(Venue, Venue.id == Offer.venue_id)
        .outerjoin(Image, Image.id == Offer.image_id)
        .where(Offer.id.in_(bindparam("ids", expanding=True)), *where)
    )


def core_connection(session: Session) -> Connection:
    """The session's connection, to run a statement built once without the ORM around it.

    The ORM's execution path (its compile state, its result wrapping) cost more CPU than SQLite
    running the deck's small statements: for selects of columns and the deck's upsert, which
    neither load nor change mapped objects, the connection gives the same rows in the same
    transaction. Pending changes are flushed first, as the session's own execution would.
    """
    session.flush()
    return session.connection()


# The moment of the request, bound at each execution of a statement built once.
NOW = bindparam("now", type_=UtcDateTime)
_PLAIN_CARDS = cards_statement(NOW)


def load_cards(
    session: Session, offer_ids: list[int], now: dt.datetime, center: Point | None,
    stock_clause=None, where=(), statement=None,
) -> list[OfferCard]:
    """Cards of `offer_ids`, in that order, in one query.

    With `stock_clause`, the price and date shown are those of the stocks matching it; offers
    failing the clauses of `where` are left out. `statement`, built once with `NOW` for the
    moment, stands for both (building a select costs more CPU than running it).
    """
    if not offer_ids:
        return []
    if statement is None and stock_clause is None and not where:
        statement = _PLAIN_CARDS
    if statement is not None:
        rows = core_connection(session).execute(statement, {"ids": list(offer_ids), "now": now})
    else:
        rows = session.execute(cards_statement(now, stock_clause, where),
                               {"ids": list(offer_ids)})
    cards = {row.id: card_from_row(row, center) for row in rows}
    return [cards[offer_id] for offer_id in offer_ids if offer_id in cards]
