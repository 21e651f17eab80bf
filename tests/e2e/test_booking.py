"""Booking an event, seeing the ticket, cancelling it: the credit comes back, whatever the input."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.db import make_engine, utcnow
from models.offerers.models import Structure, StructureStatus, Venue
from models.offers.models import Offer, Stock, Validation
from tests.e2e.helpers import assert_accessible, visit
from tests.factories.users import Role

TOKEN = re.compile(r"^[A-Z2-7]{6}$")


def bookable_event_paths(template_url: str, count: int) -> list[str]:
    """Concerts and shows of the demo data, bookable for a week at least, under 50 €."""
    engine = make_engine(template_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        offer_ids = session.scalars(
            select(Offer.id)
            .join(Venue).join(Structure).join(Stock)
            .where(
                Offer.subcategory_id.in_(["CONCERT", "SPECTACLE_REPRESENTATION", "SEANCE_CINE"]),
                Offer.validation == Validation.APPROVED,
                Offer.is_active.is_(True),
                Structure.status == StructureStatus.VALIDATED,
                Stock.is_deleted.is_(False),
                Stock.beginning_at > utcnow() + dt.timedelta(days=7),
                Stock.price_cents.between(100, 5000),
                (Stock.quantity.is_(None)) | (Stock.booked_quantity < Stock.quantity - 2),
            )
            .distinct()
            .order_by(Offer.id)
            .limit(count)
        ).all()
    engine.dispose()
    assert len(offer_ids) == count, "the demo data lacks bookable events"
    return [f"/offres/{offer_id}" for offer_id in offer_ids]


@pytest.fixture(scope="module")
def event_paths(demo_template_url) -> list[str]:
    return bookable_event_paths(demo_template_url, 3)


def credit_left(page) -> str:
    visit(page, "/profil/")
    return page.locator("dt", has_text="Crédit restant").locator("xpath=following-sibling::dd[1]")\
        .inner_text()


def test_book_see_the_ticket_cancel_and_get_the_credit_back(page, login_as, event_paths):
    login_as(Role.YOUNG)
    before = credit_left(page)
    visit(page, event_paths[0])
    page.get_by_role("button", name="Réserver").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.locator(".ticket-token")).to_have_text(TOKEN)
    expect(page.get_by_role("status")).to_contain_text("C'est réservé")
    assert_accessible(page)
    assert credit_left(page) != before

    visit(page, "/reservations/")
    page.get_by_role("button", name=re.compile("^Annuler la réservation")).first.click()
    expect(page.get_by_role("status")).to_contain_text("te sont rendus")
    assert_accessible(page)
    assert credit_left(page) == before


def test_the_same_journey_by_keyboard_only(page, login_as, event_paths):
    login_as(Role.YOUNG)
    visit(page, event_paths[1])
    booking_button = page.get_by_role("button", name="Réserver")
    booking_button.focus()
    page.keyboard.press("Enter")
    confirm = page.get_by_role("button", name="Confirmer la réservation")
    expect(confirm).to_be_visible()
    assert_accessible(page)
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ticket-token")).to_have_text(TOKEN)
    assert_accessible(page)
    cancel = page.get_by_role("button", name="Annuler cette réservation")
    cancel.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("te sont rendus")
    assert_accessible(page)


def test_the_same_journey_without_javascript(page_nojs, event_paths):
    page = page_nojs
    visit(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill("jeune18@demo.passculture.test")
    page.get_by_label("Mot de passe").fill("Culture-Demo-2026!")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    assert_accessible(page)
    visit(page, event_paths[2])
    page.get_by_role("button", name="Réserver").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.locator(".ticket-token")).to_have_text(TOKEN)
    assert_accessible(page)
    page.get_by_role("button", name="Annuler cette réservation").click()
    expect(page.get_by_role("status")).to_contain_text("te sont rendus")
    assert_accessible(page)
