"""Who may see what: endpoints refuse anonymous people unless marked public, and capacities are
checked.

Access is closed by default. A view opens itself with `@public`, admits any signed-in person
with `@signed_in`, or narrows itself to a capacity (`@requires(Capacity.PRO)`) or to a staff
permission (`@requires_permission(StaffPermission.MODERATE)`); the test suite walks the URL map
to prove every endpoint does one of these. A capacity or permission missing answers 403; an
object the person may not manage answers 404 (`object_or_404`), so nothing tells it exists.
The rules themselves live in `models.users.capacities` (docs/domain/access.md).
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models.notifications.repository import person_with_capacities_and_unread
from models.users.capacities import (
    Capacity,
    can_manage,
    capacities_of,
    has_permission,
    permissions_of,
)
from models.users.models import StaffPermission, User
from webapp import hosts, inputs
from webapp.extensions import db, login_manager


def public(view):
    """Mark a view as open to anonymous visitors."""
    view.is_public = True
    return view


def current_capacities() -> tuple[Capacity, ...]:
    """The capacities of the signed-in person, read once per request."""
    if not current_user.is_authenticated:
        return ()
    if "capacities" not in g:
        g.capacities = capacities_of(db.session, current_user.user)
    return g.capacities


def current_permissions() -> frozenset[str]:
    """The staff permissions of the signed-in person, for the staff navigation."""
    if Capacity.STAFF not in current_capacities():
        return frozenset()
    return frozenset(permission.value for permission in permissions_of(current_user.user))


def _guarded(admits, **marks):
    """A decorator sending strangers to sign in and answering 403 when `admits()` is false."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not admits():
                abort(403)
            return view(*args, **kwargs)

        for name, value in marks.items():
            setattr(wrapped, name, value)
        return wrapped

    return decorator


def signed_in(view):
    """Open a view to every signed-in person, whatever they hold (their own account pages)."""
    return _guarded(lambda: True, required_capacities=None)(view)


def requires(*capacities: Capacity):
    """Restrict a view to signed-in people holding one of `capacities`."""
    wanted = frozenset(capacities)
    return _guarded(lambda: not wanted.isdisjoint(current_capacities()),
                    required_capacities=wanted)


def requires_permission(permission: StaffPermission):
    """Restrict a view to staff holding `permission`."""
    return _guarded(lambda: has_permission(current_user.user, permission),
                    required_capacities=frozenset({Capacity.STAFF}),
                    required_permission=permission)


def object_or_404(model, object_id: int):
    """The object the signed-in person may manage, or 404 whether it is missing or not theirs."""
    found = db.session.get(model, object_id)
    if found is None or not can_manage(db.session, current_user.user, found):
        abort(404)
    return found


def is_public_endpoint(endpoint: str | None) -> bool:
    if endpoint is None or endpoint == "static":
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "is_public", False))


class LoginUser:
    """The adapter Flask-Login needs around our `User` model."""

    def __init__(self, user: User):
        self.user = user

    def __getattr__(self, name):
        return getattr(self.user, name)

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        # The account's session generation rides along in the signed cookie: signing out,
        # a new password or the deletion of the account raise it, and every session opened
        # under an older one, on any device, opens nothing any more (see `_load_user`).
        return f"{self.user.id}:{self.user.session_generation or 0}"


def _load_user(session_id: str):
    """The person a session stands for, unless their sessions were ended since it was opened."""
    user_id, _, generation = session_id.partition(":")
    if not user_id.isdigit() or not generation.isdigit() or len(user_id) > 10:
        return None
    found = person_with_capacities_and_unread(db.session, int(user_id))
    if found is None or found[0].anonymised_at is not None or found[0].suspended_at is not None:
        return None
    user, capacities, unread = found
    if int(generation) != (user.session_generation or 0):
        return None
    # Read with the account, so that the navigation on every page costs no query of its own.
    g.capacities = capacities
    g.unread_notifications = unread
    return LoginUser(user)


def _refuse_anonymous():
    if request.endpoint is None or is_public_endpoint(request.endpoint):
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def init_app(app: Flask) -> None:
    # Before the blueprints are registered, so that every `<int:...>` gets the bounded converter.
    inputs.init_app(app)
    hosts.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.login_view = "account.login"
    login_manager.login_message = _l("Connecte-toi pour accéder à cette page.")
    login_manager.login_message_category = "info"
    app.before_request(_refuse_anonymous)
    app.jinja_env.globals["current_capacities"] = current_capacities
    app.jinja_env.globals["current_permissions"] = current_permissions
