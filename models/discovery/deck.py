"""The discovery deck: which offers are candidates for a person, and which card comes next.

Candidates are the offers bookable now (the very clauses of `bookable_offers_query`) within
the radius of the person's position, plus online offers, minus those the history hides. To
keep the ranking cheap at national scale the database returns, per subcategory, only the
nearest few: inside a subcategory the ranking's factors other than distance are equal
(affinity, exploration) or small (jitter), so the best cards are always among them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from models.discovery.history import PENDING_HOURS
from models.discovery.models import DeckAction
from models.discovery.pools import REFILL_SHARE, Pool
from models.discovery.ranking import Affinity, Candidate, diversified, score
from models.geo import Point, distance_km
from models.offerers.models import Structure, Venue
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import Offer, Stock
from models.offers.repository import bookable_stock_clause, shown_offer_clause
from models.search.budget import Budget
from models.search.cards import NOW, OfferCard, cards_statement, load_cards, lowest_price
from models.search.criteria import DEFAULT_RADIUS_KM, SearchCriteria, has_matching_stock
from models.search.planner import likely
from models.search.proximity import squared_distance_km2, within_radius

CANDIDATES_PER_SUBCATEGORY = 12
ONLINE_CANDIDATES = 120


@dataclass(frozen=True)
class DeckFilters:
    category_ids: tuple[str, ...] = ()
    radius_km: int = DEFAULT_RADIUS_KM
    free_only: bool = False

    def subcategory_ids(self) -> list[str] | None:
        if not self.category_ids:
            return None
        return [sub.id for sub in SUBCATEGORIES.values() if sub.category_id in self.category_ids]


RINGS_KM = (2, 5, 15)
ENOUGH_CANDIDATES = 100
ENOUGH_CATEGORIES = 5


def _common_clauses(now: dt.datetime, filters: DeckFilters, excluded, keep: int | None) -> list:
    clauses = []
    subcategories = filters.subcategory_ids()
    if subcategories is not None:
        clauses.append(Offer.subcategory_id.in_(subcategories))
    if filters.free_only:
        clauses.append(has_matching_stock(SearchCriteria(free_only=True), now))
    if excluded is not None:
        hidden = Offer.id.not_in(excluded)
        clauses.append(or_(Offer.id == keep, hidden) if keep is not None else hidden)
    return clauses


def _bookable(now: dt.datetime, order_by):
    """`bookable_offers_query(now)` built from the same clauses, ranked per subcategory by
    `order_by` when given.

    The offer's own conditions are hinted as `likely()`, so that SQLite starts from the venues
    near the person rather than from every shown offer (see `models.search.planner`).
    """
    has_bookable_stock = _has_bookable_stock(now)
    columns = [Offer.id, Offer.subcategory_id, Venue.latitude, Venue.longitude, Venue.is_virtual]
    if order_by is not None:
        columns.append(func.row_number().over(partition_by=Offer.subcategory_id,
                                              order_by=order_by).label("position"))
    return (
        select(*columns)
        .select_from(Offer)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .where(likely(shown_offer_clause()), has_bookable_stock)
    )


def _rings(radius_km: int) -> list[float]:
    return [ring for ring in RINGS_KM if ring < radius_km] + [radius_km]


def _wider(radius: float, maximum: int, found: list[Candidate]) -> float:
    """The next circle, skipping those that the density seen so far says will not do.

    Offers grow with the area: a circle holding n candidates suggests that enough of them lie
    within radius × √(enough / n).
    """
    nearby = sum(1 for candidate in found if candidate.distance_km is not None)
    wanted = radius * math.sqrt(ENOUGH_CANDIDATES / max(nearby, 1))
    return next((ring for ring in _rings(maximum) if ring > radius and ring >= wanted), maximum)


def _enough(found: list[Candidate], filters: DeckFilters) -> bool:
    nearby = [candidate for candidate in found if candidate.distance_km is not None]
    wanted = min(ENOUGH_CATEGORIES, len(filters.category_ids) or ENOUGH_CATEGORIES)
    categories = {candidate.category_id for candidate in nearby}
    return len(nearby) >= ENOUGH_CANDIDATES and len(categories) >= wanted


def candidates(
    session: Session, now: dt.datetime, center: Point, filters: DeckFilters,
    excluded=None, keep: int | None = None,
) -> list[Candidate]:
    """The offers the deck may show, nearest first within each subcategory.

    `excluded` (ids, or a subquery of ids) are left out, except `keep`. Where offers are dense
    the deck looks no further than it needs: it reads the offers within 2 km, then within 5 or
    15 km (as the density seen so far suggests), then the whole radius, and stops as soon as it
    has enough candidates in enough categories. An offer beyond has a fraction of a near one's
    score, so it would rarely be served anyway. Online offers, the same from anywhere, are the
    newest few (one more query).
    """
    common = _common_clauses(now, filters, excluded, keep)
    price_clause = Stock.price_cents == 0 if filters.free_only else None
    nearness = squared_distance_km2(Venue.latitude, Venue.longitude, center)
    online = _priced(now, price_clause, _bookable(now, None).where(
        Venue.is_virtual.is_(True), *common,
    ).order_by(Offer.id.desc()).limit(ONLINE_CANDIDATES))
    found = _per_subcategory(_from_rows(session.execute(online), center, 0))
    radius = _rings(filters.radius_km)[0]
    while True:
        nearby = _bookable(now, [nearness, Offer.id]).where(
            Venue.is_virtual.is_(False),
            within_radius(Venue.latitude, Venue.longitude, center, radius),
            *common,
        ).subquery()
        rows = session.execute(_priced(now, price_clause, select(nearby).where(
            nearby.c.position <= CANDIDATES_PER_SUBCATEGORY)))
        found = [c for c in found if c.distance_km is None] + _from_rows(rows, center, radius)
        if radius == filters.radius_km or _enough(found, filters):
            break
        radius = _wider(radius, filters.radius_km, found)
    if keep is not None and all(candidate.offer_id != keep for candidate in found):
        # The card left unanswered may lie beyond the circles read this time.
        kept = _priced(now, price_clause, _bookable(now, None).where(Offer.id == keep, *common))
        found += _from_rows(session.execute(kept), center, filters.radius_km)
    return found


def _priced(now: dt.datetime, price_clause, query):
    """The query's rows with their lowest price, read for those rows only."""
    ranked = query.subquery()
    return select(ranked, lowest_price(now, price_clause, ranked.c.id).label("price_cents"))


