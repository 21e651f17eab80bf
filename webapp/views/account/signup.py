"""Sign-up, its inline password check and terms, and the confirmation of the e-mail address."""

import datetime as dt
import re

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.unit_of_work import atomic
from models.users import api as users
from models.users.exceptions import EmailAlreadyConfirmed, InvalidLink
from webapp.extensions import db, limiter
from webapp.forms.account import ConfirmationForm, SignUpForm
from webapp.navigation import home_url_for, safe_next_url
from webapp.security import public, signed_in
from webapp.templating import render
from webapp.views.account.base import (
    blueprint,
    limit,
    link_problem,
    links,
    rules,
    secret_key,
    sign_in,
    signed_in_person,
    succeeded,
)
from webapp.views.pro import members as pro_members

PASSWORD_FIELD_NAME = re.compile(r"[a-z][a-z_-]{0,39}")
# The address typed at sign-up, shown on the next page ("we sent a link to ...").
SIGNUP_EMAIL_KEY = "signup_email"


@blueprint.route("/inscription", methods=["GET", "POST"])
@public
@limit("RATELIMIT_SIGNUP_ATTEMPTS")
@limit("RATELIMIT_SIGNUP", deduct_when=succeeded)
def signup():
    """Create a young person's account and send the link that activates it.

    The answer is the same whether the address is new or already has an account (whose owner
    is told by e-mail): the form never reveals who has an account.
    """
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user), 303)
    form = SignUpForm()
    if form.validate_on_submit():
        with atomic(db.session):
            users.sign_up(
                db.session, email=form.email.data, password=form.password.data,
                date_of_birth=form.date_of_birth.data, locale=str(get_locale()), now=utcnow(),
                secret_key=secret_key(), links=links(),
            )
        session[SIGNUP_EMAIL_KEY] = form.email.data
        return redirect(url_for("account.signup_sent"), 303)
    return signup_page(form, status=422 if form.errors else 200)


@blueprint.get("/inscription/lien-envoye")
@public
def signup_sent():
    """Tell the person to open the link sent to the address they gave."""
    return render("account/signup_sent.html", email=session.get(SIGNUP_EMAIL_KEY))


def signup_page(form, status=200, rate_limited=None):
    return render(
        "account/signup.html", form=form, rules=rules(form.password.data), status=status,
        rate_limited=rate_limited,
    )


def _after_signup_url(user) -> str:
    if not user.is_beneficiary:
        # A cultural actor's account goes on to the invitation it was created for, if a
        # colleague sent one to this address, or else to declare (or join) its structure.
        return (pro_members.invitation_waiting_url(user)
                or url_for("pro_structures.declare"))
    if "profile.complete" in current_app.view_functions:
        return url_for("profile.complete")
    return home_url_for(user)


@blueprint.post("/mot-de-passe/verifier")
@public
@limiter.limit(lambda: current_app.config["RATELIMIT_PASSWORD_CHECK"])
def check_password():
    """Tell which password rules the typed password meets, as list items and a status line."""
    field_name = password_field_name()
    password = request.form.get(field_name, "")[:200]
    return render_template(
        "account/password_rules.html", rules=rules(password), field_id=field_name
    )


def password_field_name() -> str:
    """The checked field's name comes from the URL: accept only a plain field name."""
    name = request.args.get("field", "")
    return name if PASSWORD_FIELD_NAME.fullmatch(name) else "password"


@blueprint.get("/cgu")
@public
def terms():
    """Show the terms of use people accept when they sign up, with the date of their version."""
    return render("account/terms.html", version_date=dt.date.fromisoformat(users.TERMS_VERSION))


@blueprint.get("/inscription/confirmer/<token>")
@public
def confirm_email_page(token: str):
    """Ask for a press on "Confirmer": opening a link changes nothing (mail scanners open them)."""
    return render("account/confirm_email.html", form=ConfirmationForm(), token=token)


@blueprint.post("/inscription/confirmer/<token>")
@public
def confirm_email(token: str):
    """Confirm the address of the link; a new account is then signed in on this device."""
    try:
        with atomic(db.session):
            user = users.confirm_email(db.session, token, now=utcnow(), secret_key=secret_key())
    except EmailAlreadyConfirmed as error:
        flash(_(error.message), "info")
    except InvalidLink as error:
        return link_problem(error)
    else:
        signed_in_now = not current_user.is_authenticated
        if signed_in_now:
            # Signing in starts a fresh session: the message goes into the new one.
            sign_in(user)
        flash(_("Merci, ton adresse e-mail est confirmée."), "success")
        if signed_in_now:
            return redirect(_after_signup_url(user), 303)
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user), 303)
    return redirect(url_for("account.login"), 303)


@blueprint.post("/inscription/renvoyer-le-lien")
@signed_in
@limit("RATELIMIT_ACCOUNT_MAIL", key_func=signed_in_person)
def resend_confirmation():
    """Send the confirmation link again to the signed-in person's address."""
    try:
        with atomic(db.session):
            users.send_email_confirmation(
                db.session, current_user.user, now=utcnow(), secret_key=secret_key(),
                links=links(),
            )
    except EmailAlreadyConfirmed as error:
        flash(_(error.message), "info")
    else:
        flash(_("Nous avons envoyé un nouveau lien à %(email)s.", email=current_user.email),
              "success")
    return redirect(safe_next_url(request.form.get("next")) or home_url_for(current_user), 303)
