"""Who may see what: endpoints refuse anonymous people unless marked public, and roles are checked.

Access is closed by default. A view opens itself with `@public`, or narrows itself to some roles
with `@roles_required(...)`; the test suite walks the URL map to prove every endpoint does one
or the other.
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models.users.models import Role, User
from webapp import hosts, inputs
from webapp.extensions import db, login_manager


def public(view):
    """Mark a view as open to anonymous visitors."""
    view.is_public = True
    return view


def roles_required(*roles: Role):
    """Restrict a view to signed-in people holding one of `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = frozenset(roles)
        return wrapped

    return decorator


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
    user = db.session.get(User, int(user_id))
    if user is None or user.anonymised_at is not None:
        return None
    if int(generation) != (user.session_generation or 0):
        return None
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
