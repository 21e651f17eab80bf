"""A crowd through HTTP against a live threaded server: people loading and answering the deck
while others sign in. The database (SQLite by default) must hold: not one 5xx."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from bs4 import BeautifulSoup
from werkzeug.serving import make_server

from tests import factories
from tests.functional.discovery.deck_data import bookable_offer

DECK_CLIENTS = 5
DECK_ROUNDS = 8
SIGN_INS = 18
CATEGORIES = ("LIVRE_PAPIER", "CONCERT", "SEANCE_CINE")


class Browser:
    """A person's browser: its own cookies, forms sent with their CSRF token."""

    def __init__(self, base_url: str, statuses: Counter, lock: threading.Lock):
        self.base_url = base_url
        self.statuses = statuses
        self.lock = lock
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, headers=None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        with self.lock:
            self.statuses[status] += 1
        return status, text

    def sign_in(self, email: str) -> int:
        _status, page = self.request("/connexion")
        status, _text = self.request("/connexion", {
            "csrf_token": csrf_token(page), "email": email, "password": factories.PASSWORD})
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(page: str) -> str:
    field = BeautifulSoup(page, "html.parser").find("input", attrs={"name": "csrf_token"})
    return field["value"] if field else ""


def offer_id(page: str) -> str | None:
    field = BeautifulSoup(page, "html.parser").find("input", attrs={"name": "offer_id"})
    return field["value"] if field else None


@pytest.fixture
def app_config(app_config) -> dict:
    # Not in testing mode: an error becomes a 500 page, as for real visitors.
    return {**app_config, "TESTING": False}


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture
def crowd(db_session):
    people = []
    for _ in range(DECK_CLIENTS + 1):
        person = factories.young(db_session)
        factories.deposit(db_session, person)
        people.append(person)
    for km in range(1, 31):
        bookable_offer(db_session, CATEGORIES[km % 3], km=km / 3)
    db_session.commit()
    return [person.email for person in people]


def test_the_deck_and_sign_ins_under_concurrency_never_give_a_server_error(live_server, crowd):
    statuses, lock = Counter(), threading.Lock()
    deck_people, signing_in = crowd[:DECK_CLIENTS], crowd[DECK_CLIENTS]
    sign_in_outcomes = []

    def use_the_deck(email: str) -> None:
        browser = Browser(live_server, statuses, lock)
        assert browser.sign_in(email) == 303
        for round_number in range(DECK_ROUNDS):
            _status, page = browser.request("/decouvrir/")
            card = offer_id(page)
            if card is None:
                continue
            browser.request("/decouvrir/reponse", {
                "csrf_token": csrf_token(page), "offer_id": card,
                "action": ("like", "skip")[round_number % 2]},
                headers={"HX-Request": "true", "HX-Target": "deck-card"})

    def sign_in_again(_number: int) -> None:
        sign_in_outcomes.append(Browser(live_server, statuses, lock).sign_in(signing_in))

    with ThreadPoolExecutor(max_workers=DECK_CLIENTS + 3) as pool:
        work = [pool.submit(use_the_deck, email) for email in deck_people]
        work += [pool.submit(sign_in_again, number) for number in range(SIGN_INS)]
        for future in work:
            future.result()

    server_errors = {status: count for status, count in statuses.items() if status >= 500}
    assert server_errors == {}, statuses
    assert sign_in_outcomes == [303] * SIGN_INS
    assert statuses[200] >= DECK_CLIENTS * DECK_ROUNDS
