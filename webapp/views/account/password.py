"""Forgotten password: a reset link by e-mail, then a new password."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from models.db import utcnow
from models.unit_of_work import atomic
from models.users import api as users
from models.users.exceptions import InvalidLink
from models.users.repository import normalise_email
from webapp.extensions import db
from webapp.forms.account import ForgottenPasswordForm, NewPasswordForm
from webapp.navigation import home_url_for
from webapp.security import public
from webapp.templating import render
from webapp.views.account.base import (
    blueprint,
    limit,
    link_problem,
    links,
    rules,
    secret_key,
    sign_in,
    submitted_email,
)


@blueprint.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@public
@limit("RATELIMIT_PASSWORD_RESET")
@limit("RATELIMIT_PASSWORD_RESET", key_func=submitted_email)
def forgotten_password():
    """Send a reset link; the answer is the same whether an account uses the address or not."""
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        with atomic(db.session):
            users.request_password_reset(
                db.session, form.email.data, now=utcnow(), secret_key=secret_key(), links=links()
            )
        flash(_("Si un compte utilise l'adresse %(email)s, un lien pour choisir un nouveau mot "
                "de passe vient d'y être envoyé. Il est valable 1 heure.",
                email=normalise_email(form.email.data)), "success")
        return redirect(url_for("account.forgotten_password"), 303)
    return render(
        "account/forgotten_password.html", form=form, status=422 if form.errors else 200
    )


@blueprint.route("/mot-de-passe-oublie/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    """Let the holder of a valid reset link choose a new password, then sign them in."""
    now = utcnow()
    try:
        users.user_for_reset(db.session, token, now=now, secret_key=secret_key())
    except InvalidLink as error:
        return link_problem(error)
    form = NewPasswordForm()
    if form.validate_on_submit():
        with atomic(db.session):
            user = users.reset_password(
                db.session, token, form.password.data, now=now, secret_key=secret_key()
            )
        sign_in(user)
        flash(_("Ton nouveau mot de passe est enregistré. Tu es connecté·e."), "success")
        return redirect(home_url_for(user), 303)
    return render(
        "account/reset_password.html", form=form, rules=rules(form.password.data),
        status=422 if form.errors else 200,
    )
