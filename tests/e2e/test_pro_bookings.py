"""The demo pro filters the bookings list by keyboard only on a phone, axe clean at each state,
and the page stays under the pro pages' weight budget.

The demo data need not hold bookings of the pro's structure, so this module books three of
its offers through the domain as a demo young person, in the module's own copy of the demo
database, before its server starts; one of them is then cancelled, so the status filter has
something to leave out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.bookings.api import book, cancel_by_person
from models.bookings.exceptions import BookingRefused
from models.bookings.models import BookingStatus
from models.db import make_engine, utcnow
from models.offerers.models import Structure, Venue
from models.offers.models import Offer, Stock
from models.unit_of_work import atomic
from models.users.models import User
from tests.e2e.helpers import assert_accessible, measure_transfer, visit
from tests.live_server import demo_server
from webapp.demo.accounts import PRO_SIREN, YOUNG_18

PRO_PAGE_BUDGET_BYTES = 60_000
LIST = "/pro/reservations/"


def book_offers(database_url: str) -> dict[str, list[str]]:
    """Tokens of three new bookings of the demo pro's offers, the last one cancelled."""
    engine = make_engine(database_url, poolclass=pool.NullPool)
    bookings = []
    with Session(engine) as session:
        person_id = session.scalar(select(User.id).where(User.email == YOUNG_18))
        stock_ids = session.scalars(
            select(Stock.id).join(Offer).join(Venue).join(Structure)
            .where(Structure.siren == PRO_SIREN, Stock.is_deleted.is_(False),
                   Stock.price_cents <= 3000)
            .order_by(Stock.id)
        ).all()
        for stock_id in stock_ids:
            try:
                with atomic(session):
                    made = book(session, person_id, stock_id, 1, utcnow())
            except BookingRefused:
                continue
            # A thing handing out an activation code is used as soon as it is booked.
            if made.status is BookingStatus.CONFIRMED:
                bookings.append(made)
            if len(bookings) == 3:
                break
        assert len(bookings) == 3, "three offers of the demo pro's structure could not be booked"
        with atomic(session):
            cancel_by_person(session, bookings[-1].id, person_id, utcnow())
        tokens = {"confirmed": [booking.token for booking in bookings[:2]],
                  "cancelled": [bookings[-1].token]}
    engine.dispose()
    return tokens


@pytest.fixture(scope="module")
def tokens() -> dict[str, list[str]]:
    return {}


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config, tokens) -> Iterator[str]:
    """The conftest's server, on a copy of the demo data holding the bookings above."""
    def prepare(url: str) -> None:
        tokens.update(book_offers(url))

    with demo_server(databases, demo_template_url, base_config, prepare) as base_url:
        yield base_url


def test_the_pro_filters_the_bookings_by_keyboard_on_a_phone(page, login_as, tokens):
    login_as("pro")
    visit(page, LIST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Réservations")
    table = page.get_by_role("region", name="Réservations, les plus récentes d'abord")
    for token in [*tokens["confirmed"], *tokens["cancelled"]]:
        expect(table.get_by_role("cell", name=token, exact=True)).to_be_visible()
    assert_accessible(page)

    filters = page.get_by_text("Filtrer les réservations", exact=True)
    filters.focus()  # folded on arrival, so that the bookings come first on a phone
    page.keyboard.press("Enter")
    status = page.get_by_label("Statut")
    expect(status).to_be_visible()
    assert_accessible(page)
    status.focus()
    page.keyboard.type("Annul")
    expect(status).to_have_value("cancelled")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Filtrer")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]statut=cancelled(&|$)"))
    # Swapped in place: focus lands on the number of bookings found.
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ réservations?$"))).to_be_focused()
    expect(table.get_by_role("cell", name=tokens["cancelled"][0], exact=True)).to_be_visible()
    for token in tokens["confirmed"]:
        expect(table.get_by_role("cell", name=token, exact=True)).to_have_count(0)
    assert_accessible(page)

    table.focus()  # the table's region scrolls sideways by keyboard on a narrow screen
    page.keyboard.press("ArrowRight")
    assert_accessible(page)


def test_a_confirmed_booking_leads_to_the_counter(page, login_as, tokens):
    login_as("pro")
    visit(page, f"{LIST}?statut=confirmed")
    link = page.get_by_role("link", name=f"Valider au guichet {tokens['confirmed'][0]}")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guichet")
    assert_accessible(page)


def test_the_bookings_page_stays_under_the_pro_budget(page, login_as, tokens):
    login_as("pro")
    transfer = measure_transfer(page, LIST)
    print(f"{LIST}: {transfer}")
    assert transfer.without_images < PRO_PAGE_BUDGET_BYTES, str(transfer)
    assert_accessible(page)