def _per_subcategory(found: list[Candidate]) -> list[Candidate]:
    kept, counts = [], Counter()
    for candidate in found:
        counts[candidate.subcategory_id] += 1
        if counts[candidate.subcategory_id] <= CANDIDATES_PER_SUBCATEGORY:
            kept.append(candidate)
    return kept


def _from_rows(rows, center: Point, radius: float) -> list[Candidate]:
    found = []
    for row in rows:
        distance = None
        if not row.is_virtual and row.latitude is not None:
            distance = distance_km(center, Point(row.latitude, row.longitude))
            if distance > radius:
                continue
        found.append(Candidate(row.id, row.subcategory_id, distance, row.price_cents or 0))
    return found


def rank(found: list[Candidate], signals, budget: Budget | None, seed: int,
         now: dt.datetime) -> list[Candidate]:
    """Candidates ordered by score, best first."""
    affinity = Affinity(signals.counts)
    day = now.date()

    def value(candidate: Candidate) -> float:
        within = budget is None or budget.covers(candidate.price_cents, candidate.subcategory_id)
        return score(candidate, affinity, within, seed, day)

    return sorted(found, key=lambda candidate: (-value(candidate), candidate.offer_id))


def next_cards(
    session: Session, history, center: Point, filters: DeckFilters, budget: Budget | None,
    now: dt.datetime, count: int = 1, pools=None,
) -> list[OfferCard]:
    """The next `count` cards for the person whose `history` is given, without recording.

    With `pools` (see `models.discovery.pools`), the candidates come from the person's pool
    when it is still good, so a swipe costs the same whatever the size of the catalogue.
    """
    signals = history.signals(now)
    pending = signals.pending_offer_id(now, PENDING_HOURS)
    key = _pool_key(history, center, filters, now)
    found = None
    if pools is not None:
        found = _from_pool(pools.get(key), history.excluded_ids, pending, now)
    pooled = found is not None
    if not pooled:
        found = candidates(session, now, center, filters, history.excluded(now), keep=pending)
        if pools is not None:
            pools.put(key, Pool(tuple(found), now))
    chosen = _chosen(found, signals, budget, history.seed, now, pending, count)
    cards = load_cards(session, [candidate.offer_id for candidate in chosen], now, center,
                       statement=_POOLED_CARDS if pooled else None)
    if pooled and len(cards) < len(chosen):
        # A card of the pool is no longer bookable: read the candidates again.
        pools.drop(key)
        return next_cards(session, history, center, filters, budget, now, count, pools)
    return [card.judged(budget) for card in cards]


