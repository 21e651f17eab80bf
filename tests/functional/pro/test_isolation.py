"""Isolation of structures, generated from the URL map: another structure's object is "not found".

Every route of the pro area that takes an argument is called by a validated member of another
structure, with the ids of objects of a first structure, for every method it accepts. Each must
answer 404 and show nothing of the first structure (its name, its offer, its venue, the person
who booked, the booking's token). The same GET routes called by a member of the first structure
must not answer 404, which proves the ids are real: an isolation test fed wrong ids would pass
for nothing.

A new pro route is checked the day it is added. A route whose argument names an object this
module does not know fails until the object is added to `_first_structure` below.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.bookings.api import book
from models.db import utcnow
from tests import factories
from tests.functional.pro.structure_objects import structure_objects
from tests.functional.test_access import IGNORED_METHODS, URL_MAP_APP, request_like_a_browser
from tests.helpers import login

STRUCTURE_NAME = "Théâtre Isolé-Témoin"
VENUE_NAME = "Salle Isolée-Témoin"
OFFER_NAME = "Spectacle Isolé-Témoin"
BOOKER_LAST_NAME = "Réservant-Témoin"
# Arguments that are not ids of a structure's objects (signed links carry their own proof).
NOT_OBJECT_ARGUMENTS = frozenset({"token", "checksum"})


@dataclass
class FirstStructure:
    ids: dict[str, int] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    structure: object = None


def _first_structure(session) -> FirstStructure:
    """A structure with one object of every kind a pro route may name, and a booking."""
    objects = structure_objects(session, structure_name=STRUCTURE_NAME, venue_name=VENUE_NAME,
                                offer_name=OFFER_NAME)
    booker = factories.young(session, last_name=BOOKER_LAST_NAME)
    factories.deposit(session, booker)
    booking = book(session, booker.id, objects.stock.id, 1, utcnow())
    return FirstStructure(
        ids={**objects.ids, "booking_id": booking.id},
        secrets=(STRUCTURE_NAME, VENUE_NAME, OFFER_NAME, BOOKER_LAST_NAME, booking.token),
        structure=objects.structure,
    )


def _pro_routes_with_ids(ids: dict[str, int]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(endpoint, method, path) of every pro route naming an object, and the unknown arguments."""
    routes, unknown = [], []
    for rule in URL_MAP_APP.url_map.iter_rules():
        if not rule.endpoint.startswith("pro") or not rule.arguments - NOT_OBJECT_ARGUMENTS:
            continue
        missing = rule.arguments - NOT_OBJECT_ARGUMENTS - ids.keys()
        if missing:
            unknown.append(f"{rule.rule} ({rule.endpoint}) names {sorted(missing)}")
            continue
        values = {name: ids.get(name, "x") for name in rule.arguments}
        _domain, path = rule.build(values, append_unknown=False)
        routes.extend((rule.endpoint, method, path)
                      for method in sorted(rule.methods - IGNORED_METHODS))
    return sorted(routes, key=lambda route: (route[1] != "GET", route)), unknown


def _signed_in_member(client, session, structure=None):
    member = factories.pro(session, structure=structure)
    session.commit()
    assert login(client, member.email, factories.PASSWORD).status_code == 303


def test_every_pro_route_naming_an_object_is_covered(db_session):
    first = _first_structure(db_session)
    routes, unknown = _pro_routes_with_ids(first.ids)
    assert unknown == [], "add these objects to _first_structure:\n" + "\n".join(unknown)
    assert routes, "the pro area has routes naming objects"


def test_a_member_of_another_structure_finds_nothing_of_the_first(client, db_session):
    first = _first_structure(db_session)
    _signed_in_member(client, db_session)
    routes, _unknown = _pro_routes_with_ids(first.ids)

    wrong, leaks = [], []
    for endpoint, method, path in routes:
        response = request_like_a_browser(client, method, path)
        if response.status_code != 404:
            wrong.append(f"{method} {path} ({endpoint}) answered {response.status_code}")
        body = response.get_data(as_text=True)
        leaks += [f"{method} {path} shows {secret!r}" for secret in first.secrets
                  if secret in body]
    assert wrong == [], "\n".join(wrong)
    assert leaks == [], "\n".join(leaks)


def test_a_member_of_the_first_structure_finds_its_objects(client, db_session):
    first = _first_structure(db_session)
    _signed_in_member(client, db_session, structure=first.structure)
    routes, _unknown = _pro_routes_with_ids(first.ids)

    missing = [f"GET {path} ({endpoint})" for endpoint, method, path in routes
               if method == "GET" and client.get(path).status_code == 404]
    assert missing == [], "\n".join(missing)
