"""Access is closed by default: every endpoint is either reviewed as public or refuses strangers.

The URL map is walked, so a new endpoint is checked without anybody writing a test for it: it
must send anonymous visitors to the login page (or refuse them), and if it is reserved to some
capacities, every kind of account holding none of them gets 403. Opening an endpoint to the
public means adding it to `PUBLIC_ENDPOINTS` below, in a reviewed change. Who sees whose
objects is proved endpoint by endpoint in `test_authorization_matrix.py`.
"""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, FloatConverter, IntegerConverter, UUIDConverter

from models.users.capacities import Capacity
from tests import factories
from tests.factories.users import Role
from tests.helpers import LOGIN_PATH, csrf_token, login
from webapp.views import register_blueprints

PUBLIC_ENDPOINTS = frozenset(
    {
        # The front door and the accessibility statement.
        "main.home",
        "main.accessibility",
        # Getting an account, and back into it: nobody is signed in yet.
        "account.login",
        "account.signup",
        "account.check_password",
        "account.confirm_email",
        # The page with the activation button behind the e-mailed link, and "check your inbox":
        # the person is not signed in yet (nothing is written by opening them).
        "account.confirm_email_page",
        "account.signup_sent",
        "account.confirm_email_change",
        "account.forgotten_password",
        "account.reset_password",
        "account.terms",
        # Cultural actors sign up as young people do, before they have an account.
        "pro_structures.signup",
        # An invitation's link shows what it holds and how to sign in or create an account;
        # joining is a POST for the signed-in invited account (nothing is written by opening).
        "pro_members.invitation",
        # Sign-up and search forms suggest communes before anybody has an account.
        "communes.suggestions",
        # The catalogue can be browsed before signing up; booking needs an account.
        "discover.deck",
        "discover.answer",
        # Taking the last answer back, for visitors as for young people (their history is kept
        # in their session): it changes only the person's own deck.
        "discover.undo",
        "discover.position",
        "search.results",
        "map.index",
        "map.position",
        "map.geolocation",
        "map.venue",
        "offers.detail",
        "media.image",
        # Open data: the published figures of régions and départements, for everybody
        # (no personal data, only what the secrecy layer publishes).
        "open_data.index",
        "open_data.territory",
        "open_data.territory_csv",
        # The installable app's shell must load for anybody, offline included.
        "pwa.manifest",
        "pwa.service_worker",
        "pwa.offline",
    }
)

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _url_map_app() -> Flask:
    # The blueprints alone, so the tests can be listed at collection time without a database;
    # `test_walked_endpoints_are_those_of_the_real_app` proves nothing is missed this way.
    app = Flask(__name__, static_folder=None)
    register_blueprints(app)
    return app


def _dummy_value(converter):
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, FloatConverter):
        return 1.0
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "x"


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    """Every (endpoint, method, path) of the app, paths built with dummy arguments."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        # Werkzeug keeps no public accessor for a rule's converters.
        values = {name: _dummy_value(converter) for name, converter in rule._converters.items()}
        _domain, path = rule.build(values, append_unknown=False)
        for method in sorted(rule.methods - IGNORED_METHODS):
            routes.append((rule.endpoint, method, path))
    return routes


URL_MAP_APP = _url_map_app()
ROUTES = _routes(URL_MAP_APP)
PUBLIC_ROUTES = [route for route in ROUTES if route[0] in PUBLIC_ENDPOINTS]
PRIVATE_ROUTES = [route for route in ROUTES if route[0] not in PUBLIC_ENDPOINTS]


# The capacity each kind of test account holds (staff accounts hold every permission).
CAPACITY_OF = {
    Role.YOUNG: Capacity.BENEFICIARY,
    Role.PRO: Capacity.PRO,
    Role.TERRITORY: Capacity.TERRITORY,
    Role.ADMIN: Capacity.STAFF,
}


def _required_roles(endpoint: str) -> frozenset[Role] | None:
    capacities = getattr(URL_MAP_APP.view_functions[endpoint], "required_capacities", None)
    if capacities is None:
        return None
    return frozenset(role for role in Role if CAPACITY_OF[role] in capacities)


ROLE_CASES = [
    (endpoint, method, path, role)
    for endpoint, method, path in ROUTES
    if _required_roles(endpoint) is not None
    for role in Role
]
REFUSED_CASES = [case for case in ROLE_CASES if case[3] not in _required_roles(case[0])]
ADMITTED_CASES = [case for case in ROLE_CASES if case[3] in _required_roles(case[0])]


def _route_id(value):
    return value.value if isinstance(value, Role) else str(value)


def request_like_a_browser(client, method: str, path: str):
    """Send the request; forms other than GET carry a valid CSRF token, as a browser's would.

    The token comes from the login page in the same client session, so what is tested is
    authorisation, not CSRF protection.
    """
    if method == "GET":
        return client.get(path)
    token = csrf_token(client.get(LOGIN_PATH))
    return client.open(path, method=method, data={"csrf_token": token})


def sign_in_as(client, db_session, role: Role) -> None:
    person = factories.user(db_session, role)
    db_session.commit()
    response = login(client, person.email, factories.PASSWORD)
    assert response.status_code == 303, f"could not sign in as {role}"


def test_walked_endpoints_are_those_of_the_real_app(app):
    real = {rule.endpoint for rule in app.url_map.iter_rules()} - {"static"}
    assert {endpoint for endpoint, _method, _path in ROUTES} == real


def test_public_endpoints_are_exactly_the_reviewed_list():
    marked = {
        endpoint
        for endpoint, view in URL_MAP_APP.view_functions.items()
        if getattr(view, "is_public", False)
    }
    assert marked - PUBLIC_ENDPOINTS == set(), "marked @public but not reviewed in this list"
    assert PUBLIC_ENDPOINTS - marked == set(), "listed here but not marked @public"


@pytest.mark.parametrize(("endpoint", "method", "path"), PUBLIC_ROUTES, ids=_route_id)
def test_public_endpoint_answers_anonymous_visitors(client, endpoint, method, path):
    response = request_like_a_browser(client, method, path)
    assert response.status_code not in (401, 403)
    assert urlsplit(response.location or "").path != LOGIN_PATH
    assert response.status_code < 500


@pytest.mark.parametrize(("endpoint", "method", "path"), PRIVATE_ROUTES, ids=_route_id)
def test_private_endpoint_turns_anonymous_visitors_away(client, endpoint, method, path):
    response = request_like_a_browser(client, method, path)
    assert response.status_code in (302, 303, 401, 403)
    if response.status_code in (302, 303):
        location = urlsplit(response.location)
        assert location.path == LOGIN_PATH
        assert parse_qs(location.query)["next"] == [path]


@pytest.mark.parametrize(("endpoint", "method", "path", "role"), REFUSED_CASES, ids=_route_id)
def test_role_restricted_endpoint_refuses_other_roles(
    client, db_session, endpoint, method, path, role
):
    sign_in_as(client, db_session, role)
    assert request_like_a_browser(client, method, path).status_code == 403


@pytest.mark.parametrize(("endpoint", "method", "path", "role"), ADMITTED_CASES, ids=_route_id)
def test_role_restricted_endpoint_admits_its_roles(
    client, db_session, endpoint, method, path, role
):
    sign_in_as(client, db_session, role)
    status = request_like_a_browser(client, method, path).status_code
    assert status != 403
    assert status < 500
