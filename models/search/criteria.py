"""What a search asks for, as plain data the web layer fills from the URL.

The map shares these criteria: `offer_clauses` and `stock_clause` are the filters in SQL, to
combine with any query that joins `Offer`, `Venue` and `Structure`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, select

from models.geo import Point
from models.offerers.models import Venue
from models.offers.catalogue import CATEGORIES, SUBCATEGORIES
from models.offers.models import Offer, Stock
from models.offers.repository import bookable_stock_clause
from models.search.budget import Budget
from models.search.proximity import within_radius

DEFAULT_RADIUS_KM = 50
MAX_RADIUS_KM = 100


class DateWindow(StrEnum):
    TODAY = "today"
    WEEKEND = "weekend"
    WEEK = "week"
    CUSTOM = "custom"


class Format(StrEnum):
    ON_SITE = "on_site"
    ONLINE = "online"


class Sort(StrEnum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"
    DATE = "date"
    PRICE = "price"


class AccessibilityNeed(StrEnum):
    HEARING = "hearing"
    MENTAL = "mental"
    MOTOR = "motor"
    VISUAL = "visual"


@dataclass(frozen=True)
class SearchCriteria:
    """Every filter of the search page; empty values filter nothing.

    `radius_km` None means all of France. Prices are in cents. `starts`/`ends` bound the dates
    of events (UTC, end excluded); with either set, only events in that window match.
    """

    text: str = ""
    category_id: str | None = None
    subcategory_id: str | None = None
    starts: dt.datetime | None = None
    ends: dt.datetime | None = None
    min_price_cents: int | None = None
    max_price_cents: int | None = None
    free_only: bool = False
    within_budget: Budget | None = None
    duo_only: bool = False
    format: Format | None = None
    accessibility: frozenset[AccessibilityNeed] = field(default_factory=frozenset)
    center: Point | None = None
    radius_km: int | None = DEFAULT_RADIUS_KM
    sort: Sort = Sort.RELEVANCE

    def subcategory_ids(self) -> list[str] | None:
        if self.subcategory_id:
            return [self.subcategory_id]
        if self.category_id:
            return [sub.id for sub in SUBCATEGORIES.values() if sub.category_id == self.category_id]
        return None

    @property
    def has_dates(self) -> bool:
        return self.starts is not None or self.ends is not None


def stock_clause(criteria: SearchCriteria):
    """SQL on `Stock` (joined to its offer): a stock matching the price, date and budget filters.

    The caller adds `bookable_stock_clause`; `has_matching_stock` does both.
    """
    clauses = []
    if criteria.free_only:
        clauses.append(Stock.price_cents == 0)
    if criteria.min_price_cents is not None:
        clauses.append(Stock.price_cents >= criteria.min_price_cents)
    if criteria.max_price_cents is not None:
        clauses.append(Stock.price_cents <= criteria.max_price_cents)
    if criteria.starts is not None:
        clauses.append(Stock.beginning_at >= criteria.starts)
    if criteria.ends is not None:
        clauses.append(Stock.beginning_at < criteria.ends)
    if criteria.within_budget is not None:
        clauses.append(criteria.within_budget.stock_clause())
    return and_(*clauses) if clauses else None


def has_matching_stock(criteria: SearchCriteria, now: dt.datetime, *, after_venue: bool = False):
    """SQL on `Offer`: it has a bookable stock matching the stock filters.

    With `after_venue` (the caller joins `Venue`), the condition also names the offer's venue,
    which changes nothing to its truth but makes SQLite check it only once the venue is read:
    after the radius has left out most offers, instead of reading the stocks of every offer a
    word matches in France (9.6 ms instead of 14.3 for "concert" at 100,000 offers).
    """
    clauses = [Stock.offer_id == Offer.id, bookable_stock_clause(now)]
    if after_venue:
        clauses.append(Venue.id == Offer.venue_id)
    matching = stock_clause(criteria)
    if matching is not None:
        clauses.append(matching)
    # Selecting the id rather than `*` lets SQLite answer from a covering index of stock.
    return exists(select(Stock.id).where(*clauses))


def offer_clauses(criteria: SearchCriteria, now: dt.datetime) -> list:
    """SQL clauses on `Offer` and `Venue` for every filter except the text."""
    nearby_only = criteria.center is not None and criteria.radius_km is not None
    clauses = [has_matching_stock(criteria, now, after_venue=nearby_only)]
    subcategories = criteria.subcategory_ids()
    if subcategories is not None:
        clauses.append(Offer.subcategory_id.in_(subcategories))
    if criteria.duo_only:
        clauses.append(Offer.is_duo.is_(True))
    if criteria.format is Format.ONLINE:
        clauses.append(Venue.is_virtual.is_(True))
    elif criteria.format is Format.ON_SITE:
        clauses.append(Venue.is_virtual.is_(False))
    for need in sorted(criteria.accessibility):
        clauses.append(getattr(Offer, f"accessibility_{need.value}").is_(True))
    if criteria.center is not None and criteria.radius_km is not None:
        # Online offers have no place: they are found from anywhere.
        nearby = within_radius(Venue.latitude, Venue.longitude, criteria.center, criteria.radius_km)
        clauses.append(nearby if criteria.format is Format.ON_SITE else (Venue.is_virtual | nearby))
    return clauses


def _local_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC)


def window_days(window: DateWindow, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last local day (both included) of a named date choice.

    "Ce week-end" is the coming Saturday and Sunday; on a Saturday it is today and tomorrow,
    on a Sunday only today (what is left of the weekend; docs/domain/dates.md). "Cette
    semaine" runs from today to Sunday. A custom range has no named days: None.
    """
    if window is DateWindow.TODAY:
        return today, today
    if window is DateWindow.WEEKEND:
        sunday = today + dt.timedelta(days=6 - today.weekday())
        return max(today, sunday - dt.timedelta(days=1)), sunday
    if window is DateWindow.WEEK:
        return today, today + dt.timedelta(days=6 - today.weekday())
    return None


def date_window(
    window: DateWindow, today: dt.date, zone: ZoneInfo,
    first: dt.date | None = None, last: dt.date | None = None,
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The UTC bounds [start, end) of a date choice, in the person's time zone.

    Named choices cover the days of `window_days`; a custom range includes both its days.
    """
    days = window_days(window, today)
    if days is not None:
        first, last = days
    start = _local_midnight(first, zone) if first else None
    end = _local_midnight(last + dt.timedelta(days=1), zone) if last else None
    return start, end


def category_of(subcategory_id: str) -> str | None:
    sub = SUBCATEGORIES.get(subcategory_id)
    return sub.category_id if sub else None


def is_category(category_id: str) -> bool:
    return category_id in CATEGORIES
