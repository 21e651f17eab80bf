"""The account blueprint and what its views share: limits, links for e-mails, sign-in."""

from flask import Blueprint, current_app, request, session
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user

from models.users import api as users
from models.users.exceptions import UserError
from models.users.repository import normalise_email
from models.users.validation import password_rules_status
from webapp.extensions import limiter
from webapp.hosts import public_url
from webapp.security import LoginUser
from webapp.templating import render

blueprint = Blueprint("account", __name__)


def limit(config_key: str, key_func=None, deduct_when=None):
    """A limit on POST requests, read from the configuration when a request comes."""
    return limiter.limit(
        lambda: current_app.config[config_key], key_func=key_func, methods=["POST"],
        deduct_when=deduct_when,
    )


def submitted_email() -> str:
    """Counts attempts per e-mail address, whatever network they come from."""
    return "email:" + normalise_email(request.form.get("email", "")[:254])


def network_and_email() -> str:
    """Counts attempts on one address from one network: others elsewhere are never held up."""
    return f"{get_remote_address()}|{submitted_email()}"


def signed_in_person() -> str:
    return f"user:{current_user.id}"


def failed(response) -> bool:
    return response.status_code != 303


def succeeded(response) -> bool:
    return response.status_code == 303


def secret_key() -> str:
    return current_app.config["SECRET_KEY"]


def links() -> users.AccountLinks:
    """Absolute URLs for the links put in e-mails, at the public address (never the Host sent)."""

    def external(endpoint):
        return lambda token: public_url(endpoint, token=token)

    return users.AccountLinks(
        confirm_email=external("account.confirm_email"),
        reset_password=external("account.reset_password"),
        confirm_email_change=external("account.confirm_email_change"),
        forgotten_password=public_url("account.forgotten_password"),
    )


def sign_in(user) -> None:
    """Start a fresh session for `user`: nothing from before the sign-in is carried over."""
    session.clear()
    login_user(LoginUser(user))


def forget_the_person(response):
    """Have the browser drop what it kept of the person: caches, offline tickets, storage.

    Sent when a person signs out or deletes the account, so that the next person using the
    device finds none of their pages or tickets offline (see static/sw.js).
    """
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


def rules(password: str | None):
    return password_rules_status(password or "")


def link_problem(error: UserError):
    return render("account/link_problem.html", message=_(error.message), status=400)
