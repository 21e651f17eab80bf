"""What people see when they send a form too often: the same form, a French message at its top,
and status 429 with `Retry-After`."""

import math

from flask import make_response, render_template, request
from flask_babel import ngettext

from models.db import utcnow
from webapp.errors import render_error
from webapp.extensions import limiter
from webapp.forms.account import (
    ChangeEmailForm,
    ChangePasswordForm,
    ForgottenPasswordForm,
    LoginForm,
    SignUpForm,
)
from webapp.templating import render
from webapp.views.account.base import blueprint
from webapp.views.account.security import security_page
from webapp.views.account.signup import password_field_name, signup_page

# Each form is rebuilt from what was sent (passwords excepted), so nothing typed is lost.
RATE_LIMITED_FORMS = {
    "account.login": lambda message: render(
        "account/login.html", form=LoginForm(), rate_limited=message, status=429
    ),
    "account.signup": lambda message: signup_page(
        SignUpForm(), status=429, rate_limited=message
    ),
    "account.forgotten_password": lambda message: render(
        "account/forgotten_password.html", form=ForgottenPasswordForm(), rate_limited=message,
        status=429,
    ),
    "account.change_email": lambda message: security_page(
        email_form=ChangeEmailForm(prefix="email"), status=429, rate_limited=message
    ),
    "account.change_password": lambda message: security_page(
        password_form=ChangePasswordForm(prefix="password"), status=429, rate_limited=message
    ),
}


@blueprint.errorhandler(429)
def too_many_attempts(_error):
    """Show the form sent too often again, with a French message at its top."""
    if request.endpoint == "account.check_password":
        return _check_paused()
    show_form = RATE_LIMITED_FORMS.get(request.endpoint)
    message = _rate_limit_message()
    return show_form(message) if show_form else render_error(429, message)


def _check_paused():
    # The rules list stays as it is; only the polite status line says checking pauses.
    response = make_response(
        render_template("account/check_refused.html", field_id=password_field_name()), 429
    )
    response.headers["HX-Reswap"] = "none"
    return response


def _rate_limit_message() -> str:
    reset_at = getattr(limiter.current_limit, "reset_at", None)
    seconds = reset_at - utcnow().timestamp() if reset_at else 60
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Trop de tentatives en peu de temps. Pour ta sécurité, réessaie dans %(num)d minute.",
        "Trop de tentatives en peu de temps. Pour ta sécurité, réessaie dans %(num)d minutes.",
        minutes,
    )


@blueprint.record_once
def _warn_about_per_process_limits(state) -> None:
    config = state.app.config
    storage = config.get("RATELIMIT_STORAGE_URI") or "memory://"
    if config.get("ENV") == "production" and storage.startswith("memory"):
        state.app.logger.warning(
            "REDIS_URL is not set: rate limits are counted per process, so each app server "
            "allows the full number of attempts. Set REDIS_URL in production."
        )
