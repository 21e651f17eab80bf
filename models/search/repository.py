"""The search query: matching offers, counted, sorted and cut into pages.

Three kinds of statements: the page's offer ids in order, their count, and the page's cards;
a search by words sorted by relevance gets the first two from one statement (the ranked ids up
to the count's limit), since both score every match.
Broad searches (no words, a wide radius) match tens of thousands of offers at national scale,
so the work is bounded: the count stops at 1,000 ("plus de 1 000 offres"); when the order is
the distance the page is looked for within 2, 5, 15 and 50 km first, the nearest offers being
necessarily inside the first circle that holds a full page of them; likewise, when the order is
the date, among the events of the next 3, 14 and 60 days first, found from the stocks' date
index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.offerers.models import Structure, Venue
from models.offers.models import Offer, OfferPageVersion, Stock, VenuePageVersion
from models.offers.repository import bookable_stock_clause, shown_offer_clause
from models.search.budget import Budget
from models.search.cards import OfferCard, load_cards, lowest_price, next_date
from models.search.criteria import Format, SearchCriteria, Sort, offer_clauses, stock_clause
from models.search.fulltext import matching_offers
from models.search.planner import likely
from models.search.proximity import squared_distance_km2, within_radius
from models.search.text import search_terms

PAGE_SIZE = 20
COUNT_LIMIT = 1000
RINGS_KM = (2, 5, 15, 50)
HORIZONS_DAYS = (3, 14, 60)


@dataclass(frozen=True)
class SearchPage:
    cards: list[OfferCard]
    total: int  # at most COUNT_LIMIT + 1: "more than COUNT_LIMIT"
    page: int
    page_size: int = PAGE_SIZE

    @property
    def total_is_lower_bound(self) -> bool:
        return self.total > COUNT_LIMIT

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def last_rank(self) -> int:
        return self.first_rank + len(self.cards) - 1

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total


def effective_sort(criteria: SearchCriteria) -> Sort:
    """The order actually used: relevance needs words, distance needs a place."""
    sort = criteria.sort
    if sort is Sort.RELEVANCE and not search_terms(criteria.text):
        sort = Sort.DISTANCE
    if sort is Sort.DISTANCE and criteria.center is None:
        sort = Sort.DATE
    return sort


def _order_by(criteria: SearchCriteria, sort: Sort, now: dt.datetime, relevance):
    """The ORDER BY of a sort; price and date are computed only when they are the order."""
    distance = (
        squared_distance_km2(Venue.latitude, Venue.longitude, criteria.center)
        if criteria.center is not None else None
    )
    # Places without coordinates (online offers) come after the nearest ones.
    by_distance = [Venue.latitude.is_(None), distance] if distance is not None else []
    if sort is Sort.RELEVANCE and relevance is not None:
        orders = [relevance.desc(), *by_distance]
    elif sort is Sort.DATE:
        next_at = next_date(now, stock_clause(criteria))
        orders = [next_at.is_(None), next_at, *by_distance]
    elif sort is Sort.PRICE:
        orders = [lowest_price(now, stock_clause(criteria)), *by_distance]
    else:
        orders = by_distance
    return [*orders, Offer.id.desc()]


def search_offers(
    session: Session, criteria: SearchCriteria, now: dt.datetime, page: int = 1,
    budget: Budget | None = None, rankings=None,
) -> SearchPage:
    """One page of the offers matching `criteria`, and how many there are (up to 1,001).

    Cards above `budget` are marked, never left out (unless the criteria ask for it). With
    `rankings` (a store, models/cache_store.py), a search by words sorted by relevance keeps its
    ranked ids for RANKING_TTL and serves the next pages and the same search from them
    (docs/domain/search.md).
    """
    terms = search_terms(criteria.text)
    # The offer's own conditions are hinted as likely(): SQLite must start from the words'
    # matches or the venues' coordinates, not from every shown offer of France.
    matching = (
        select(Offer.id)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .where(likely(shown_offer_clause()), *offer_clauses(criteria, now))
    )
    filtered = matching  # every condition but the words
    relevance = None
    if terms:
        matches = matching_offers(session.get_bind().dialect.name, terms)
        matching = matching.join(matches, matches.c.offer_id == Offer.id)
        relevance = matches.c.relevance
    offset = (page - 1) * PAGE_SIZE
    if relevance is not None and effective_sort(criteria) is Sort.RELEVANCE \
            and offset + PAGE_SIZE <= COUNT_LIMIT + 1:
        # Ranking by relevance scores every match whatever the page, and counting them did the
        # same work again: one statement gives the ranked ids up to the count's limit, the
        # page is cut from them and their number is the count.
        key = _ranking_key(session, criteria, now)
        kept = rankings.get(key) if rankings is not None else None
        if kept is not None and kept.fresh(now):
            cards = _kept_page(session, kept, offset, filtered, criteria, now)
            if cards is not None:
                return SearchPage([card.judged(budget) for card in cards], len(kept.rows), page)
            rankings.drop(key)
        rows = session.execute(
            matching.add_columns(OfferPageVersion.version, VenuePageVersion.version)
            .outerjoin(OfferPageVersion, OfferPageVersion.offer_id == Offer.id)
            .outerjoin(VenuePageVersion, VenuePageVersion.venue_id == Venue.id)
            .order_by(*_order_by(criteria, Sort.RELEVANCE, now, relevance))
            .limit(COUNT_LIMIT + 1)).all()
        if rankings is not None:
            rankings.put(key, Ranking(tuple(tuple(row) for row in rows), now.timestamp()))
        ids, total = [row[0] for row in rows[offset:offset + PAGE_SIZE]], len(rows)
    else:
        ids = _page_ids(session, matching, criteria, now, relevance, page)
        total = session.scalar(
            select(func.count()).select_from(matching.limit(COUNT_LIMIT + 1).subquery())
        )
    cards = load_cards(session, ids, now, criteria.center, stock_clause(criteria))
    return SearchPage([card.judged(budget) for card in cards], total, page)


RANKING_TTL = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Ranking:
    """The ranked matches of a search by words: (offer id, offer version, venue version)."""

    rows: tuple[tuple[int, int | None, int | None], ...]
    built_at: float

    def fresh(self, now: dt.datetime) -> bool:
        return self.built_at <= now.timestamp() < self.built_at + RANKING_TTL.total_seconds()

    def to_json(self) -> str:
        return json.dumps({"rows": self.rows, "at": self.built_at})

    @classmethod
    def from_json(cls, text: str | bytes) -> Ranking:
        data = json.loads(text)
        return cls(tuple(tuple(row) for row in data["rows"]), data["at"])


def _ranking_key(session: Session, criteria: SearchCriteria, now: dt.datetime) -> str:
    described = f"{session.get_bind().dialect.name}|{now.date().isoformat()}|{criteria!r}"
    return hashlib.sha256(described.encode()).hexdigest()


def _kept_page(session: Session, kept: Ranking, offset: int, filtered, criteria: SearchCriteria,
               now: dt.datetime) -> list[OfferCard] | None:
    """The page's cards from a kept ranking, or None when one of them changed since (its text,
    its venue: versions differ) or no longer passes the other conditions (withdrawn, sold
    out...): `filtered` is the search's query without the words, asked for the page's ids."""
    rows = kept.rows[offset:offset + PAGE_SIZE]
    ids = [row[0] for row in rows]
    if not ids:
        return []
    current = session.execute(
        filtered.add_columns(OfferPageVersion.version, VenuePageVersion.version)
        .outerjoin(OfferPageVersion, OfferPageVersion.offer_id == Offer.id)
        .outerjoin(VenuePageVersion, VenuePageVersion.venue_id == Venue.id)
        .where(Offer.id.in_(ids))
    ).all()
    if {tuple(row) for row in current} != set(rows):
        return None
    cards = load_cards(session, ids, now, criteria.center, stock_clause(criteria))
    return cards if len(cards) == len(ids) else None


def _page_ids(session: Session, matching, criteria: SearchCriteria, now: dt.datetime,
              relevance, page: int) -> list[int]:
    sort = effective_sort(criteria)
    order = _order_by(criteria, sort, now, relevance)
    offset = (page - 1) * PAGE_SIZE
    narrower = []
    if sort is Sort.DISTANCE and criteria.format is not Format.ONLINE:
        narrower = [
            matching.where(
                Venue.is_virtual.is_(False),
                within_radius(Venue.latitude, Venue.longitude, criteria.center, radius),
            )
            for radius in _rings(criteria.radius_km)
        ]
    elif sort is Sort.DATE:
        narrower = [matching.where(Offer.id.in_(_events_before(criteria, now, days)))
                    for days in HORIZONS_DAYS]
    for query in narrower:
        ids = list(session.scalars(query.order_by(*order).limit(PAGE_SIZE).offset(offset)))
        if len(ids) == PAGE_SIZE:
            return ids
    return list(session.scalars(matching.order_by(*order).limit(PAGE_SIZE).offset(offset)))


def _events_before(criteria: SearchCriteria, now: dt.datetime, days: int):
    """Ids of offers with a matching bookable stock starting within `days` (date index)."""
    clauses = [Stock.beginning_at < now + dt.timedelta(days=days), bookable_stock_clause(now)]
    matching = stock_clause(criteria)
    if matching is not None:
        clauses.append(matching)
    query = select(Stock.offer_id).where(*clauses)
    # The budget's digital cap reads the offer's subcategory.
    return query.join(Offer, Offer.id == Stock.offer_id) if criteria.within_budget else query


def _rings(radius_km: int | None) -> list[int]:
    return [ring for ring in RINGS_KM if radius_km is None or ring < radius_km]
