"""Staff moderate on a 360×740 phone, by keyboard: reject a held offer with a reason the pro
then reads on the offer, and hide a reported review; axe clean on every page
(docs/domain/moderation.md).

The module's copy of the demo database gets, before its server starts, a rule, an offer of the
demo pro's structure held by it, and a new report on a visible demo review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.db import make_engine, utcnow
from models.moderation.models import ModerationMatch, ModerationRule, RuleKind
from models.offerers.models import Structure, Venue
from models.offers.models import Offer, Stock, Validation
from models.social.models import Review, ReviewReport
from models.users.models import User
from tests.e2e.helpers import assert_accessible, signed_in_phone, visit
from tests.factories.users import Role
from tests.live_server import demo_server
from webapp.demo.accounts import PRO, PRO_SIREN, YOUNG_17

MAX_TABS = 200
OFFER_NAME = "Stage de théâtre — vente privée"
REASON = "Une vente privée n'est pas une offre culturelle ouverte à tous."
HIDE_REASON = "Propos insultants envers l'équipe du lieu."
PREPARED: dict[str, int] = {}


def hold_an_offer_and_report_a_review(database_url: str) -> None:
    engine = make_engine(database_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        now = utcnow()
        # Older than the demo's pending offers, so it opens the queue (oldest first).
        held_since = now - dt.timedelta(days=400)
        venue = session.scalars(select(Venue).join(Structure).where(
            Structure.siren == PRO_SIREN, Venue.is_virtual.is_(False)).order_by(Venue.id)).first()
        rule = ModerationRule(kind=RuleKind.WORDS, label="Ventes déguisées",
                              words="vente privée", created_at=now, updated_at=now)
        offer = Offer(venue_id=venue.id, subcategory_id="ATELIER_PRATIQUE_ART", name=OFFER_NAME,
                      validation=Validation.PENDING, accessibility_hearing=False,
                      accessibility_mental=False, accessibility_motor=False,
                      accessibility_visual=False, created_at=held_since,
                      updated_at=held_since)
        session.add_all([rule, offer])
        session.flush()
        session.add_all([Stock(offer_id=offer.id, price_cents=2000, quantity=10),
                         ModerationMatch(offer_id=offer.id, rule_id=rule.id,
                                         detail="vente privée", matched_at=now)])
        reporter = session.scalar(select(User).where(User.email == YOUNG_17))
        review = session.scalars(select(Review).where(
            Review.hidden_at.is_(None), Review.user_id != reporter.id,
            ~Review.id.in_(select(ReviewReport.review_id))).order_by(Review.id)).first()
        session.add(ReviewReport(review_id=review.id, reporter_id=reporter.id,
                                 reason="Insultes", created_at=now))
        session.commit()
        PREPARED.update(offer_id=offer.id, review_id=review.id)
    engine.dispose()


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config) -> Iterator[str]:
    with demo_server(databases, demo_template_url, base_config,
                     hold_an_offer_and_report_a_review) as base_url:
        yield base_url


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would."""
    handle = target.element_handle()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if handle.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{target} never received the focus by keyboard")


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_staff_reject_a_held_offer_by_keyboard_and_the_pro_reads_the_reason(
        browser, live_server, page, login_as):
    login_as(Role.ADMIN)
    visit(page, "/admin/")
    tab_to(page, page.get_by_role("link", name="Modérer les offres"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offres à modérer")
    row = page.get_by_role("row").filter(has_text=OFFER_NAME)
    expect(row).to_contain_text("Ventes déguisées")
    expect(row).to_contain_text("vente privée")
    no_sideways_scroll(page)
    assert_accessible(page)

    tab_to(page, row.get_by_role("link", name=OFFER_NAME))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFER_NAME)
    assert_accessible(page)
    tab_to(page, page.get_by_role("button", name="Refuser l'offre"))
    page.keyboard.press("Enter")
    # The reason is required: the message stands beside the field, which is named by it.
    reason = page.get_by_role("textbox", name="Raison du refus (la structure la lira)")
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    tab_to(page, reason)
    page.keyboard.type(REASON)
    tab_to(page, page.get_by_role("button", name="Refuser l'offre"))
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text(f"« {OFFER_NAME} » est refusée.")
    expect(page.get_by_role("row").filter(has_text=OFFER_NAME)).to_have_count(0)
    assert_accessible(page)

    with signed_in_phone(browser, live_server, PRO) as pro:
        visit(pro, f"/pro/offres/{PREPARED['offer_id']}")
        expect(pro.get_by_role("main")).to_contain_text(f"Motif du refus : {REASON}")
        no_sideways_scroll(pro)
        assert_accessible(pro)


def test_staff_hide_a_reported_review_by_keyboard(page, login_as):
    login_as(Role.ADMIN)
    visit(page, "/admin/")
    tab_to(page, page.get_by_role("link", name="Traiter les avis signalés"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Avis signalés")
    no_sideways_scroll(page)
    assert_accessible(page)

    link = page.locator(f"a[href='/admin/avis/{PREPARED['review_id']}']")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text("Insultes")
    assert_accessible(page)
    reason = page.get_by_role("textbox", name="Raison (l'auteur de l'avis la lira)")
    tab_to(page, reason)
    page.keyboard.type(HIDE_REASON)
    tab_to(page, page.get_by_role("button", name="Masquer l'avis"))
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("L'avis est masqué")
    expect(page.locator(f"a[href='/admin/avis/{PREPARED['review_id']}']")).to_have_count(0)
    assert_accessible(page)
