"""The screens staff journeys run on: a 360×740 phone and a 1280×800 desktop.

A journey parametrized with `DEVICES` runs once on each, in the same module (one live server,
one copy of the demo database); `signed_in_on` opens a browser context of that size signed in
through the login form, and checks at the end that every state it showed was scanned by axe.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import PHONE, AccessibilityTracker, assert_accessible, visit
from webapp.demo.accounts import DEMO_PASSWORD

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}


def width_of(device: str) -> int:
    return DEVICES[device]["viewport"]["width"]


@contextmanager
def signed_in_on(device: str, browser: Browser, live_server: str, email: str,
                 password: str = DEMO_PASSWORD, *, javascript: bool = True) -> Iterator[Page]:
    """A browser of `device`'s size, signed in as `email` for the time of the block; with
    `javascript=False`, the page's scripts never run (axe still scans it)."""
    context = browser.new_context(base_url=live_server, locale="fr-FR", **DEVICES[device])
    page = context.new_page()
    tracker = AccessibilityTracker.attach(page, javascript=javascript)
    try:
        visit(page, "/connexion")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe", exact=True).fill(password)
        page.get_by_role("button", name="Se connecter").click()
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        assert_accessible(page)
        yield page
        assert tracker.unscanned_state() is None, tracker.unscanned_state()
    finally:
        context.close()


def no_sideways_scroll(page: Page, device: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width_of(device)
