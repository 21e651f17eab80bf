"""The demo's offers: titles, prices, moderation states, images and stocks, planned in memory.

`plan_content` decides everything and returns a `Catalogue`; the history then books its stocks
and `write_content` inserts it all, booked quantities included, in a few bulk statements.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from models.offerers.models import Structure, Venue, VenueType
from models.offers.catalogue import SUBCATEGORIES, Subcategory
from models.offers.models import (
    ActivationCode,
    Image,
    Offer,
    PriceCategory,
    Stock,
    Validation,
    WithdrawalType,
)
from webapp.demo import images
from webapp.demo.bulk import FastWriter, IdAllocator
from webapp.demo.stocks import DAY, HOUR, StockPlan, StockPlanner, Timeline
from webapp.demo.supply import (
    CODE_DELIVERED,
    DEFAULT_EXPIRED_SHARE,
    EXPIRED_SHARES,
    HOSTS,
    PRICES,
    RECURRING_EVENTS,
    offer_counts,
)
from webapp.demo.titles import OfferText, Place, offer_text
from webapp.demo.venues import (
    DEMO_MAIL_DOMAIN,
    ONLINE_SUFFIX,
    CommunePicker,
    Supply,
    VenuePlan,
    plan_supply,
    slug,
)
from webapp.demo.venues import structure_rows_for_insert as _structure_rows

DEMO_OFFERS = 3400
V = VenueType

# What the demo pro publishes on each of its venues, so that its pages are full.
PRO_OFFERS = {
    V.PERFORMING_ARTS: ["SPECTACLE_REPRESENTATION"] * 7 + [
        "FESTIVAL_SPECTACLE", "ABO_SPECTACLE", "ATELIER_PRATIQUE_ART"],
    V.LIBRARY: ["ABO_BIBLIOTHEQUE", "ABO_MEDIATHEQUE", "RENCONTRE", "RENCONTRE", "CONFERENCE",
                "CONFERENCE", "FESTIVAL_LIVRE", "RENCONTRE_JEU"],
    V.CINEMA: ["SEANCE_CINE"] * 8 + ["EVENEMENT_CINE", "EVENEMENT_CINE",
                                     "CARTE_CINE_MULTISEANCES", "CINE_PLEIN_AIR"],
    V.CONCERT_HALL: ["CONCERT"] * 6 + ["FESTIVAL_MUSIQUE", "EVENEMENT_MUSIQUE", "ABO_CONCERT"],
    V.ARTS_SCHOOL: ["SEANCE_ESSAI_PRATIQUE_ART"] * 2 + ["ATELIER_PRATIQUE_ART"] * 3 + [
        "ABO_PRATIQUE_ART", "LOCATION_INSTRUMENT"],
    V.DIGITAL: ["SPECTACLE_ENREGISTRE", "LIVESTREAM_EVENEMENT", "VOD", "SPECTACLE_VENTE_DISTANCE"],
}
# The pro also sees offers waiting for moderation, refused, or switched off.
PRO_STATES = [(Validation.PENDING, True), (Validation.REJECTED, True), (Validation.APPROVED, False)]

WITHDRAWALS = [
    (WithdrawalType.ON_SITE, (0, 900, 1800, 3600),
     "Retrait des billets à l'accueil, sur présentation de la contremarque."),
    (WithdrawalType.BY_EMAIL, (86400, 172800, 259200),
     "Les billets vous sont envoyés par e-mail avant l'évènement."),
    (WithdrawalType.NO_TICKET, (None,), "Aucun billet : donnez votre nom à l'entrée."),
]
REJECTION_REASONS = [
    "L'offre ne relève pas d'une pratique culturelle.",
    "Le prix indiqué ne correspond pas à celui pratiqué en caisse.",
    "La description ne permet pas de comprendre ce qui est proposé.",
]


@dataclass(eq=False, slots=True)
class OfferPlan:
    id: int
    venue: VenuePlan
    sub: Subcategory
    text: OfferText
    created_at: dt.datetime
    shown: bool
    is_duo: bool
    popularity: float
    stocks: list[StockPlan] = field(default_factory=list)
    sold_out: bool = False

    @property
    def category_id(self) -> str:
        return self.sub.category_id


@dataclass
class Catalogue:
    supply: Supply
    offers: list[OfferPlan] = field(default_factory=list)
    offer_rows: list[dict] = field(default_factory=list)
    image_rows: list[dict] = field(default_factory=list)
    price_category_rows: list[dict] = field(default_factory=list)

    @property
    def stocks(self) -> list[StockPlan]:
        return [stock for offer in self.offers for stock in offer.stocks]


def season(now: dt.datetime) -> str:
    start = now.year if now.month >= 9 else now.year - 1
    return f"{start}-{start + 1}"


class OfferPlanner:
    def __init__(self, rng: random.Random, now: dt.datetime, supply: Supply, ids: IdAllocator,
                 *, shared_images: int | None = None):
        """`shared_images`: draw posters from that many patterns per category, not per title."""
        self.rng, self.now, self.supply, self.ids = rng, now, supply, ids
        self.shared_images = shared_images
        self.stocks = StockPlanner(rng, now, self.ids)
        self.catalogue = Catalogue(supply)
        self._images: dict[str, int] = {}
        self._size = {venue.id: rng.lognormvariate(0, 0.6) for venue in supply.venues}

    def plan(self, total: int) -> Catalogue:
        hosts = self._hosts()
        for sub_id, count in offer_counts(total).items():
            venues = hosts[sub_id]
            weights = [self._size[venue.id] for venue in venues]
            for venue in self.rng.choices(venues, weights, k=count):
                self._offer(venue, SUBCATEGORIES[sub_id])
        self._pro_offers()
        self._mark_sold_out()
        self.catalogue.price_category_rows = self.stocks.price_category_rows
        return self.catalogue

    def _hosts(self) -> dict[str, list[VenuePlan]]:
        hosts = {}
        for sub_id, kinds in HOSTS.items():
            online = SUBCATEGORIES[sub_id].is_online_only
            hosts[sub_id] = [venue for venue in self.supply.venues
                             if not venue.is_pro and venue.is_virtual == online
                             and venue.offer_kind in kinds]
            assert hosts[sub_id], f"no demo venue can publish {sub_id}"
        return hosts

    def _pro_offers(self) -> None:
        planned = []
        for venue in (venue for venue in self.supply.venues if venue.is_pro):
            for index, sub_id in enumerate(PRO_OFFERS.get(venue.kind, [])):
                planned.append(self._offer(venue, SUBCATEGORIES[sub_id], pro=True,
                                           soon=index == 0))
        for offer, state in zip(planned[-len(PRO_STATES) * 3::3], PRO_STATES, strict=False):
            self._set_state(offer, *state)

    def _offer(self, venue: VenuePlan, sub: Subcategory, *, pro: bool = False,
               soon: bool = False) -> OfferPlan:
        rng = self.rng
        place = Place(venue.name.removesuffix(ONLINE_SUFFIX),
                      venue.commune.name if venue.commune else "France", season(self.now))
        text = offer_text(rng, sub.id, place)
        price = text.price_cents if text.price_cents is not None else PRICES[sub.id].draw(rng)
        validation, active = (Validation.APPROVED, True) if pro else self._moderation()
        offer = OfferPlan(
            self.ids.take(Offer), venue, sub, text, self.now, shown=False,
            is_duo=sub.duo_allowed and rng.random() < 0.5,
            popularity=min(40.0, rng.paretovariate(1.3)) * (3 if pro else 1))
        if sub.is_event:
            self._plan_event(offer, price, pro=pro, soon=soon)
        else:
            self._plan_thing(offer, price)
        row = self._offer_row(offer, validation, active)
        self.catalogue.offers.append(offer)
        self.catalogue.offer_rows.append(row)
        offer.shown = validation is Validation.APPROVED and active and venue.validated
        return offer

    def _moderation(self) -> tuple[Validation, bool]:
        roll = self.rng.random()
        if roll < 0.025:
            return Validation.PENDING, True
        if roll < 0.04:
            return Validation.REJECTED, True
        return Validation.APPROVED, roll >= 0.055

    def _set_state(self, offer: OfferPlan, validation: Validation, active: bool) -> None:
        row = self.catalogue.offer_rows[self.catalogue.offers.index(offer)]
        row.update(validation=validation, is_active=active, rejection_reason=(
            REJECTION_REASONS[0] if validation is Validation.REJECTED else None))
        offer.shown = validation is Validation.APPROVED and active and offer.venue.validated

    def _timeline(self, venue: VenuePlan, sub: Subcategory, pro: bool) -> Timeline:
        if pro or not venue.validated:
            return Timeline.CURRENT
        roll = self.rng.random()
        expired = EXPIRED_SHARES.get(sub.id, DEFAULT_EXPIRED_SHARE)
        if roll < expired:
            return Timeline.EXPIRED
        return Timeline.LIMIT_PASSED if roll < expired + 0.02 else Timeline.CURRENT

    def _event_created_at(self, sub: Subcategory, timeline: Timeline) -> dt.datetime:
        """When the offer was published: long ago for recurring events, recently for films."""
        rng = self.rng
        if timeline is Timeline.EXPIRED:
            days = rng.randint(60, 750)
        elif sub.id == "SEANCE_CINE":
            days = rng.randint(7, 60)
        elif sub.id in RECURRING_EVENTS and rng.random() < 0.6:
            days = rng.randint(30, 720)
        else:
            days = rng.randint(5, 90)
        return self.now - DAY * days

    def _plan_event(self, offer: OfferPlan, price: int, *, pro: bool, soon: bool) -> None:
        rng, sub, venue = self.rng, offer.sub, offer.venue
        timeline = self._timeline(venue, sub, pro)
        offer.created_at = max(self._event_created_at(sub, timeline), venue.created_at + DAY)
        with_categories = price >= 1000 and not sub.is_online_only and rng.random() < 0.3
        starts = self.stocks.event_dates(sub, timeline, offer.created_at, venue.timezone,
                                         soon=soon, single=with_categories)
        offer.stocks = self.stocks.events(offer.id, sub, price, starts, timeline,
                                          with_categories=with_categories)

    def _plan_thing(self, offer: OfferPlan, price: int) -> None:
        rng, venue = self.rng, offer.venue
        if rng.random() < 0.6:
            created = self.now - DAY * rng.randint(730, 1100)
        else:
            created = self.now - DAY * rng.randint(1, 730)
        offer.created_at = min(max(created, venue.created_at + DAY), self.now - HOUR)
        codes = offer.sub.id in CODE_DELIVERED and rng.random() < 0.4
        offer.stocks = [self.stocks.thing(offer.id, offer.sub, price, codes=codes,
                                          limit_passed=rng.random() < 0.01)]

    def _offer_row(self, offer: OfferPlan, validation: Validation, active: bool) -> dict:
        rng, sub, venue, text = self.rng, offer.sub, offer.venue, offer.text
        access = [flag if flag is not None else rng.random() < 0.5 for flag in venue.accessibility]
        withdrawal, delay, details = None, None, None
        if sub.is_event and not sub.is_online_only:
            withdrawal, delays, details = rng.choice(WITHDRAWALS)
            delay = rng.choice(delays)
        elif sub.cap is not None and not sub.is_online_only:
            details = "À retirer sur place avec votre contremarque."
        return {
            "id": offer.id, "venue_id": venue.id, "subcategory_id": sub.id,
            "name": text.name[:140], "description": text.description,
            "author": text.author, "performer": text.performer,
            "url": (f"https://exemple.fr/{slug(text.name)[:60]}-{offer.id}"
                    if sub.is_online_only else None),
            "is_duo": offer.is_duo, "accessibility_hearing": access[0],
            "accessibility_mental": access[1], "accessibility_motor": access[2],
            "accessibility_visual": access[3], "withdrawal_type": withdrawal,
            "withdrawal_delay_seconds": delay, "withdrawal_details": details,
            "booking_email": (f"reservations.{slug(venue.name)[:50]}@{DEMO_MAIL_DOMAIN}"
                              if rng.random() < 0.5 else None),
            "validation": validation,
            "rejection_reason": (rng.choice(REJECTION_REASONS)
                                 if validation is Validation.REJECTED else None),
            "is_active": active, "image_id": self._image_id(offer),
            "created_at": offer.created_at, "updated_at": offer.created_at,
        }

    def _image_id(self, offer: OfferPlan) -> int | None:
        """A poster for most offers; the same title shares one stored image."""
        if not offer.venue.is_pro and self.rng.random() < 0.03:
            return None
        if self.shared_images:
            key = f"{offer.category_id} {offer.id % self.shared_images}"
            if key in self._images:
                return self._images[key]
            poster = images.pattern(offer.category_id, offer.id % self.shared_images)
        else:
            poster = images.poster(offer.category_id, offer.text.name)
            key = poster.checksum
        if key not in self._images:
            image_id = self.ids.take(Image)
            self._images[key] = image_id
            self.catalogue.image_rows.append({
                "id": image_id, "content_type": poster.content_type, "data": poster.data,
                "width": poster.width, "height": poster.height, "checksum": poster.checksum,
                "alt_text": poster.alt_text, "created_at": offer.created_at,
            })
        return self._images[key]

    def _mark_sold_out(self) -> None:
        """Give a few offers small stocks that the history will fill completely."""
        candidates = [offer for offer in self.catalogue.offers
                      if offer.shown and self._fillable(offer)]
        events = [offer for offer in candidates if offer.sub.is_event]
        things = [offer for offer in candidates if not offer.sub.is_event]
        chosen = self.rng.sample(events, min(len(events), max(5, len(events) // 40)))
        chosen += self.rng.sample(things, min(len(things), max(5, len(things) // 100)))
        chosen += [offer for offer in candidates if offer.venue.is_pro][:1]
        for offer in chosen:
            offer.sold_out = True
            for stock in offer.stocks:
                stock.quantity = self.rng.randint(3, 8)

    def _fillable(self, offer: OfferPlan) -> bool:
        """Sold out is believable on a cheap offer whose every stock can still be booked."""
        stocks = offer.stocks
        return (len(stocks) <= 2 and not any(stock.code_rows for stock in stocks)
                and all(stock.price_cents <= 1500 for stock in stocks)
                and all(stock.beginning_at is None or stock.beginning_at > self.now + DAY * 3
                        for stock in stocks)
                and all(stock.booking_limit_at is None or stock.booking_limit_at > self.now
                        for stock in stocks))


def plan_content(session: Session, rng: random.Random, now: dt.datetime, communes: CommunePicker,
                 ids: IdAllocator, total_offers: int = DEMO_OFFERS) -> Catalogue:
    supply = plan_supply(session, rng, now, communes, ids)
    return OfferPlanner(rng, now, supply, ids).plan(total_offers)


def write_content(writer: FastWriter, catalogue: Catalogue) -> None:
    """Insert structures, venues, images, offers, price categories and stocks.

    Stocks carry the booked quantity the history planned, so the history must be planned
    first when it is written at once (the benchmark data set sets it afterwards instead).
    """
    created = {offer.id: offer.created_at for offer in catalogue.offers}
    writer.write(Structure, _structure_rows(catalogue.supply))
    writer.write(Venue, catalogue.supply.venue_rows)
    writer.write(Image, catalogue.image_rows)
    writer.write(Offer, catalogue.offer_rows)
    writer.write(PriceCategory, catalogue.price_category_rows)
    writer.write(Stock, (stock.row(created[stock.offer_id]) for stock in catalogue.stocks))


def write_activation_codes(writer: FastWriter, catalogue: Catalogue) -> None:
    """Insert the codes once the bookings they were handed to exist."""
    writer.write(ActivationCode, (row for stock in catalogue.stocks for row in stock.code_rows))