def _chosen(found: list[Candidate], signals, budget: Budget | None, seed: int,
            now: dt.datetime, pending: int | None, count: int) -> list[Candidate]:
    ordered = rank(found, signals, budget, seed, now)
    previous = [item.category_id for item in reversed(signals.recent) if item.offer_id != pending]
    kept = [candidate for candidate in ordered if candidate.offer_id == pending]
    rest = [candidate for candidate in ordered if candidate.offer_id != pending]
    return kept + diversified(rest, previous + [c.category_id for c in kept], count - len(kept))


def _still_bookable(now: dt.datetime) -> list:
    """The clauses of `bookable_offers_query` for a query already joining Venue."""
    return [Structure.id == Venue.structure_id, shown_offer_clause(), _has_bookable_stock(now)]


def _has_bookable_stock(now: dt.datetime):
    return exists().where(Stock.offer_id == Offer.id, bookable_stock_clause(now))


# The card served from a pool, checked still shown and bookable: built once (lever 3 of
# issue 14, docs/domain/discovery.md).
_POOLED_CARDS = cards_statement(NOW, where=_still_bookable(NOW))


def _pool_key(history, center: Point, filters: DeckFilters, now: dt.datetime) -> str:
    categories = ",".join(sorted(filters.category_ids))
    return (f"{history.key}|{center.latitude:.5f},{center.longitude:.5f}|{categories}|"
            f"{filters.radius_km}|{int(filters.free_only)}|{now.date().isoformat()}")


def _from_pool(pool: Pool | None, excluded_ids, pending: int | None,
               now: dt.datetime) -> list[Candidate] | None:
    """The pool's candidates the person may see now, or None when the pool will not do."""
    if pool is None or not pool.fresh(now):
        return None
    hidden = excluded_ids(now)
    left = [c for c in pool.candidates if c.offer_id == pending or c.offer_id not in hidden]
    if len(left) < len(pool.candidates) * REFILL_SHARE or not left:
        return None
    if pending is not None and all(candidate.offer_id != pending for candidate in left):
        return None
    return left


def record_shown(history, card: OfferCard, now: dt.datetime) -> None:
    """Record that `card` was brought by an answer, so the deck moves on once it is answered.

    Only an answer records (a POST, in its own short unit of work): loading the deck page reads
    only. The last card recorded and not answered is served again (a reload, or a return from
    the offer's page, shows the same card) as long as it still matches the filters.
    """
    history.record(card.id, card.subcategory_id, DeckAction.SEEN, now)


def shown_card(
    session: Session, history, center: Point, filters: DeckFilters, budget: Budget | None,
    now: dt.datetime, pools=None,
) -> OfferCard | None:
    """The card to show now, without recording anything: loading the deck page only reads.

    The ranking is deterministic for a person and a day, so loading the page again shows the
    same card until it is answered.
    """
    cards = next_cards(session, history, center, filters, budget, now, pools=pools)
    return cards[0] if cards else None
