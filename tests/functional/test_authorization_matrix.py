"""Every endpoint of the URL map against every kind of person, with the outcome each must get.

The people (docs/domain/access.md): nobody signed in, the young person who owns the objects, another
young person, a member of the structure that owns the offer, a member of another structure, a
territory officer, staff holding every permission, and for each permission staff holding only it
and staff holding all but it. Paths carry the ids of objects owned by the first young person and
the first structure. The expected outcome is computed from what each view declares
(`@public`, `@requires`, `@requires_permission`) and from who owns the ids:

- anonymous visitors are sent to the login page (public endpoints excepted);
- a capacity or a permission missing answers 403;
- somebody else's object answers 404, and no page shown to a stranger carries the owner's data;
- everything else is admitted: no 401, 403 or 404, no 5xx, no detour by the login page.

One test per kind of person walks every route, so a new endpoint is checked without anybody
writing a test for it; a failure lists every route that answered otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from models.bookings.api import book
from models.db import utcnow
from models.emails.api import queue_email
from models.emails.messages import Message
from models.identity.models import IdentityCheck, IdentityDocument
from models.moderation.models import ModerationRule, RuleKind
from models.notifications.api import notify
from models.social.models import Review
from models.users.capacities import Capacity
from models.users.models import StaffPermission
from tests import factories
from tests.functional.pro.structure_objects import structure_objects
from tests.functional.test_access import (
    IGNORED_METHODS,
    URL_MAP_APP,
    request_like_a_browser,
)
from tests.helpers import LOGIN_PATH, login

ADMITTED, LOGIN, FORBIDDEN, NOT_FOUND = "admitted", "login", "403", "404"
# Public pages hold nobody's data: a made-up id may be missing (404), nothing else is refused.
PUBLIC = "public"

# Endpoints whose ids designate the first young person's own objects.
OWNED_BY_THE_YOUNG_PERSON = frozenset({"bookings.ticket", "bookings.cancel", "reviews.new",
                                       "notifications.read"})
# Pro endpoints whose path names an object (of the first structure, in this matrix): only its
# members manage it, and every other pro finds nothing (tests/functional/pro/test_isolation.py).
NOT_OBJECT_ARGUMENTS = frozenset({"token", "checksum"})


def names_a_structure_object(endpoint: str) -> bool:
    return endpoint.startswith("pro") and any(
        rule.arguments - NOT_OBJECT_ARGUMENTS
        for rule in URL_MAP_APP.url_map.iter_rules(endpoint))

OWNER_EMAIL = "proprietaire@example.org"
OWNER_LAST_NAME = "Zorglub-Proprio"
STRUCTURE_NAME = "Compagnie Marqueur-Matrice"


@dataclass(frozen=True)
class Actor:
    name: str
    capacities: frozenset[Capacity] = frozenset()
    permissions: frozenset[StaffPermission] = frozenset()
    owner: bool = False
    member: bool = False

    @property
    def is_staff(self) -> bool:
        return Capacity.STAFF in self.capacities


def _staff(name: str, permissions) -> Actor:
    return Actor(name, frozenset({Capacity.STAFF}), frozenset(permissions))


ACTORS = [
    Actor("anonymous"),
    Actor("young", frozenset({Capacity.BENEFICIARY}), owner=True),
    Actor("other_young", frozenset({Capacity.BENEFICIARY})),
    Actor("pro", frozenset({Capacity.PRO}), member=True),
    Actor("other_pro", frozenset({Capacity.PRO})),
    Actor("officer", frozenset({Capacity.TERRITORY})),
    _staff("staff", StaffPermission),
    *(_staff(f"staff_only_{permission}", {permission}) for permission in StaffPermission),
    *(_staff(f"staff_without_{permission}", set(StaffPermission) - {permission})
      for permission in StaffPermission),
]


def is_public(endpoint: str) -> bool:
    return bool(getattr(URL_MAP_APP.view_functions[endpoint], "is_public", False))


def expected_outcome(endpoint: str, actor: Actor) -> str:
    view = URL_MAP_APP.view_functions[endpoint]
    if is_public(endpoint):
        return PUBLIC
    if actor.name == "anonymous":
        return LOGIN
    permission = getattr(view, "required_permission", None)
    if permission is not None and permission not in actor.permissions:
        return FORBIDDEN
    capacities = getattr(view, "required_capacities", None)
    if capacities and capacities.isdisjoint(actor.capacities):
        return FORBIDDEN
    if endpoint in OWNED_BY_THE_YOUNG_PERSON and not actor.owner:
        return NOT_FOUND
    if names_a_structure_object(endpoint) and not actor.member:
        return NOT_FOUND
    return ADMITTED


def actual_outcome(response) -> str:
    status = response.status_code
    if status in (302, 303) and urlsplit(response.location).path == LOGIN_PATH:
        return LOGIN
    if status in (401, 403):
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status >= 500:
        return f"{status}"
    return ADMITTED


@dataclass
class World:
    """The objects whose ids fill the paths, and a signed-in client per kind of person."""

    ids: dict[str, object] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()


def _owner_and_objects(session) -> World:
    objects = structure_objects(session, structure_name=STRUCTURE_NAME)
    offer = objects.offer
    owner = factories.young(session, email=OWNER_EMAIL, last_name=OWNER_LAST_NAME,
                            address="4 rue de la République")
    factories.deposit(session, owner)
    booking = book(session, owner.id, objects.stock.id, 1, utcnow())
    review = Review(booking_id=booking.id, user_id=owner.id, offer_id=offer.id,
                    text="Un avis du propriétaire.")
    now = utcnow()
    check = IdentityCheck(
        user_id=owner.id, honour_statement_at=now, submitted_at=now,
        document=IdentityDocument(content_type="image/jpeg", filename="carte.jpg",
                                  data=b"\xff\xd8\xff\xe0", size=4, uploaded_at=now),
    )
    rule = ModerationRule(kind=RuleKind.WORDS, label="Mots", words="arnaque")
    session.add_all([review, check, rule])
    email = queue_email(session, OWNER_EMAIL, "Bienvenue", "Bonjour.")
    notification = notify(session, owner.id, Message.PASSWORD_CHANGED, link="https://x.test")
    session.flush()
    return World(
        ids={**objects.ids, "booking_id": booking.id, "review_id": review.id,
             "check_id": check.id, "email_id": email.id, "image_id": 1, "checksum": "x",
             "token": "x", "rule_id": rule.id, "person_id": owner.id,
             "notification_id": notification.id, "programme_id": 1, "mandate_id": 1,
             "level": "departement", "code": "34"},
        secrets=(OWNER_EMAIL, OWNER_LAST_NAME, booking.token),
    ), objects.structure


def _person_for(session, actor: Actor, structure):
    if actor.name == "young":
        return None
    if actor.name == "other_young":
        person = factories.young(session, first_name="Autre", last_name="Jeune")
        factories.deposit(session, person)
        return person
    if actor.name == "pro":
        return factories.pro(session, structure=structure)
    if actor.name == "other_pro":
        return factories.pro(session)
    if actor.name == "officer":
        return factories.territory_officer(session)
    return factories.staff(session, permissions=sorted(actor.permissions))


def _routes(ids: dict[str, object]) -> list[tuple[str, str, str]]:
    """Every (endpoint, method, path) with real ids; reads first, sign-out last."""
    routes = []
    for rule in URL_MAP_APP.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        _domain, path = rule.build({name: ids[name] for name in rule.arguments},
                                   append_unknown=False)
        routes.extend((rule.endpoint, method, path)
                      for method in sorted(rule.methods - IGNORED_METHODS))
    return sorted(routes, key=lambda route: (route[0] == "account.logout", route[1] != "GET",
                                             _ends_its_object(route[2]), route[0], route[1]))


# Forms that end the object they name (a date cancelled, a member removed) run after the other
# forms, which would otherwise find it gone.
ENDING_WORDS = ("annuler", "retirer", "supprimer", "quitter")


def _ends_its_object(path: str) -> bool:
    return path.rstrip("/").rsplit("/", 1)[-1] in ENDING_WORDS


def _may_see_the_owners_data(actor: Actor) -> bool:
    # The members of the structure whose offer was booked see who booked it: their bookings
    # list, its export and the counter show the name, the e-mail and the token
    # (docs/domain/5-bookings.md).
    return actor.owner or actor.is_staff or actor.member


def _may_see_the_structure(actor: Actor) -> bool:
    return actor.member or actor.is_staff or actor.owner


@pytest.mark.parametrize("actor", ACTORS, ids=lambda actor: actor.name)
def test_every_endpoint_answers_each_person_as_their_capacities_say(client, db_session, actor):
    world, structure = _owner_and_objects(db_session)
    person = _person_for(db_session, actor, structure)
    db_session.commit()
    if actor.name != "anonymous":
        email = OWNER_EMAIL if actor.owner else person.email
        assert login(client, email, factories.PASSWORD).status_code == 303

    wrong, leaks = [], []
    for endpoint, method, path in _routes(world.ids):
        response = request_like_a_browser(client, method, path)
        expected, actual = expected_outcome(endpoint, actor), actual_outcome(response)
        if expected == PUBLIC and actual in (ADMITTED, NOT_FOUND):
            continue
        if actual != expected:
            wrong.append(f"{method} {path} ({endpoint}): expected {expected}, got "
                         f"{response.status_code}")
        if is_public(endpoint):
            continue
        body = response.get_data()
        if not _may_see_the_owners_data(actor):
            leaks += [f"{method} {path} shows {secret!r}" for secret in world.secrets
                      if secret.encode() in body]
        if not _may_see_the_structure(actor) and STRUCTURE_NAME.encode() in body:
            leaks.append(f"{method} {path} shows the structure's name")
    assert wrong == [], "\n".join(wrong)
    assert leaks == [], "\n".join(leaks)
