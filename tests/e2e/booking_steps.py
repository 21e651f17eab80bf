"""Bookable demo events and the booking steps, shared by the screen-reader, budget and reflow tests.

The events come from `bookable_event_paths` of the booking journey's tests, so every module
books the same kind of offer: a show, a concert or a film, bookable for a week at least.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session, joinedload

from models.db import make_engine
from models.offerers.models import Venue
from models.offers.models import Offer
from tests.e2e.helpers import assert_accessible, visit
from tests.e2e.test_booking import bookable_event_paths

# How many bookable events to look at to find enough of them with a poster.
CANDIDATES = 40


@dataclass(frozen=True)
class BookableEvent:
    """What the pages of one bookable event must show, read from the demo database."""

    path: str
    name: str
    image_alt: str
    venue_name: str
    venue_street: str
    venue_postal_code: str
    venue_commune: str

    @property
    def place(self) -> str:
        """The venue as the booking confirmation gives it."""
        return f"{self.venue_name}, {self.venue_street}, {self.venue_postal_code}"

    @property
    def address(self) -> str:
        """The venue's address as the ticket gives it."""
        return f"{self.place} {self.venue_commune}"


def bookable_events(template_url: str, count: int) -> list[BookableEvent]:
    """`count` bookable events of the demo data that have a poster with a text alternative."""
    paths = bookable_event_paths(template_url, CANDIDATES)
    ids = [int(path.rsplit("/", 1)[1]) for path in paths]
    engine = make_engine(template_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        offers = session.scalars(
            select(Offer)
            .where(Offer.id.in_(ids))
            .options(joinedload(Offer.image), joinedload(Offer.venue).joinedload(Venue.commune))
            .order_by(Offer.id)
        ).unique().all()
        events = [
            BookableEvent(
                path=f"/offres/{offer.id}",
                name=offer.name,
                image_alt=offer.image.alt_text,
                venue_name=offer.venue.display_name,
                venue_street=offer.venue.address,
                venue_postal_code=offer.venue.postal_code,
                venue_commune=offer.venue.commune.name,
            )
            for offer in offers
            if offer.image is not None and offer.image.alt_text and offer.venue.commune
        ]
    engine.dispose()
    assert len(events) >= count, "the demo data lacks bookable events with a poster"
    return events[:count]


def book(page: Page, event: BookableEvent) -> str:
    """Book the first open date of `event` as the signed-in person; return the ticket's URL."""
    visit(page, event.path)
    page.get_by_role("button", name="Réserver", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.get_by_role("heading", name="Ton billet")).to_be_visible()
    assert_accessible(page)
    return page.url
