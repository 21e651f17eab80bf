"""Sign-up on a phone: by keyboard only with the inline password check, and without JavaScript;
then the confirmation link read in the staff outbox and followed."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_accessible, staff_page, visit
from tests.factories.users import Role

STRONG_PASSWORD = "culture-Jeune-2026!"


def sixteen_years_ago() -> dt.date:
    today = dt.date.today()
    return dt.date(today.year - 16, 1, 15)


def rule(page: Page, label: str):
    return page.locator("#password-rules-list li").filter(has_text=label)


def password_status(page: Page):
    return page.locator("#password-rules-status")


def confirmation_link(browser: Browser, live_server: str, recipient: str) -> str:
    """Sign in as staff in another browser, open the outbox and read the message's link."""
    with staff_page(browser, live_server) as staff:
        visit(staff, "/admin/courriels/")
        row = staff.get_by_role("row").filter(has_text=recipient)
        row.get_by_role("link", name="Confirme ton adresse e-mail").click()
        expect(staff.get_by_role("heading", level=1)).to_have_text("Confirme ton adresse e-mail")
        assert_accessible(staff)
        link = staff.locator("pre.email-body a").get_attribute("href")
        assert link and "/inscription/confirmer/" in link
        return re.sub(r"^https?://[^/]+", "", link)


def test_sign_up_by_keyboard_with_the_inline_rules_then_confirm(page, browser, live_server):
    visit(page, "/inscription")
    born = sixteen_years_ago()

    page.get_by_label("Adresse e-mail").focus()
    page.keyboard.type("clavier@example.org")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mot de passe", exact=True)).to_be_focused()

    page.keyboard.type("culture")
    expect(rule(page, "Une lettre majuscule")).to_have_class(re.compile(r"\bis-unmet\b"))
    expect(rule(page, "Une lettre minuscule")).to_have_class(re.compile(r"\bis-met\b"))
    expect(password_status(page)).to_contain_text("une lettre majuscule")
    assert_accessible(page)

    page.keyboard.type("-Jeune-2026!")
    expect(password_status(page)).to_have_text(
        "Toutes les règles du mot de passe sont respectées."
    )
    expect(page.locator("#password-rules-list li.is-unmet")).to_have_count(0)
    assert_accessible(page)

    page.keyboard.press("Tab")
    expect(page.get_by_label("Jour")).to_be_focused()
    page.keyboard.type(str(born.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(born.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(born.year))
    page.keyboard.press("Tab")
    terms = page.get_by_role("link", name="Lire les conditions générales d'utilisation")
    expect(terms).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Créer mon compte")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifie ta boîte mail")
    expect(page.get_by_text("Nous avons envoyé un message à clavier@example.org.")).to_be_visible()
    assert_accessible(page)

    visit(page, confirmation_link(browser, live_server, "clavier@example.org"))
    confirm = page.get_by_role("button", name="Confirmer mon adresse e-mail")
    assert_accessible(page)
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Merci, ton adresse e-mail est confirmée.")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_text("Confirme ton adresse e-mail.")).to_have_count(0)
    assert_accessible(page)


def test_sign_up_shows_its_errors_and_works_without_javascript(page_nojs, browser, live_server):
    page = page_nojs
    visit(page, "/inscription")
    page.get_by_label("Adresse e-mail").fill("sans-js@example.org")
    page.get_by_label("Mot de passe", exact=True).fill("motdepasse")
    page.get_by_label("Année").fill(str(dt.date.today().year - 12))
    page.get_by_role("button", name="Créer mon compte").click()

    expect(page.get_by_role("heading", name="Il y a un problème")).to_be_visible()
    expect(page.get_by_label("Mot de passe", exact=True)).to_have_accessible_description(
        re.compile("Ton mot de passe ne respecte pas toutes les règles")
    )
    expect(rule(page, "Une lettre majuscule")).to_have_class(re.compile(r"\bis-unmet\b"))
    expect(page.get_by_role("group", name="Date de naissance")).to_have_accessible_description(
        re.compile("Indique ta date de naissance")
    )
    expect(page.get_by_role("checkbox")).to_have_accessible_description(
        re.compile("Accepte les conditions générales d'utilisation")
    )
    assert_accessible(page)

    born = sixteen_years_ago()
    page.get_by_label("Mot de passe", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Jour").fill(str(born.day))
    page.get_by_label("Mois").fill(str(born.month))
    page.get_by_label("Année").fill(str(born.year))
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifie ta boîte mail")
    assert page.evaluate("typeof window.htmx") == "undefined"
    assert_accessible(page)

    visit(page, confirmation_link(browser, live_server, "sans-js@example.org"))
    page.get_by_role("button", name="Confirmer mon adresse e-mail").click()
    expect(page.get_by_text("Merci, ton adresse e-mail est confirmée.")).to_be_visible()
    assert_accessible(page)


def test_terms_page_is_public_and_accessible(page):
    visit(page, "/cgu")
    expect(page.get_by_role("heading", level=1)).to_have_text("Conditions générales d'utilisation")


def test_security_page_shows_its_errors_beside_the_fields(login_as):
    page = login_as(Role.PRO)
    visit(page, "/compte/securite")
    page.get_by_label("Mot de passe actuel").last.fill("Pas-le-bon-2026!")
    page.get_by_label("Nouveau mot de passe").fill("court")
    expect(page.locator("#password-password-rules-status")).to_contain_text("au moins 12")
    assert_accessible(page)
    page.get_by_role("button", name="Changer de mot de passe").click()
    new_password = page.get_by_label("Nouveau mot de passe")
    expect(new_password).to_have_accessible_description(
        re.compile("Ton mot de passe ne respecte pas toutes les règles")
    )
    expect(new_password).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_too_many_reset_requests_show_the_form_with_a_french_message(page, live_server):
    # Last of the module: the per-network counter it fills stays full for this server.
    visit(page, "/mot-de-passe-oublie")
    for attempt in range(6):
        page.get_by_label("Adresse e-mail de ton compte").fill(f"trop{attempt}@example.org")
        page.get_by_role("button", name="Recevoir un lien").click()
        if attempt < 5:
            expect(page.get_by_text(f"l'adresse trop{attempt}@example.org")).to_be_visible()
    expect(page.get_by_text("Trop de tentatives en peu de temps.")).to_be_visible()
    expect(page.get_by_label("Adresse e-mail de ton compte")).to_have_value("trop5@example.org")
    assert_accessible(page)
