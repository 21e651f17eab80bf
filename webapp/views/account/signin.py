"""Signing in and out."""

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from models.users import api as users
from models.users.exceptions import InvalidCredentials
from webapp.extensions import db
from webapp.forms.account import LoginForm
from webapp.navigation import home_url_for, safe_next_url
from webapp.security import public
from webapp.templating import render
from webapp.views.account.base import (
    blueprint,
    failed,
    forget_the_person,
    limit,
    sign_in,
    submitted_email,
)


@blueprint.route("/connexion", methods=["GET", "POST"])
@public
@limit("RATELIMIT_LOGIN", deduct_when=failed)
@limit("RATELIMIT_LOGIN", key_func=submitted_email, deduct_when=failed)
def login():
    """Show the sign-in form and sign the person in."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = users.authenticate(db.session, form.email.data, form.password.data)
        except InvalidCredentials as error:
            form.password.errors.append(_(error.message))
        else:
            db.session.commit()
            sign_in(user)
            flash(_("Tu es connecté·e."), "success")
            return redirect(safe_next_url(request.args.get("next")) or home_url_for(user), 303)
    return render("account/login.html", form=form, status=422 if form.errors else 200)


@blueprint.post("/deconnexion")
def logout():
    """Sign the person out on every device, and let the browser forget what it kept."""
    if current_user.is_authenticated:
        users.end_sessions(current_user.user)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("Tu es déconnecté·e."), "success")
    return forget_the_person(redirect(url_for("main.home"), 303))
