"""Browser test helpers: every page state is checked with axe, and page weight is measured.

A page is tracked from the moment the `page` fixture creates it: each navigation of its main
frame (full loads, and the history entries htmx pushes) and each htmx swap moves it to a new
state. `assert_accessible` scans the current state with axe-core; the fixture's teardown fails
the test if the page reached a state that was never scanned, so a test cannot forget it.
`visit` navigates and scans in one step.

Pages "without JavaScript" have script execution switched off through the DevTools protocol
rather than by Playwright's `java_script_enabled=False`: axe needs timers, which never fire in
such a context, so the scan switches scripts on for its own duration only. The page's scripts
were skipped when it was parsed and do not run again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, CDPSession, Locator, Page, Response, expect
from playwright.sync_api import Error as PlaywrightError

from webapp.demo.accounts import ADMIN, DEMO_PASSWORD

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

# Counts htmx swaps in the page itself: they change what people see without any navigation.
SWAP_COUNTER_SCRIPT = """
window.__a11ySwaps = 0;
document.addEventListener("htmx:afterSettle", function () { window.__a11ySwaps += 1; });
"""

_axe = Axe()
# The colours axe measures must be those the page settles on: a button under the pointer when
# the page arrives starts its hover transition, and a scan in the middle of it measured a colour
# between the two (3.88:1, a flake in CI). Finite animations and transitions are let finish.
# A page in the background does not run its transitions: the wait is bounded (a second).
SETTLED = """Promise.race([
  Promise.all(document.getAnimations()
    .filter(animation => animation.effect.getComputedTiming().endTime !== Infinity)
    .map(animation => animation.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, 1000)),
])"""
AXE_RUN = f"axe.run(document, {json.dumps(AXE_OPTIONS)}).then(results => results.violations)"


def _scan(page: Page) -> list[dict]:
    """The violations axe-core finds in the page as it is now.

    axe's half-megabyte script is parsed once per document rather than once per scan: a page
    that htmx changes is scanned several times and keeps it.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    page.evaluate(SETTLED)
    return page.evaluate(AXE_RUN)
_trackers: WeakKeyDictionary[Page, AccessibilityTracker] = WeakKeyDictionary()


@dataclass
class AccessibilityTracker:
    """Remembers which states of a page were reached and which one was scanned last."""

    page: Page
    navigations: list[str] = field(default_factory=list)
    scanned: tuple[int, int] | None = None
    devtools: CDPSession | None = None

    @classmethod
    def attach(cls, page: Page, *, javascript: bool = True) -> AccessibilityTracker:
        tracker = cls(page)
        page.add_init_script(SWAP_COUNTER_SCRIPT)
        page.on("framenavigated", tracker._on_navigation)
        if not javascript:
            tracker.devtools = page.context.new_cdp_session(page)
            tracker._allow_scripts(False)
        _trackers[page] = tracker
        return tracker

    def _allow_scripts(self, allowed: bool) -> None:
        self.devtools.send("Emulation.setScriptExecutionDisabled", {"value": not allowed})

    def run_axe(self) -> list[dict]:
        if self.devtools is None:
            return _scan(self.page)
        self._allow_scripts(True)
        try:
            return _scan(self.page)
        finally:
            self._allow_scripts(False)

    def _on_navigation(self, frame) -> None:
        if frame == self.page.main_frame and frame.url != "about:blank":
            self.navigations.append(frame.url)

    def state(self) -> tuple[int, int]:
        # With JavaScript disabled the counter script never runs and there are no swaps.
        swaps = self.page.evaluate("window.__a11ySwaps || 0")
        return len(self.navigations), swaps

    def unscanned_state(self) -> str | None:
        """Describe the page's state if it was never scanned, else None."""
        if not self.navigations or self.page.is_closed():
            return None
        try:
            current = self.state()
        except PlaywrightError:
            return (
                f"{self.page.url} was still changing when the test ended: wait for the new "
                "state with expect(), then call assert_accessible(page)."
            )
        if current == self.scanned:
            return None
        return (
            f"{self.page.url} was shown but never checked with axe: call "
            "assert_accessible(page) after each navigation or swap, or use visit(page, path)."
        )


