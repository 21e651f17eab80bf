"""Signing in and out."""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy.exc import OperationalError

from models.db import utcnow
from models.unit_of_work import atomic
from models.users import api as users
from models.users.exceptions import AccountSuspended, InvalidCredentials
from models.users.support import check_not_suspended
from webapp.extensions import db, reads_before_writing
from webapp.forms.account import LoginForm
from webapp.navigation import home_url_for, safe_next_url
from webapp.security import public
from webapp.templating import render
from webapp.views.account.base import (
    blueprint,
    failed,
    forget_the_person,
    limit,
    network_and_email,
    sign_in,
)


@blueprint.route("/connexion", methods=["GET", "POST"])
@public
@reads_before_writing
@limit("RATELIMIT_LOGIN", deduct_when=failed)
@limit("RATELIMIT_LOGIN_ACCOUNT", key_func=network_and_email, deduct_when=failed)
def login():
    """Show the sign-in form and sign the person in."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = users.authenticate(db.session, form.email.data, form.password.data)
            check_not_suspended(user)
        except (InvalidCredentials, AccountSuspended) as error:
            form.password.errors.append(_(error.message))
        else:
            _note_sign_in(user)
            sign_in(user)
            flash(_("Tu es connecté·e."), "success")
            return redirect(safe_next_url(request.args.get("next")) or home_url_for(user), 303)
    return render("account/login.html", form=form, status=422 if form.errors else 200)


def _note_sign_in(user) -> None:
    """Note the moment of the sign-in; a database too busy to take it never refuses the person."""
    try:
        with atomic(db.session):
            users.record_sign_in(user, utcnow())
    except OperationalError:
        current_app.logger.warning("Sign-in of user %s not recorded: database busy", user.id)


@blueprint.post("/deconnexion")
def logout():
    """Sign the person out on every device, and let the browser forget what it kept."""
    if current_user.is_authenticated:
        with atomic(db.session):
            users.end_sessions(current_user.user)
    logout_user()
    session.clear()
    flash(_("Tu es déconnecté·e."), "success")
    return forget_the_person(redirect(url_for("main.home"), 303))
