"""Staff moderate by keyboard, on a 360×740 phone and on a 1280×800 desktop: validate a
structure, reject a held offer with a reason the pro then reads on the offer (and submits the
offer again), and hide a reported review; axe clean on every page (docs/domain/moderation.md,
6-structures.md). The rejection and the new submission work with JavaScript off too.

The module's copy of the demo database gets, before its server starts, a rule and, for each
screen, an offer of the demo pro's structure held by it and a new report on a visible demo
review. The structures to validate are the demo's own pending ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.db import make_engine, utcnow
from models.moderation.models import ModerationMatch, ModerationRule, RuleKind
from models.offerers.models import Structure, Venue
from models.offers.models import Offer, Stock, Validation, WithdrawalType
from models.social.models import Review, ReviewReport
from models.users.models import User
from tests.e2e.devices import DEVICES, no_sideways_scroll, signed_in_on
from tests.e2e.helpers import assert_accessible, tab_to, visit
from tests.live_server import demo_server
from webapp.demo.accounts import ADMIN, PRO, PRO_SIREN, YOUNG_17

MAX_TABS = 200
OFFER_NAMES = {"phone": "Stage de théâtre — vente privée",
               "desktop": "Stage de danse — vente privée",
               "nojs": "Stage de chant — vente privée"}
REASON = "Une vente privée n'est pas une offre culturelle ouverte à tous."
HIDE_REASON = "Propos insultants envers l'équipe du lieu."
PREPARED: dict[str, dict[str, int]] = {}


def hold_an_offer_and_report_a_review(database_url: str) -> None:
    engine = make_engine(database_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        now = utcnow()
        venue = session.scalars(select(Venue).join(Structure).where(
            Structure.siren == PRO_SIREN, Venue.is_virtual.is_(False)).order_by(Venue.id)).first()
        rule = ModerationRule(kind=RuleKind.WORDS, label="Ventes déguisées",
                              words="vente privée", created_at=now, updated_at=now)
        reporter = session.scalar(select(User).where(User.email == YOUNG_17))
        session.add(rule)
        for rank, (device, name) in enumerate(OFFER_NAMES.items()):
            # Older than the demo's pending offers, so it opens the queue (oldest first).
            held_since = now - dt.timedelta(days=400 + rank)
            offer = Offer(venue_id=venue.id, subcategory_id="ATELIER_PRATIQUE_ART", name=name,
                          validation=Validation.PENDING, accessibility_hearing=False,
                          accessibility_mental=False, accessibility_motor=False,
                          accessibility_visual=False, withdrawal_type=WithdrawalType.NO_TICKET,
                          created_at=held_since, updated_at=held_since)
            session.add(offer)
            session.flush()
            session.add_all([Stock(offer_id=offer.id, price_cents=2000, quantity=10),
                             ModerationMatch(offer_id=offer.id, rule_id=rule.id,
                                             detail="vente privée", matched_at=now)])
            review = session.scalars(select(Review).where(
                Review.hidden_at.is_(None), Review.user_id != reporter.id,
                ~Review.id.in_(select(ReviewReport.review_id))).order_by(Review.id)).first()
            session.add(ReviewReport(review_id=review.id, reporter_id=reporter.id,
                                     reason="Insultes", created_at=now))
            session.flush()
            PREPARED[device] = {"offer_id": offer.id, "review_id": review.id}
        session.commit()
    engine.dispose()


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config) -> Iterator[str]:
    with demo_server(databases, demo_template_url, base_config,
                     hold_an_offer_and_report_a_review) as base_url:
        yield base_url


@pytest.mark.parametrize("device", DEVICES)
def test_staff_validate_a_pending_structure_by_keyboard(browser, live_server, device):
    with signed_in_on(device, browser, live_server, ADMIN) as page:
        visit(page, "/admin/structures/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Structures à valider")
        first = page.locator("tbody tr th a").first
        name = first.inner_text()
        no_sideways_scroll(page, device)
        tab_to(page, first, MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        assert_accessible(page)
        tab_to(page, page.get_by_role("button", name="Valider la structure"), MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"{name} est validée.")).to_be_visible()
        no_sideways_scroll(page, device)
        assert_accessible(page)


@pytest.mark.parametrize("device", DEVICES)
def test_staff_reject_a_held_offer_by_keyboard_and_the_pro_reads_the_reason(
        browser, live_server, device):
    offer_name, prepared = OFFER_NAMES[device], PREPARED[device]
    with signed_in_on(device, browser, live_server, ADMIN) as page:
        visit(page, "/admin/")
        tab_to(page, page.get_by_role("link", name="Modérer les offres"), MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Offres à modérer")
        row = page.get_by_role("row").filter(has_text=offer_name)
        expect(row).to_contain_text("Ventes déguisées")
        expect(row).to_contain_text("vente privée")
        no_sideways_scroll(page, device)
        assert_accessible(page)

        tab_to(page, row.get_by_role("link", name=offer_name), MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(offer_name)
        assert_accessible(page)
        tab_to(page, page.get_by_role("button", name="Refuser l'offre"), MAX_TABS)
        page.keyboard.press("Enter")
        # The reason is required: the message stands beside the field, which is named by it.
        reason = page.get_by_role("textbox", name="Raison du refus (la structure la lira)")
        expect(reason).to_have_attribute("aria-invalid", "true")
        assert_accessible(page)
        tab_to(page, reason, MAX_TABS)
        page.keyboard.type(REASON)
        tab_to(page, page.get_by_role("button", name="Refuser l'offre"), MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.locator(".flash-success")).to_contain_text(f"« {offer_name} » est refusée.")
        expect(page.get_by_role("row").filter(has_text=offer_name)).to_have_count(0)
        assert_accessible(page)

    with signed_in_on(device, browser, live_server, PRO) as pro:
        visit(pro, f"/pro/offres/{prepared['offer_id']}")
        expect(pro.get_by_role("main")).to_contain_text(f"Motif du refus : {REASON}")
        no_sideways_scroll(pro, device)
        assert_accessible(pro)
        # Once edited, the pro submits it again: the reason stays until staff decide again.
        tab_to(pro, pro.get_by_role("button", name="Soumettre à nouveau"), MAX_TABS)
        pro.keyboard.press("Enter")
        expect(pro.locator(".flash-success")).to_contain_text("Offre soumise à nouveau")
        expect(pro.get_by_role("main")).to_contain_text(f"Motif du refus précédent : {REASON}")
        assert_accessible(pro)


def test_without_javascript_staff_reject_and_the_pro_submits_the_offer_again(
        browser, live_server):
    offer_name, offer_id = OFFER_NAMES["nojs"], PREPARED["nojs"]["offer_id"]
    with signed_in_on("desktop", browser, live_server, ADMIN, javascript=False) as page:
        visit(page, f"/admin/moderation/offres/{offer_id}")
        expect(page.get_by_role("heading", level=1)).to_have_text(offer_name)
        page.get_by_role("textbox", name="Raison du refus (la structure la lira)").fill(REASON)
        page.get_by_role("button", name="Refuser l'offre").click()
        expect(page.locator(".flash-success")).to_contain_text(f"« {offer_name} » est refusée.")
        assert_accessible(page)
    with signed_in_on("phone", browser, live_server, PRO, javascript=False) as pro:
        visit(pro, f"/pro/offres/{offer_id}")
        expect(pro.get_by_role("main")).to_contain_text(f"Motif du refus : {REASON}")
        pro.get_by_role("button", name="Soumettre à nouveau").click()
        expect(pro.locator(".flash-success")).to_contain_text("Offre soumise à nouveau")
        expect(pro.get_by_role("main")).to_contain_text(f"Motif du refus précédent : {REASON}")
        assert_accessible(pro)


@pytest.mark.parametrize("device", DEVICES)
def test_staff_hide_a_reported_review_by_keyboard(browser, live_server, device):
    review_link = f"a[href='/admin/avis/{PREPARED[device]['review_id']}']"
    with signed_in_on(device, browser, live_server, ADMIN) as page:
        visit(page, "/admin/")
        tab_to(page, page.get_by_role("link", name="Traiter les avis signalés"), MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Avis signalés")
        no_sideways_scroll(page, device)
        assert_accessible(page)

        tab_to(page, page.locator(review_link), MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.get_by_role("main")).to_contain_text("Insultes")
        assert_accessible(page)
        reason = page.get_by_role("textbox", name="Raison (l'auteur de l'avis la lira)")
        tab_to(page, reason, MAX_TABS)
        page.keyboard.type(HIDE_REASON)
        tab_to(page, page.get_by_role("button", name="Masquer l'avis"), MAX_TABS)
        page.keyboard.press("Enter")
        expect(page.locator(".flash-success")).to_contain_text("L'avis est masqué")
        expect(page.locator(review_link)).to_have_count(0)
        assert_accessible(page)
