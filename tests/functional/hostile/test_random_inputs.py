"""Hostile and random values sent to every form and every id the URL map exposes.

The forms are found as a person finds them: every page without a parameter in the URL map is
loaded (anonymously, then as a young person with some credit and a booking), and every <form>
on it is filled by hypothesis with hostile values and sent, CSRF token included. Pages whose
URL takes an integer are called with ids no row can have. Whatever is sent, the answer is never a
5xx, a value sent back in a page comes back escaped, and the money and places stay sound.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.bookings.api import book
from models.db import utcnow
from models.integrity.checks import check_integrity
from tests import factories
from tests.factories.users import PASSWORD
from tests.helpers import html, login

# A marker that must never come back unescaped in an HTML page.
MARKER = "<x-hostile>"
HOSTILE_TEXT = st.sampled_from([
    "", " ", MARKER, f'"{MARKER}', "' OR 1=1 --", "%00", "\x00", "../../etc/passwd",
    "9" * 30, "-1", "0", "2147483648", "9223372036854775808", "1e309", "NaN",
    "0001-01-01", "9999-12-31", "2026-02-30", "é" * 300, "\u202e\u0000\ufeff", "${7*7}",
    "{{7*7}}", "javascript:alert(1)", "https://evil.example/", "a@b", "💥" * 50,
])
HOSTILE_VALUE = HOSTILE_TEXT | st.text(max_size=80) | st.integers().map(str)
# Sending these would end the visitor's session or account, not test the form.
SKIPPED_ACTIONS = ("/deconnexion", "/compte/supprimer", "/profil/supprimer")
HOSTILE_IDS = (0, -1, 2**31, 2**63, 2**64 + 1, 10**30)
OTHER_AREAS = ("admin", "pro", "territory")


@dataclass(frozen=True)
class FoundForm:
    page: str
    action: str
    method: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.method} {self.action} (from {self.page})"


def plain_pages(app) -> list[str]:
    """Every GET URL of the map that takes no parameter, static files and media aside."""
    return sorted({
        rule.rule for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments
        and not rule.endpoint.startswith(("static", "media."))
    })


def integer_rules(app) -> list:
    return [rule for rule in app.url_map.iter_rules()
            if rule.arguments and all(_is_int(rule, name) for name in rule.arguments)]


def _is_int(rule, name: str) -> bool:
    converter = rule._converters.get(name)
    return converter is not None and converter.regex == r"\d+"


def forms_of(client, pages: list[str]) -> list[FoundForm]:
    found: dict[tuple[str, str, tuple[str, ...]], FoundForm] = {}
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.content_type:
            continue
        for form in html(response).find_all("form"):
            action = urlsplit(urljoin(page, form.get("action") or page)).path
            if action.startswith(SKIPPED_ACTIONS):
                continue
            names = tuple(sorted({field["name"] for field in form.find_all(attrs={"name": True})
                                  if field.name in ("input", "select", "textarea")
                                  and field["name"] != "csrf_token"}))
            method = (form.get("method") or "get").upper()
            found.setdefault((method, action, names), FoundForm(page, action, method, names))
    return list(found.values())


def send(client, form: FoundForm, values: dict[str, str]):
    if form.method == "GET":
        return client.get(form.action, query_string=values)
    page = client.get(form.page)
    token = html(page).find("input", attrs={"name": "csrf_token"})
    data = {**values, "csrf_token": token["value"] if token else ""}
    return client.post(form.action, data=data)


def assert_safe(response, form: FoundForm, values) -> None:
    assert response.status_code < 500, f"{form} answered {response.status_code} to {values!r}"
    if "html" in response.content_type:
        assert MARKER not in response.get_data(as_text=True), f"{form} echoed {MARKER} raw"


def attack(client, forms: list[FoundForm], examples: int) -> None:
    for form in forms:
        attack_form(client, form, examples)


def attack_form(client, form: FoundForm, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({name: HOSTILE_VALUE for name in form.fields}))
    def one_form(values):
        assert_safe(send(client, form, values), form, values)

    one_form()


@pytest.fixture
def young_with_a_booking(db_session):
    person = factories.young(db_session)
    factories.deposit(db_session, person)
    stock = factories.stock(db_session, price_cents=1200)
    book(db_session, person.id, stock.id, 1, utcnow())
    db_session.commit()
    return person


@pytest.mark.timeout(600)
def test_anonymous_forms_never_fail_on_hostile_values(app, client, db_session):
    factories.stock(db_session)
    db_session.commit()
    forms = forms_of(client, plain_pages(app))
    assert len(forms) >= 5, [str(form) for form in forms]
    attack(client, forms, examples=12)
    assert check_integrity(db_session) == []


@pytest.mark.timeout(600)
def test_a_young_persons_forms_never_fail_on_hostile_values(app, client, db_session,
                                                            young_with_a_booking):
    login(client, young_with_a_booking.email, PASSWORD)
    forms = forms_of(client, plain_pages(app) + ["/reservations/", "/offres/1"])
    assert len(forms) >= 8, [str(form) for form in forms]
    attack(client, forms, examples=12)
    db_session.expire_all()
    assert check_integrity(db_session) == []


def test_ids_no_row_can_have_are_not_found(app, client, db_session, young_with_a_booking):
    login(client, young_with_a_booking.email, PASSWORD)
    rules = integer_rules(app)
    assert rules, "the URL map has no integer route"
    for rule in rules:
        for value in HOSTILE_IDS:
            path = rule.rule
            for name in rule.arguments:
                path = path.replace(f"<int:{name}>", str(value))
            methods = rule.methods & {"GET", "POST"}
            for method in methods:
                response = client.open(path, method=method)
                # Another audience's area refuses a young person before looking the id up.
                refused = (403,) if rule.endpoint.startswith(OTHER_AREAS) else ()
                assert response.status_code in (400, 404, 405, *refused), (
                    f"{method} {path} answered {response.status_code}")


@pytest.mark.parametrize("path", ["/recherche/?q=a%00b", "/carte?lieu=%00"])
def test_a_nul_character_in_a_query_gets_a_french_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "caractère invisible" in html(response).find("main").get_text(" ")


def test_a_nul_character_in_a_form_gets_a_french_400_and_stores_nothing(client, db_session):
    token = html(client.get("/connexion")).find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post("/connexion", data={"csrf_token": token, "email": "a\x00@b.fr",
                                                "password": "x"})
    assert response.status_code == 400
    assert "caractère invisible" in html(response).find("main").get_text(" ")
