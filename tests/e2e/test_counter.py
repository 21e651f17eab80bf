"""The demo pro validates a ticket at the counter by keyboard only, then undoes it; with and
without JavaScript, on a phone, axe clean at every state.

The demo data need not hold a booking of the pro's structure that can be validated today, so
this module books one through the domain (a thing, not an event: no cancellation limit) as a
demo young person, in the module's own copy of the demo database, before its server starts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.bookings.api import book
from models.bookings.exceptions import BookingRefused
from models.db import make_engine, utcnow
from models.offerers.models import Structure, Venue
from models.offers.models import Offer, Stock
from models.unit_of_work import atomic
from models.users.models import User
from tests.e2e.helpers import assert_accessible, sign_in, visit
from tests.live_server import demo_server
from webapp.demo.accounts import PRO, PRO_SIREN, YOUNG_18


def book_for_the_counter(database_url: str, count: int) -> list[str]:
    """Tokens of `count` new bookings of things sold by the demo pro's structure."""
    engine = make_engine(database_url, poolclass=pool.NullPool)
    tokens = []
    with Session(engine) as session:
        person_id = session.scalar(select(User.id).where(User.email == YOUNG_18))
        stock_ids = session.scalars(
            select(Stock.id).join(Offer).join(Venue).join(Structure)
            .where(Structure.siren == PRO_SIREN, Stock.beginning_at.is_(None),
                   Stock.is_deleted.is_(False), Stock.price_cents <= 2000)
            .order_by(Stock.id)
        ).all()
        for stock_id in stock_ids:
            try:
                with atomic(session):
                    tokens.append(book(session, person_id, stock_id, 1, utcnow()).token)
            except BookingRefused:
                continue
            if len(tokens) == count:
                break
    engine.dispose()
    assert len(tokens) == count, "no thing of the demo pro's structure could be booked"
    return tokens


@pytest.fixture(scope="module")
def tokens() -> list[str]:
    return []


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config, tokens) -> Iterator[str]:
    """The conftest's server, on a copy of the demo data holding two bookings to validate."""
    def prepare(url: str) -> None:
        tokens.extend(book_for_the_counter(url, 2))

    with demo_server(databases, demo_template_url, base_config, prepare) as base_url:
        yield base_url


def validate_and_undo_by_keyboard(page: Page, token: str) -> None:
    visit(page, "/pro/guichet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guichet")
    assert_accessible(page)

    field = page.get_by_label("Contremarque")
    field.focus()
    page.keyboard.type("zz zz")  # a malformed token first: the message, nothing lost
    page.keyboard.press("Enter")
    expect(page.locator("#token-error")).to_contain_text("Une contremarque compte 6 caractères")
    expect(field).to_have_value("ZZZZ")
    assert_accessible(page)

    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(" ".join(token.lower()[i:i + 3] for i in (0, 3)))
    page.keyboard.press("Enter")
    result = page.get_by_role("heading", name=f"Réservation {token}")
    expect(result).to_be_visible()
    expect(page.locator(".counter-state")).to_have_text("À valider")
    assert_accessible(page)

    validate = page.get_by_role("button", name="Valider la contremarque")
    validate.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_have_text(f"Contremarque {token} validée.")
    expect(page.locator(".counter-state")).to_have_text("Validée")
    assert_accessible(page)

    undo = page.get_by_role("button", name="Annuler la validation")
    undo.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_have_text(
        f"Validation de la contremarque {token} annulée.")
    expect(page.locator(".counter-state")).to_have_text("À valider")
    assert_accessible(page)


def test_the_demo_pro_validates_a_token_by_keyboard_and_undoes_it(page, login_as, tokens):
    login_as("pro")
    validate_and_undo_by_keyboard(page, tokens[0])
    # With JavaScript, the result was swapped in place and focus moved to its heading.
    expect(page.get_by_role("heading", name=f"Réservation {tokens[0]}")).to_be_focused()


def test_the_counter_works_without_javascript(page_nojs, tokens):
    page = page_nojs
    sign_in(page, PRO)
    validate_and_undo_by_keyboard(page, tokens[1])
