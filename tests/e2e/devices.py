"""The screens staff journeys run on: a 360×740 phone and a 1280×800 desktop.

A journey parametrized with `DEVICES` runs once on each, in the same module (one live server,
one copy of the demo database); `signed_in_on` opens a browser context of that size signed in
through the login form, and checks at the end that every state it showed was scanned by axe.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from tests.e2e.helpers import PHONE, signed_in_browser
from webapp.demo.accounts import DEMO_PASSWORD

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}


def width_of(device: str) -> int:
    return DEVICES[device]["viewport"]["width"]


def signed_in_on(device: str, browser: Browser, live_server: str, email: str,
                 password: str = DEMO_PASSWORD, *, javascript: bool = True):
    """A browser of `device`'s size, signed in as `email` for the time of the block."""
    return signed_in_browser(browser, live_server, email, password, screen=DEVICES[device],
                             javascript=javascript)


def no_sideways_scroll(page: Page, device: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width_of(device)
