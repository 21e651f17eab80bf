"""Browser tests: the system Chromium, driven by Playwright, against a live server per module.

Each test module gets its own copy of the demo database (see `demo_template_url`) and its own
server on a free loopback port, serving the app exactly as `wsgi.py` does, WhiteNoise
included. Each test gets a fresh browser context, a phone-sized one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.helpers import PHONE, AccessibilityTracker, sign_in
from tests.factories.users import Role
from tests.live_server import demo_server
from webapp.demo.accounts import DEMO_ACCOUNTS, YOUNG_17

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking switches Chromium keeps calling Google services, which
# fail here and fill the logs; the tests must not depend on any third-party request anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The demo accounts by role, plus the second young person, aged 17.
DEMO_LOGINS = {**DEMO_ACCOUNTS, "young17": YOUNG_17}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def frozen_clock(session_clock) -> Iterator[None]:
    """Browser tests share a server and its database across a module, so their clock never
    goes back to the session's instant between tests: it runs on from it, as a real one would
    (a card answered in one test stays answered before, not after, the next test's)."""
    yield None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure_chromium.sh", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config) -> Iterator[str]:
    """The base URL of a server on a fresh copy of the demo database, for one test module."""
    with demo_server(databases, demo_template_url, base_config) as base_url:
        yield base_url


def _tracked_page(request, browser: Browser, live_server: str, *, javascript: bool):
    context = browser.new_context(base_url=live_server, locale="fr-FR", **PHONE)
    page = context.new_page()
    tracker = AccessibilityTracker.attach(page, javascript=javascript)
    yield page
    unscanned = None if getattr(request.node, "call_failed", True) else tracker.unscanned_state()
    context.close()
    if unscanned:
        pytest.fail(unscanned, pytrace=False)


@pytest.fixture
def page(request, browser, live_server) -> Iterator[Page]:
    """A new phone-sized browser context in French, whose every state must pass axe."""
    yield from _tracked_page(request, browser, live_server, javascript=True)


@pytest.fixture
def page_nojs(request, browser, live_server) -> Iterator[Page]:
    """The same, with JavaScript disabled: every journey must work without it."""
    yield from _tracked_page(request, browser, live_server, javascript=False)


@pytest.fixture
def login_as(page) -> Callable[[Role | str], Page]:
    """Sign in through the login form as a demo account: a `Role`, or "young17"."""

    return lambda account: sign_in(page, DEMO_LOGINS[account])
