"""Each demo account signs in, finds the page made for its role, and signs out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DEMO_LOGINS
from tests.e2e.helpers import assert_accessible, measure_transfer, visit
from tests.factories.users import Role
from webapp.demo.accounts import DEMO_PASSWORD

HOME_PAGE_BUDGET_BYTES = 50_000


def expect_young_account(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    credit = page.get_by_role("term").filter(has_text="Crédit restant")
    expect(credit.locator("xpath=following-sibling::dd[1]")).to_have_text(re.compile(r"200,00\s€"))


def expect_young_home(page: Page) -> None:
    """Young people land on the discovery deck; their credit is on their account page."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Découvrir")
    assert_accessible(page)
    page.get_by_role("navigation", name="Onglets").get_by_role("link", name="Profil").click()
    expect_young_account(page)


def expect_pro_home(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace pro")
    venues = page.get_by_role("table", name="Lieux de Association Culture en Hérault")
    expect(venues.get_by_role("rowheader", name="Théâtre des Treize Vents")).to_be_visible()


def expect_admin_home(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
    for counter in (
        "Vérifications d'identité en attente",
        "Structures en attente de validation",
        "Offres en attente de modération",
    ):
        expect(page.get_by_role("term").filter(has_text=counter)).to_be_visible()


def expect_territory_home(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hérault")


ROLE_HOMES = {
    Role.YOUNG: expect_young_home,
    Role.PRO: expect_pro_home,
    Role.ADMIN: expect_admin_home,
    Role.TERRITORY: expect_territory_home,
}


def sign_in_by_keyboard(page: Page, email: str, password: str) -> None:
    page.get_by_label("Adresse e-mail").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_demo_account_signs_in_by_keyboard_and_sees_the_page_of_its_role(page, role):
    visit(page, "/connexion")
    sign_in_by_keyboard(page, DEMO_LOGINS[role], DEMO_PASSWORD)
    ROLE_HOMES[role](page)
    assert_accessible(page)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_demo_account_signs_out_with_the_header_button(login_as, role):
    page = login_as(role)
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
    assert_accessible(page)


def test_wrong_password_shows_a_french_error_tied_to_the_password_field(page):
    visit(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill(DEMO_LOGINS[Role.YOUNG])
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="Se connecter").click()
    password = page.get_by_label("Mot de passe")
    expect(password).to_have_accessible_description(
        re.compile("Adresse e-mail ou mot de passe incorrect")
    )
    expect(password).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_sign_in_works_without_javascript(page_nojs):
    visit(page_nojs, "/connexion")
    page_nojs.get_by_label("Adresse e-mail").fill(DEMO_LOGINS[Role.YOUNG])
    page_nojs.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page_nojs.get_by_role("button", name="Se connecter").click()
    expect_young_home(page_nojs)
    assert page_nojs.evaluate("typeof window.htmx") == "undefined"
    assert_accessible(page_nojs)


def test_home_page_weighs_less_than_its_budget(page):
    transfer = measure_transfer(page, "/")
    print(f"home page transfer: {transfer}")
    assert transfer.total < HOME_PAGE_BUDGET_BYTES
    assert_accessible(page)
