"""Staff prepare a future credit programme on a 360×740 phone by keyboard: a refusal said beside
its field, the preview of who it concerns, then the programme created; axe clean at every state
(docs/domain/2-credit.md, "Programmes in the back-office")."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, tab_to, visit
from tests.factories.users import Role

MAX_TABS = 80


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True), MAX_TABS)
    page.keyboard.type(text)


def fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_staff_preview_then_create_a_future_programme_by_keyboard(page, login_as):
    login_as(Role.ADMIN)
    visit(page, "/admin/programmes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmes de crédit")
    in_force = page.get_by_role("region", name="Programmes en vigueur")
    expect(in_force).to_contain_text("150,00")
    expect(page.get_by_text("Aucun programme à venir.")).to_be_visible()
    fits_the_phone(page)
    assert_accessible(page)

    tab_to(page, page.get_by_role("link", name="Préparer un programme"), MAX_TABS)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Préparer un programme")
    assert_accessible(page)

    # Name and first day only: no amount at any age is refused, beside the first amount.
    type_into(page, "Nom du programme", "Réforme 2026")
    # The test browser's date picker follows its own interface language (American English:
    # month first), not the page's; a French one takes 01092026.
    type_into(page, "Premier jour", "09012026")
    expect(page.get_by_label("Premier jour")).to_have_value("2026-09-01")
    page.keyboard.press("Enter")
    error = page.locator("#amount_15-error")
    expect(error).to_contain_text("au moins un âge")
    expect(page.get_by_label("Montant à 15 ans (en euros)")).to_have_attribute(
        "aria-describedby", "amount_15-error")
    expect(page.get_by_label("Nom du programme")).to_have_value("Réforme 2026")
    fits_the_phone(page)
    assert_accessible(page)

    type_into(page, "Montant à 17 ans (en euros)", "60")
    type_into(page, "Montant à 18 ans (en euros)", "160")
    page.keyboard.press("Enter")  # the form's first button: the preview
    expect(page.get_by_role("heading", level=2, name="Aperçu : qui ce programme concernera")
           ).to_be_visible()
    preview = page.get_by_role("region", name="Personnes par âge au premier jour du programme")
    expect(preview.get_by_role("row")).to_have_count(5)  # the header, then 15 to 18
    expect(page.locator(".programme-preview")).to_contain_text(
        "n'ouvrira plus de nouveaux crédits après le 31 août 2026")
    fits_the_phone(page)
    assert_accessible(page)

    tab_to(page, page.get_by_role("button", name="Créer le programme"), MAX_TABS)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmes de crédit")
    expect(page.get_by_text("Le programme « Réforme 2026 » est ajouté")).to_be_visible()
    future = page.get_by_role("region", name="Programmes à venir")
    expect(future).to_contain_text("Réforme 2026")
    expect(future).to_contain_text("à partir du 1 septembre 2026")
    expect(in_force).to_contain_text("au 31 août 2026")
    fits_the_phone(page)
    assert_accessible(page)
