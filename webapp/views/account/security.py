"""The security page: change of password, change of e-mail address and its confirmation."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.unit_of_work import atomic
from models.users import api as users
from models.users.exceptions import InvalidLink, UserError, WeakPassword, WrongCurrentPassword
from models.users.repository import normalise_email
from webapp.extensions import db
from webapp.forms.account import (
    ChangeEmailForm,
    ChangePasswordForm,
    ConfirmationForm,
    weak_password_message,
)
from webapp.security import public, signed_in
from webapp.templating import render
from webapp.views.account.base import (
    blueprint,
    failed,
    limit,
    link_problem,
    links,
    rules,
    secret_key,
    sign_in,
    signed_in_person,
    succeeded,
)


@blueprint.get("/compte/securite")
@signed_in
def security():
    """Show the account's address and the forms that change it or the password."""
    return security_page()


def security_page(email_form=None, password_form=None, status=200, rate_limited=None):
    # Each form has a prefix, so the two never share field names or ids on the page.
    password_form = password_form or ChangePasswordForm(prefix="password", formdata=None)
    return render(
        "account/security.html",
        email_form=email_form or ChangeEmailForm(prefix="email", formdata=None),
        password_form=password_form, rules=rules(password_form.password.data), status=status,
        rate_limited=rate_limited,
    )


@blueprint.post("/compte/securite/mot-de-passe")
@signed_in
@limit("RATELIMIT_LOGIN", key_func=signed_in_person, deduct_when=failed)
def change_password():
    """Change the password after checking the current one, and tell the person by e-mail."""
    form = ChangePasswordForm(prefix="password")
    if form.validate_on_submit():
        try:
            with atomic(db.session):
                users.change_password(
                    db.session, current_user.user, form.current_password.data,
                    form.password.data, links=links(),
                )
        except WrongCurrentPassword as error:
            form.current_password.errors.append(_(error.message))
        except WeakPassword as error:
            form.password.errors.append(weak_password_message(error))
        except UserError as error:
            form.password.errors.append(_(error.message))
        else:
            sign_in(current_user.user)
            flash(_("Ton mot de passe est changé."), "success")
            return redirect(url_for("account.security"), 303)
    return security_page(password_form=form, status=422)


@blueprint.post("/compte/securite/adresse-e-mail")
@signed_in
@limit("RATELIMIT_ACCOUNT_MAIL", key_func=signed_in_person, deduct_when=succeeded)
def change_email():
    """Send a link to the new address; the change is made when the link is opened."""
    form = ChangeEmailForm(prefix="email")
    if form.validate_on_submit():
        try:
            with atomic(db.session):
                users.request_email_change(
                    db.session, current_user.user, form.current_password.data, form.email.data,
                    now=utcnow(), secret_key=secret_key(), links=links(),
                )
        except WrongCurrentPassword as error:
            form.current_password.errors.append(_(error.message))
        except UserError as error:
            form.email.errors.append(_(error.message))
        else:
            flash(_("Nous avons envoyé un lien à %(email)s. Ton adresse changera quand tu "
                    "l'auras ouvert.", email=normalise_email(form.email.data)), "success")
            return redirect(url_for("account.security"), 303)
    return security_page(email_form=form, status=422)


@blueprint.route("/compte/adresse-e-mail/<token>", methods=["GET", "POST"])
@public
def confirm_email_change(token: str):
    """Show the change of address a link stands for, and make it when confirmed."""
    now = utcnow()
    try:
        user, new_email = users.email_change_for(
            db.session, token, now=now, secret_key=secret_key()
        )
    except InvalidLink as error:
        return link_problem(error)
    form = ConfirmationForm()
    if not form.validate_on_submit():
        return render("account/confirm_email_change.html", form=form, new_email=new_email,
                      old_email=user.email)
    try:
        with atomic(db.session):
            users.confirm_email_change(db.session, token, now=now, secret_key=secret_key())
    except UserError as error:
        return link_problem(error)
    flash(_("Ton adresse e-mail est maintenant %(email)s.", email=new_email), "success")
    return redirect(url_for("account.security" if current_user.is_authenticated
                            else "account.login"), 303)
