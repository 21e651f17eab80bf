"""From a new account to a credit: profile, commune autocomplete, ID upload, staff approval.

Everything is done by keyboard where a person would (typing, Tab, Space, Enter) on a phone-sized
screen, and every page and swapped state is scanned with axe. The completion form is also
filled with JavaScript disabled, where the commune is chosen among radio buttons the server
shows after a first submission.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import count

from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, visit
from tests.functional.identity import sample_documents
from webapp.demo.accounts import ADMIN, DEMO_PASSWORD

PASSWORD = "Culture-Parcours-2026!"
_numbers = count(1)


def new_email() -> str:
    return f"parcours-identite-{next(_numbers)}-{dt.datetime.now().timestamp():.0f}@example.org"


def type_into(page: Page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def sign_up(page: Page, email: str, born: dt.date) -> None:
    """Create an account through the sign-up page, then sign in: the profile completion."""
    visit(page, "/inscription")
    type_into(page, "Adresse e-mail", email)
    type_into(page, "Mot de passe", PASSWORD)
    type_into(page, "Jour", str(born.day))
    type_into(page, "Mois", str(born.month))
    type_into(page, "Année", str(born.year))
    page.get_by_label("J'accepte les conditions générales d'utilisation").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Créer mon compte").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifie ta boîte mail")
    assert_accessible(page)
    # The address is confirmed later: signing in with the password works meanwhile.
    sign_in(page, email, PASSWORD, then="/profil/completer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compléter mon profil")


def sign_in(page: Page, email: str, password: str, then: str = "") -> None:
    visit(page, f"/connexion?next={then}" if then else "/connexion")
    type_into(page, "Adresse e-mail", email)
    type_into(page, "Mot de passe", password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    assert_accessible(page)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Se connecter")).to_be_visible()
    assert_accessible(page)


def eighteen_years_old() -> dt.date:
    today = dt.date.today()
    return dt.date(today.year - 18, today.month, 1) - dt.timedelta(days=100)


def fill_personal_data(page: Page) -> None:
    type_into(page, "Prénom", "Inès")
    type_into(page, "Nom", "Benali")
    type_into(page, "Adresse", "4 rue de la République")


def choose_situation(page: Page) -> None:
    page.get_by_label("Ta situation").select_option(label="Lycéen ou lycéenne")


def test_a_new_young_person_gets_the_credit_once_staff_approve_the_id(page: Page):
    email = new_email()
    sign_up(page, email, eighteen_years_old())

    fill_personal_data(page)
    type_into(page, "Commune", "Saint-Deni")
    choice = page.get_by_role("radio", name="Saint-Denis (93200, 93)")
    expect(choice).to_be_visible()
    assert_accessible(page)
    choice.focus()
    page.keyboard.press("Space")
    expect(choice).to_be_checked()
    type_into(page, "Code postal", "93200")
    choose_situation(page)
    page.get_by_role("button", name="Continuer").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier mon identité")
    expect(page.get_by_text("tu recevras 150,00 €")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Photo ou scan de ta pièce d'identité").set_input_files(
        files=[{"name": "carte.jpg", "mimeType": "image/jpeg", "buffer": sample_documents.jpeg()}]
    )
    page.get_by_label(re.compile("^Je certifie sur l'honneur")).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Envoyer ma demande").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.get_by_text("En cours de vérification")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, ADMIN, DEMO_PASSWORD)
    page.get_by_role("link", name="Traiter les vérifications d'identité").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifications d'identité")
    assert_accessible(page)
    page.get_by_role("link", name="Inès Benali").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande de Inès Benali")
    document = page.get_by_role("img", name="Pièce d'identité envoyée par Inès Benali")
    expect(document).to_be_visible()
    assert page.evaluate("element => element.naturalWidth", document.element_handle()) == 8
    assert_accessible(page)
    page.get_by_role("button", name="Valider et ouvrir le crédit").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Demande de Inès Benali validée")).to_be_visible()
    expect(page.get_by_role("link", name="Inès Benali")).to_have_count(0)
    assert_accessible(page)
    sign_out(page)

    sign_in(page, email, PASSWORD, then="/profil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    credit = page.get_by_role("term").filter(has_text="Crédit restant")
    expect(credit.locator("xpath=following-sibling::dd[1]")).to_have_text(re.compile(r"150,00\s€"))
    expect(page.get_by_text("Validée", exact=True)).to_be_visible()


def test_the_profile_can_be_completed_with_javascript_disabled(page_nojs: Page):
    page = page_nojs
    sign_up(page, new_email(), eighteen_years_old())
    fill_personal_data(page)
    type_into(page, "Commune", "Saint-Denis")
    type_into(page, "Code postal", "97400")
    choose_situation(page)
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", name="Il y a un problème")).to_be_visible()
    summary_link = page.get_by_role("link", name=re.compile("^Commune : Plusieurs communes"))
    expect(summary_link).to_be_visible()
    expect(page.get_by_role("group", name=re.compile("communes trouvées"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name="Saint-Denis (97400, 974)").check()
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier mon identité")
    assert_accessible(page)