def assert_accessible(page: Page) -> None:
    """Scan the page as it is now with axe-core; fail on any violation, described in full."""
    tracker = _trackers.get(page) or AccessibilityTracker.attach(page)
    page.wait_for_load_state()
    for _attempt in range(3):
        before = tracker.state()
        violations = tracker.run_axe()
        if tracker.state() == before:
            break
    tracker.scanned = before
    if violations:
        pytest.fail(describe_violations(page.url, violations), pytrace=False)


def visit(page: Page, path: str) -> Response | None:
    """Open `path`, check that it loaded, and scan it for accessibility."""
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    assert_accessible(page)
    return response


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(" > ".join(part) if isinstance(part, list) else part
                              for part in node["target"])
            lines.append(f"    at {target}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n       ")
                lines.append(f"       {summary}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Transfer:
    """Bytes received over the network for one page load, as compressed on the wire."""

    documents: int = 0
    scripts: int = 0
    styles: int = 0
    images: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.documents + self.scripts + self.styles + self.images + self.other

    @property
    def without_images(self) -> int:
        return self.total - self.images

    def __str__(self) -> str:
        parts = ", ".join(
            f"{name} {getattr(self, name) / 1000:.1f} KB"
            for name in ("documents", "scripts", "styles", "images", "other")
        )
        return f"{self.total / 1000:.1f} KB ({parts})"


RESOURCE_KINDS = {
    "Document": "documents",
    "Script": "scripts",
    "Stylesheet": "styles",
    "Image": "images",
}


def measure_transfer(page: Page, path: str) -> Transfer:
    """Load `path` with a cold cache and add up what came over the network, by kind.

    The figures come from Chromium's own accounting (`encodedDataLength` of
    `Network.loadingFinished`): compressed bodies plus headers, as DevTools shows them.
    """
    cdp = page.context.new_cdp_session(page)
    kinds: dict[str, str] = {}
    sizes: dict[str, float] = {}
    cdp.on("Network.responseReceived", lambda event: kinds.__setitem__(
        event["requestId"], RESOURCE_KINDS.get(event["type"], "other")))
    cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(
        event["requestId"], event["encodedDataLength"]))
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.setBypassServiceWorker", {"bypass": True})
    try:
        page.goto(path, wait_until="networkidle")
    finally:
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        cdp.send("Network.setBypassServiceWorker", {"bypass": False})
        cdp.detach()
    totals = dict.fromkeys(("documents", "scripts", "styles", "images", "other"), 0)
    for request_id, size in sizes.items():
        totals[kinds.get(request_id, "other")] += int(size)
    return Transfer(**totals)


def shown_offer(page):
    """The link of the deck card to its offer: what identifies the card shown, since two
    cinemas may show the same film under the same title."""
    return page.locator(".deck-card a[href^='/offres/']")


PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> Page:
    """Sign in through the login form, as a person would, and check the page it leads to."""
    visit(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    assert_accessible(page)
    return page


@contextmanager
def signed_in_browser(browser: Browser, live_server: str, email: str,
                      password: str = DEMO_PASSWORD, *, screen: dict = PHONE,
                      javascript: bool = True) -> Iterator[Page]:
    """A browser context of `screen`'s size, signed in through the login form for the time of
    the block; every state it showed must have been scanned with axe by the end. With
    `javascript=False` the page's scripts never run (axe still scans it)."""
    context = browser.new_context(base_url=live_server, locale="fr-FR", **screen)
    page = context.new_page()
    tracker = AccessibilityTracker.attach(page, javascript=javascript)
    try:
        sign_in(page, email, password)
        yield page
        assert tracker.unscanned_state() is None, tracker.unscanned_state()
    finally:
        context.close()


def signed_in_phone(browser: Browser, live_server: str, email: str,
                    password: str = DEMO_PASSWORD):
    """Another phone, signed in as `email` for the time of the block."""
    return signed_in_browser(browser, live_server, email, password)


def staff_page(browser: Browser, live_server: str):
    """Another phone, signed in as the demo staff member, for the time of the block."""
    return signed_in_phone(browser, live_server, ADMIN)


def tab_to(page: Page, target: Locator, presses: int = 100) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would; fail after `presses`.

    The target is looked up again after each press, so an element that htmx swaps in is found.
    """
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{target} never received the focus by keyboard")
