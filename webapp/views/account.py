"""Signing in and out."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from models.users.api import authenticate
from models.users.exceptions import InvalidCredentials
from webapp.extensions import db
from webapp.forms.account import LoginForm
from webapp.navigation import home_url_for, safe_next_url
from webapp.security import LoginUser, public
from webapp.templating import render

blueprint = Blueprint("account", __name__)


@blueprint.route("/connexion", methods=["GET", "POST"])
@public
def login():
    """Show the sign-in form and sign the person in."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(db.session, form.email.data, form.password.data)
        except InvalidCredentials as error:
            form.password.errors.append(_(error.message))
        else:
            db.session.commit()
            login_user(LoginUser(user))
            flash(_("Tu es connecté·e."), "success")
            return redirect(safe_next_url(request.args.get("next")) or home_url_for(user), 303)
    status = 422 if form.errors else 200
    return render("account/login.html", form=form, status=status)


@blueprint.post("/deconnexion")
def logout():
    """Sign the person out."""
    logout_user()
    flash(_("Tu es déconnecté·e."), "success")
    return redirect(url_for("main.home"), 303)
