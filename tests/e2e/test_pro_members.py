"""On a phone and by keyboard only, the demo pro invites a colleague; the colleague opens the
e-mailed link, creates a pro account, confirms it and lands as a member. Axe clean at each page.

The links are read from the outbox table of the module's own copy of the demo database, as the
colleague would read them in their mailbox.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.db import make_engine
from models.emails.models import OutboundEmail
from models.offerers.models import Structure
from tests.e2e.helpers import (
    PHONE,
    AccessibilityTracker,
    assert_accessible,
    measure_transfer,
    visit,
)
from tests.live_server import demo_server
from webapp.demo.accounts import DEMO_PASSWORD, PRO, PRO_SIREN
from webapp.demo.pro_scenario import INVITED

COLLEAGUE = "colin.clavier@culture-herault.example"
COLLEAGUE_PASSWORD = "Collegue-Clavier-2026!"
STRUCTURE = "Association Culture en Hérault"


@pytest.fixture(scope="module")
def database() -> dict:
    return {}


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config, database) -> Iterator[str]:
    """The conftest's server; its database URL is kept to read the outbox."""
    def prepare(url: str) -> None:
        database["url"] = url

    with demo_server(databases, demo_template_url, base_config, prepare) as base_url:
        yield base_url


def _read(database_url: str, query):
    engine = make_engine(database_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        value = session.scalar(query)
    engine.dispose()
    return value


def link_sent_to(database_url: str, recipient: str, path_start: str) -> str:
    """The path of the last link starting with `path_start` e-mailed to `recipient`."""
    body = _read(database_url, select(OutboundEmail.body_text)
                 .where(OutboundEmail.recipient == recipient)
                 .where(OutboundEmail.body_text.contains(path_start))
                 .order_by(OutboundEmail.id.desc()).limit(1))
    assert body, f"no e-mail with a {path_start} link to {recipient}"
    links = [urlsplit(link).path for link in re.findall(r"https?://\S+", body)]
    return next(path for path in links if path.startswith(path_start))


def type_into(page: Page, label: str, text: str, **options) -> None:
    page.get_by_label(label, **options).focus()
    page.keyboard.type(text)


def press(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name)
    button.focus()
    page.keyboard.press("Enter")


def sign_in_by_keyboard(page: Page, email: str, password: str) -> None:
    type_into(page, "Adresse e-mail", email)
    type_into(page, "Mot de passe", password, exact=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_a_member_invites_a_colleague_who_signs_up_and_joins(page, browser, live_server,
                                                             database):
    structure_id = _read(database["url"],
                         select(Structure.id).where(Structure.siren == PRO_SIREN))
    members_path = f"/pro/structures/{structure_id}/membres"

    visit(page, "/connexion?next=" + members_path)
    sign_in_by_keyboard(page, PRO, DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Membres de {STRUCTURE}")
    assert_accessible(page)

    type_into(page, "Adresse e-mail de ta ou ton collègue", "colin@")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Adresse e-mail de ta ou ton collègue"))\
        .to_have_accessible_description(re.compile("adresse e-mail valide"))
    assert_accessible(page)

    field = page.get_by_label("Adresse e-mail de ta ou ton collègue")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(COLLEAGUE)
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Invitation envoyée à {COLLEAGUE}.")).to_be_visible()
    expect(page.get_by_role("button", name=f"Annuler l'invitation de {COLLEAGUE}")).to_be_visible()
    assert_accessible(page)

    invitation = link_sent_to(database["url"], COLLEAGUE, "/pro/invitation/")
    colleague_context = browser.new_context(base_url=live_server, locale="fr-FR", **PHONE)
    colleague = colleague_context.new_page()
    AccessibilityTracker.attach(colleague)
    try:
        visit(colleague, invitation)
        expect(colleague.get_by_role("heading", level=1))\
            .to_have_text(f"Invitation à rejoindre {STRUCTURE}")
        create = colleague.get_by_role("link", name="Créer mon compte pro")
        create.focus()
        colleague.keyboard.press("Enter")
        expect(colleague.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(colleague)

        type_into(colleague, "Adresse e-mail professionnelle", COLLEAGUE)
        type_into(colleague, "Mot de passe", COLLEAGUE_PASSWORD, exact=True)
        colleague.get_by_role("checkbox").focus()
        colleague.keyboard.press("Space")
        press(colleague, "Créer mon compte")
        expect(colleague.get_by_role("heading", level=1)).to_have_text("Vérifie ta boîte mail")
        assert_accessible(colleague)

        visit(colleague, link_sent_to(database["url"], COLLEAGUE, "/inscription/confirmer/"))
        press(colleague, "Confirmer mon adresse e-mail")
        expect(colleague.get_by_role("heading", level=1))\
            .to_have_text(f"Invitation à rejoindre {STRUCTURE}")
        assert_accessible(colleague)

        press(colleague, f"Rejoindre {STRUCTURE}")
        expect(colleague.get_by_text(f"Bienvenue : tu es désormais membre de {STRUCTURE}."))\
            .to_be_visible()
        expect(colleague.get_by_role("heading", level=1)).to_have_text(f"Membres de {STRUCTURE}")
        expect(colleague.get_by_role("row").filter(has_text=COLLEAGUE)).to_contain_text("Membre")
        assert_accessible(colleague)
    finally:
        colleague_context.close()

    transfer = measure_transfer(page, members_path)
    print(f"members page, first load: {transfer}")
    assert transfer.total < 60_000, f"the members page weighs {transfer}"
    expect(page.get_by_role("row").filter(has_text=COLLEAGUE)).to_contain_text("Membre")
    # The colleague's invitation is used: only the demo's own open invitation is left.
    invitations = page.get_by_role("region", name="Invitations en cours")
    expect(invitations.locator(".members-email")).to_have_text([INVITED])
    assert_accessible(page)
