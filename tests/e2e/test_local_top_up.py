"""A local top-up end to end, on phones (360×740), axe clean: staff allow the demo officer of
the Hérault, the officer creates a local credit for shows, concerts and films by keyboard and
form, and the demo young person of Montpellier books a show with it, sees the split before
confirming, and finds what is left of it on the profile."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from models.db import utcnow
from tests.e2e.helpers import assert_accessible, sign_in, signed_in_phone, staff_page, visit
from tests.e2e.test_booking import bookable_event_paths
from tests.factories.users import Role
from webapp.demo.accounts import ADMIN, TERRITORY

NAME = "Pass sorties Hérault"


def test_the_officer_funds_a_local_credit_and_a_young_person_books_with_it(
        browser, live_server, demo_template_url, page, login_as):
    with staff_page(browser, live_server) as staff:
        visit(staff, "/admin/credits-locaux/")
        staff.get_by_role("button", name=f"Autoriser — {TERRITORY}").click()
        expect(staff.get_by_role("status")).to_contain_text("peut maintenant financer")
        assert_accessible(staff)

    today = utcnow().astimezone(ZoneInfo("Europe/Paris")).date()
    with signed_in_phone(browser, live_server, TERRITORY) as officer:
        visit(officer, "/territoire/")
        officer.get_by_role("link", name="Crédits locaux").click()
        officer.get_by_role("link", name="Créer un crédit local").click()
        expect(officer.get_by_role("heading", level=1)).to_have_text("Créer un crédit local")
        assert_accessible(officer)
        officer.get_by_label("Nom du crédit local").fill(NAME)
        officer.get_by_label("Montant par personne, en euros").fill("30")
        officer.get_by_label("Budget total, en euros").fill("10 000")
        for category in ("Spectacle vivant", "Musique live", "Cinéma"):
            officer.get_by_label(category, exact=True).check()
        officer.get_by_label("Premier jour").fill(today.isoformat())
        officer.get_by_label("Dernier jour").fill((today + dt.timedelta(days=60)).isoformat())
        officer.get_by_label("Jusqu'à").select_option(label="20 ans")
        officer.get_by_role("button", name="Créer le crédit local").click()
        expect(officer.get_by_role("status")).to_contain_text(f"« {NAME} » est créé")
        expect(officer.get_by_role("heading", level=2, name=NAME)).to_be_visible()
        assert_accessible(officer)

    login_as(Role.YOUNG)
    visit(page, "/profil/")
    local = page.locator("dt", has_text=NAME).locator("xpath=following-sibling::dd[1]")
    expect(local).to_contain_text("30,00")
    assert_accessible(page)
    visit(page, bookable_event_paths(demo_template_url, 1)[0])
    page.get_by_role("button", name="Réserver").click()
    paid = page.locator("dt", has_text="Payé par ton crédit local")
    expect(paid).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.get_by_role("status")).to_contain_text("C'est réservé")
    assert_accessible(page)
    visit(page, "/profil/")
    expect(page.locator("dt", has_text=NAME).locator("xpath=following-sibling::dd[1]")) \
        .not_to_contain_text(re.compile(r"^30,00"))
    assert_accessible(page)


def test_the_permission_and_the_programme_work_without_javascript(page_nojs):
    page = page_nojs
    sign_in(page, ADMIN)
    visit(page, "/admin/credits-locaux/")
    grant = page.get_by_role("button", name=f"Autoriser — {TERRITORY}")
    # The first test of this module may have granted it already: either way it ends granted.
    if grant.count():
        grant.click()
        expect(page.get_by_role("status")).to_contain_text("peut maintenant financer")
    expect(page.get_by_role("button", name=f"Retirer l'autorisation — {TERRITORY}")) \
        .to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Se déconnecter").click()

    sign_in(page, TERRITORY)
    visit(page, "/territoire/credits-locaux/nouveau")
    page.get_by_label("Nom du crédit local").fill("Pass lecture Hérault")
    page.get_by_label("Montant par personne, en euros").fill("15")
    page.get_by_label("Budget total, en euros").fill("10")
    page.get_by_label("Livre", exact=True).check()
    today = utcnow().astimezone(ZoneInfo("Europe/Paris")).date()
    page.get_by_label("Premier jour").fill(today.isoformat())
    page.get_by_label("Dernier jour").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Créer le crédit local").click()
    budget = page.get_by_label("Budget total, en euros")
    expect(budget).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("heading", name="Il y a un problème")).to_be_visible()
    assert_accessible(page)
    budget.fill("1 500")
    page.get_by_role("button", name="Créer le crédit local").click()
    expect(page.get_by_role("heading", level=2, name="Pass lecture Hérault")).to_be_visible()
    assert_accessible(page)
