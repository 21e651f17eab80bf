"""Stocks of the demo offers: event dates in local evening hours, price categories, codes."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from enum import Enum
from zoneinfo import ZoneInfo

from models.offers.catalogue import Subcategory
from models.offers.models import MAX_STOCK_PRICE_CENTS, ActivationCode, PriceCategory, Stock
from webapp.demo.bulk import IdAllocator
from webapp.demo.supply import (
    DEFAULT_PAST_DATE_SPACING,
    PAST_DATE_SPACING,
    RECURRING_EVENTS,
    hours_for,
    quantity_for,
)

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PRICE_CATEGORY_LABELS = [("Plein tarif", "Tarif jeune"), ("Catégorie 1", "Catégorie 2"),
                         ("Placement libre", "Tarif réduit")]


class Timeline(Enum):
    """Where an event offer's dates lie relative to now."""

    CURRENT = "current"            # coming dates, and past ones for recurring events
    EXPIRED = "expired"            # every date is over
    LIMIT_PASSED = "limit_passed"  # dates to come, but bookings closed already


@dataclass(eq=False, slots=True)
class StockPlan:
    id: int
    offer_id: int
    price_cents: int
    quantity: int | None
    beginning_at: dt.datetime | None = None
    booking_limit_at: dt.datetime | None = None
    price_category_id: int | None = None
    price_category_label: str | None = None
    booked: int = 0
    # Activation codes not handed out yet, and the rows of all of them.
    free_codes: list[dict] = field(default_factory=list)
    code_rows: list[dict] = field(default_factory=list)

    def has_room(self, quantity: int) -> bool:
        return self.quantity is None or self.booked + quantity <= self.quantity

    def row(self, created_at: dt.datetime) -> dict:
        return {
            "id": self.id, "offer_id": self.offer_id, "price_category_id": self.price_category_id,
            "price_cents": self.price_cents, "quantity": self.quantity,
            "booked_quantity": self.booked, "beginning_at": self.beginning_at,
            "booking_limit_at": self.booking_limit_at, "is_deleted": False,
            "created_at": created_at, "updated_at": created_at,
        }


def local_datetime(day: dt.date, hour: tuple[int, int], timezone: str) -> dt.datetime:
    """A wall-clock time in the venue's zone, as an aware UTC datetime."""
    local = dt.datetime.combine(day, dt.time(*hour), tzinfo=ZoneInfo(timezone))
    return local.astimezone(dt.UTC)


class StockPlanner:
    """Plans the stocks of one offer at a time; collects price categories and codes."""

    def __init__(self, rng: random.Random, now: dt.datetime, ids: IdAllocator):
        self.rng, self.now, self.ids = rng, now, ids
        self.price_category_rows: list[dict] = []

    def thing(self, offer_id: int, sub: Subcategory, price: int, *, codes: bool,
              limit_passed: bool = False) -> StockPlan:
        """The single, dateless stock of a non-event offer."""
        rng = self.rng
        quantity = rng.randint(10, 40) if codes else quantity_for(rng, sub.id)
        stock = StockPlan(self.ids.take(Stock), offer_id, price, quantity)
        if limit_passed:
            stock.booking_limit_at = self.now - DAY * rng.randint(1, 60)
        if codes:
            self._add_codes(stock, quantity)
        return stock

    def _add_codes(self, stock: StockPlan, count: int) -> None:
        expires = self.now + DAY * 365 if self.rng.random() < 0.5 else None
        seen: set[str] = set()
        while len(stock.code_rows) < count:
            code = "-".join("".join(self.rng.choices(CODE_ALPHABET, k=4)) for _ in range(3))
            if code in seen:
                continue
            seen.add(code)
            row = {"id": self.ids.take(ActivationCode), "stock_id": stock.id, "code": code,
                   "booking_id": None, "expires_at": expires}
            stock.code_rows.append(row)
        stock.free_codes = list(stock.code_rows)

    def event_dates(self, sub: Subcategory, timeline: Timeline, created_at: dt.datetime,
                    timezone: str, *, soon: bool, single: bool) -> list[dt.datetime]:
        """Start times: coming ones within eight weeks, past ones for history, sorted."""
        rng, now = self.rng, self.now
        hours = hours_for(sub.id)
        if timeline is Timeline.EXPIRED:
            first = created_at + DAY * rng.randint(7, 40)
            dates = rng.randint(3, 12) if sub.id in RECURRING_EVENTS else rng.randint(1, 3)
            days = {(first + DAY * rng.randint(0, 35)).date() for _ in range(dates)}
            days = {day for day in days if day < (now - DAY).date()} or {first.date()}
        elif timeline is Timeline.LIMIT_PASSED:
            days = {(now + DAY * rng.randint(2, 6)).date()}
        else:
            count = 1 if single else rng.randint(1, 6)
            offsets = sorted(rng.sample(range(1, 57), count))
            if soon:
                offsets[0] = 1
            days = {(now + DAY * offset).date() for offset in offsets}
            if sub.id in RECURRING_EVENTS and not single:
                days |= self._past_days(sub, created_at)
        # Sorted before drawing the hours: a set of dates iterates in a per-process order.
        return [local_datetime(day, rng.choice(hours), timezone) for day in sorted(days)]

    def _past_days(self, sub: Subcategory, created_at: dt.datetime) -> set[dt.date]:
        """Dates since the offer was created, about one every `PAST_DATE_SPACING` days."""
        start, end = created_at + DAY * 3, self.now - DAY
        if start >= end:
            return set()
        span = end - start
        spacing = PAST_DATE_SPACING.get(sub.id, DEFAULT_PAST_DATE_SPACING)
        count = max(1, min(30, span.days // spacing))
        return {(start + span * self.rng.random()).date() for _ in range(count)}

    def events(self, offer_id: int, sub: Subcategory, price: int, starts: list[dt.datetime],
               timeline: Timeline, *, with_categories: bool) -> list[StockPlan]:
        """One stock per start and price category, booking closing before the start."""
        categories = self._price_categories(offer_id, price) if with_categories else [
            (None, None, price)]
        stocks = []
        for start in starts:
            limit = self._booking_limit(start, timeline)
            for category_id, label, category_price in categories:
                stocks.append(StockPlan(
                    self.ids.take(Stock), offer_id, category_price,
                    quantity_for(self.rng, sub.id), start, limit, category_id, label))
        return stocks

    def _booking_limit(self, start: dt.datetime, timeline: Timeline) -> dt.datetime:
        if timeline is Timeline.LIMIT_PASSED:
            return min(start, self.now - HOUR * self.rng.randint(1, 48))
        delays = (0, 0, 1, 2, 24, 48)
        if start > self.now:
            # Closed bookings are the LIMIT_PASSED timeline's business; coming dates stay open.
            delays = tuple(hours for hours in delays if start - HOUR * hours > self.now) or (0,)
        return start - HOUR * self.rng.choice(delays)

    def _price_categories(self, offer_id: int, price: int) -> list[tuple[int, str, int]]:
        labels = self.rng.choice(PRICE_CATEGORY_LABELS)
        cheaper = round(price * self.rng.uniform(0.55, 0.8) / 50) * 50
        categories = []
        for label, amount in zip(labels, (min(price, MAX_STOCK_PRICE_CENTS), cheaper),
                                 strict=True):
            category_id = self.ids.take(PriceCategory)
            self.price_category_rows.append(
                {"id": category_id, "offer_id": offer_id, "label": label, "price_cents": amount})
            categories.append((category_id, label, amount))
        return categories
