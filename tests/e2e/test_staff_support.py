"""Staff find a booking by its token and cancel it with a reason, on a 360×740 phone and on a
1280×800 desktop, by keyboard only, axe clean at every state (docs/domain/support.md).

The module's copy of the demo database gets one new booking by a demo young person for each
screen before its server starts, so the tokens are known.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.devices import DEVICES, no_sideways_scroll, signed_in_on
from tests.e2e.helpers import assert_accessible, tab_to, visit
from tests.e2e.test_counter import book_for_the_counter
from tests.live_server import demo_server
from webapp.demo.accounts import ADMIN


@pytest.fixture(scope="module")
def tokens() -> list[str]:
    return []


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config, tokens) -> Iterator[str]:
    def prepare(url: str) -> None:
        tokens.extend(book_for_the_counter(url, len(DEVICES)))

    with demo_server(databases, demo_template_url, base_config, prepare) as base_url:
        yield base_url


def follow(page: Page, link) -> None:
    """Reach a link with Tab, open it with Enter, and scan the new page."""
    tab_to(page, link)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert_accessible(page)


@pytest.mark.parametrize("device", DEVICES)
def test_staff_find_a_booking_by_token_and_cancel_it_by_keyboard(browser, live_server, tokens,
                                                                   device):
    token = tokens[list(DEVICES).index(device)]
    with signed_in_on(device, browser, live_server, ADMIN) as page:
        visit(page, "/admin/support/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Support")

        tab_to(page, page.get_by_label("E-mail, nom ou contremarque"))
        page.keyboard.type(token.lower())
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
        assert_accessible(page)
        results = page.locator(".support-results a")
        expect(results).to_have_count(1)

        follow(page, results.first)
        expect(page.get_by_role("heading", name="Réservations")).to_be_visible()
        no_sideways_scroll(page, device)
        follow(page, page.get_by_role("link", name=token))
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Réservation {token}")

        # Sent without a reason first: the message beside the field, nothing cancelled.
        cancel = page.get_by_role("button", name="Annuler la réservation")
        tab_to(page, cancel)
        page.keyboard.press("Enter")
        expect(page.locator("#reason-error")).to_contain_text("Indique la raison")
        assert_accessible(page)

        tab_to(page, page.get_by_label("Raison de l'annulation (la personne la lira)"))
        page.keyboard.type("Offre annulée par le lieu, au téléphone avec la personne")
        tab_to(page, page.get_by_role("button", name="Annuler la réservation"))
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"La réservation {token} est annulée")).to_be_visible()
        assert_accessible(page)
        facts = page.locator("dl.facts")
        expect(facts).to_contain_text("Annulée")
        expect(page.locator(".support-audit")).to_contain_text(
            "Offre annulée par le lieu, au téléphone avec la personne")
        expect(page.get_by_role("button", name="Annuler la réservation")).to_have_count(0)
        no_sideways_scroll(page, device)
