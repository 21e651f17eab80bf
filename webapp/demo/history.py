"""Two years of bookings by the demo's young people, within their credit and the stocks' places.

People are handled one after the other; each one's bookings are drawn first, then applied in
time order so that the credit available at each booking is the credit of that day. Cancelled
bookings keep counting against the credit: that never overstates what a person could spend.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect, bisect_right
from collections import defaultdict
from itertools import accumulate
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.bookings.models import TOKEN_ALPHABET, TOKEN_LENGTH, Booking, BookingStatus
from webapp.demo.bulk import IdAllocator
from webapp.demo.content import Catalogue, OfferPlan
from webapp.demo.outcomes import expiry_delay, settle
from webapp.demo.people import DepositPlan, PersonPlan, Population
from webapp.demo.stocks import StockPlan
from webapp.demo.supply import BOOKING_SHARES

MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
# People book an event at most this long before it starts.
BOOKING_HORIZON = dt.timedelta(days=60)
# Online offers are listed in every département's pool; this keeps their share national.
ONLINE_WEIGHT = 0.2
LIVE = (BookingStatus.CONFIRMED, BookingStatus.USED, BookingStatus.REIMBURSED)


class TokenSource:
    """Six-character tokens, unique among the demo's bookings and those already stored.

    The rule only asks for uniqueness among live bookings; avoiding every stored token (a
    cancelled one may be listed next to a new one in a pro's export) costs nothing here.
    """

    def __init__(self, rng: random.Random, taken: set[str]):
        self._rng, self._taken = rng, taken

    def next(self) -> str:
        while True:
            token = "".join(self._rng.choices(TOKEN_ALPHABET, k=TOKEN_LENGTH))
            if token not in self._taken:
                self._taken.add(token)
                return token


def stored_tokens(session: Session) -> set[str]:
    return set(session.scalars(select(Booking.token)))


class Pool:
    """Offers of one category that people of one département may book."""

    def __init__(self, offers: list[OfferPlan]):
        self.things = [offer for offer in offers if not offer.sub.is_event]
        self._thing_weights = list(accumulate(
            offer.popularity * (ONLINE_WEIGHT if offer.venue.is_virtual else 1)
            for offer in self.things))
        events = [offer for offer in offers if offer.sub.is_event]
        self.event_share = len(events) / len(offers)
        self.offer_of: dict[int, OfferPlan] = {offer.id: offer for offer in events}
        self.stocks = sorted((stock for offer in events for stock in offer.stocks),
                             key=lambda stock: stock.beginning_at)
        self._starts = [stock.beginning_at for stock in self.stocks]

    def thing(self, rng: random.Random) -> OfferPlan | None:
        if not self.things:
            return None
        return self.things[bisect(self._thing_weights, rng.random() * self._thing_weights[-1])]

    def event_stock(self, rng: random.Random, at: dt.datetime) -> StockPlan | None:
        """A stock that can be booked at `at`, starting within the booking horizon."""
        low = bisect_right(self._starts, at + HOUR)
        high = bisect_right(self._starts, at + BOOKING_HORIZON)
        for _ in range(3 if low < high else 0):
            stock = self.stocks[rng.randrange(low, high)]
            offer = self.offer_of[stock.offer_id]
            if offer.venue.is_virtual and rng.random() > ONLINE_WEIGHT:
                continue
            if offer.created_at < at < stock.booking_limit_at - MINUTE:
                return stock
        return None


def build_pools(catalogue: Catalogue, departements: list[str]) -> dict[tuple[str, str], Pool]:
    """Each département sees its own venues' offers and every online offer."""
    grouped: dict[tuple[str, str], list[OfferPlan]] = defaultdict(list)
    for offer in catalogue.offers:
        if not offer.shown or offer.sold_out or not offer.stocks:
            continue
        places = departements if offer.venue.is_virtual else [offer.venue.departement]
        for departement in places:
            grouped[(departement, offer.category_id)].append(offer)
    return {key: Pool(offers) for key, offers in grouped.items()}


class BookingPlanner:
    """Plans bookings person by person; `rows` collects them until the caller drains them.

    `mean_bookings` is the average number of bookings a person who books tries to make.
    """

    def __init__(self, session: Session, rng: random.Random, now: dt.datetime,
                 catalogue: Catalogue, population: Population, ids: IdAllocator,
                 mean_bookings: float = 6.0):
        self.rng, self.now, self.catalogue, self.population = rng, now, catalogue, population
        self.ids, self.mean_bookings = ids, mean_bookings
        self.tokens = TokenSource(rng, stored_tokens(session))
        self.people_by_departement: dict[str, list[PersonPlan]] = defaultdict(list)
        for person in population.people:
            self.people_by_departement[person.commune.departement].append(person)
        self.pools = build_pools(catalogue, sorted(self.people_by_departement))
        self._categories = list(BOOKING_SHARES)
        self._category_weights = list(accumulate(BOOKING_SHARES.values()))
        self.rows: list[dict] = []

    def plan(self) -> list[dict]:
        for person in self.population.people:
            self.plan_person(person)
        self.plan_highlights()
        return self.drain()

    def drain(self) -> list[dict]:
        rows, self.rows = self.rows, []
        return rows

    def plan_person(self, person: PersonPlan) -> None:
        for deposit in person.deposits:
            self._deposit_history(person, deposit)

    def plan_highlights(self) -> None:
        """Fill the sold-out offers, and book the demo pro's coming events well."""
        for offer in self.catalogue.offers:
            if offer.sold_out:
                self._fill(offer, offer.stocks)
            elif offer.venue.is_pro and offer.shown and offer.sub.is_event:
                self._fill(offer, self._next_stock(offer), share=self.rng.uniform(0.05, 0.25))

    def _next_stock(self, offer: OfferPlan) -> list[StockPlan]:
        """The coming date of an event, so that the demo pro has tickets to check soon."""
        coming = [stock for stock in offer.stocks if stock.beginning_at > self.now + HOUR]
        return coming[:1]

    def _deposit_history(self, person: PersonPlan, deposit: DepositPlan) -> None:
        rng = self.rng
        if rng.random() < 0.12:
            return
        wanted = min(30, 1 + int(rng.expovariate(1 / (self.mean_bookings - 1))))
        start, end = deposit.created_at, min(self.now, deposit.expires_at) - MINUTE
        drafts = []
        for _ in range(wanted * 3):
            draft = self._draft(person, start, end)
            if draft is not None:
                drafts.append(draft)
            if len(drafts) == wanted:
                break
        for booked_at, offer, stock in sorted(drafts, key=lambda draft: draft[0]):
            self._book(person, deposit, offer, stock, booked_at)

    def _draft(self, person: PersonPlan, start: dt.datetime, end: dt.datetime):
        """A (time, offer, stock) the person might book; None when the draw leads nowhere."""
        rng = self.rng
        category = self._categories[bisect(self._category_weights,
                                           rng.random() * self._category_weights[-1])]
        pool = self.pools.get((person.commune.departement, category))
        if pool is None or end <= start:
            return None
        # People book most in the weeks after they receive their credit.
        booked_at = start + (end - start) * rng.random() ** 1.3
        if rng.random() < pool.event_share:
            stock = pool.event_stock(rng, booked_at)
            return (booked_at, pool.offer_of[stock.offer_id], stock) if stock else None
        offer = pool.thing(rng)
        if offer is None or booked_at <= offer.created_at:
            return None
        stock = offer.stocks[0]
        if stock.booking_limit_at is not None and booked_at >= stock.booking_limit_at:
            return None
        return booked_at, offer, stock

    def _book(self, person: PersonPlan, deposit: DepositPlan, offer: OfferPlan, stock: StockPlan,
              booked_at: dt.datetime, *, keep: bool = False) -> bool:
        """Apply the booking rules of docs/domain/5-bookings.md; record the booking if they pass."""
        sub = offer.sub
        if offer.id in person.booked_offers:
            return False
        if person.age_at(booked_at) < 18 and sub.refused_to_minors(stock.price_cents):
            return False
        quantity = 2 if offer.is_duo and self.rng.random() < 0.3 and stock.has_room(2) else 1
        amount = stock.price_cents * quantity
        if not stock.has_room(quantity) or not deposit.can_spend(booked_at, amount, sub.cap):
            return False
        fields = settle(self.rng, self.now, sub, booked_at, stock.beginning_at, keep=keep,
                        zone=ZoneInfo(person.commune.timezone))
        booking_id = self.ids.take(Booking)
        if fields["status"] in LIVE:
            stock.booked += quantity
            if stock.free_codes:
                stock.free_codes.pop()["booking_id"] = booking_id
        deposit.spend(amount, sub.cap)
        person.booked_offers.add(offer.id)
        self.rows.append({
            "id": booking_id, "user_id": person.id, "deposit_id": deposit.id,
            "stock_id": stock.id, "offer_id": offer.id, "quantity": quantity,
            "unit_price_cents": stock.price_cents,
            "price_category_label": stock.price_category_label, "token": self.tokens.next(),
            "booked_at": booked_at, **fields,
        })
        return True

    def _fill(self, offer: OfferPlan, stocks: list[StockPlan], share: float = 1.0) -> None:
        """Book `share` of the places of `stocks` lately, by people who could afford it.

        A sold-out offer (share 1) whose places could not all be sold has the rest withdrawn,
        so that it still shows sold out with real bookings behind every place.
        """
        people = (self.people_by_departement.get(offer.venue.departement)
                  or self.population.people)
        for stock in stocks:
            low, high = self._fill_window(offer, stock)
            target = stock.booked + round(share * ((stock.quantity or 100) - stock.booked))
            for _ in range(3000):
                if stock.booked >= target:
                    break
                person = self.rng.choice(people)
                booked_at = low + (high - low) * self.rng.random()
                deposit = person.deposit_at(booked_at)
                if deposit is not None:
                    self._book(person, deposit, offer, stock, booked_at, keep=True)
            if share == 1.0 and 0 < stock.booked < stock.quantity:
                stock.quantity = stock.booked

    def _fill_window(self, offer: OfferPlan, stock: StockPlan) -> tuple[dt.datetime, dt.datetime]:
        delay = expiry_delay(offer.sub)
        # A still-confirmed booking of an expiring kind must be younger than its expiry delay.
        low = self.now - min(delay or 30 * DAY, 30 * DAY) + HOUR
        low = max(low, offer.created_at + HOUR)
        if stock.beginning_at is not None:
            low = max(low, stock.beginning_at - BOOKING_HORIZON)
        high = self.now - MINUTE
        if stock.booking_limit_at is not None:
            high = min(high, stock.booking_limit_at - MINUTE)
        return low, high


def plan_bookings(session: Session, rng: random.Random, now: dt.datetime, catalogue: Catalogue,
                  population: Population, ids: IdAllocator) -> list[dict]:
    return BookingPlanner(session, rng, now, catalogue, population, ids).plan()
