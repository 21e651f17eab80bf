"""The young person's profile: credit and its history, personal data, identity check, own data."""

from __future__ import annotations

import datetime as dt
import json

from flask import Blueprint, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from models.bookings.repository import bookings_of
from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.identity.api import submit_check
from models.identity.exceptions import DocumentRefused, IdentityError
from models.identity.repository import eligibility, latest_check
from models.identity.validation import MAX_DOCUMENT_BYTES, is_profile_complete
from models.top_ups.api import local_credits
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from models.users.exceptions import PostalCodeMismatch, VerifiedNamesLocked, WrongPassword
from models.users.models import ActivityStatus
from models.users.privacy import delete_account, export_personal_data
from models.users.profile import names_locked, resolve_home_commune, update_profile
from webapp.extensions import db
from webapp.forms.profile import (
    ACTIVITY_LABELS,
    CompleteProfileForm,
    DeleteAccountForm,
    EditProfileForm,
    IdentityCheckForm,
    PersonalDataForm,
)
from webapp.security import requires
from webapp.templating import render
from webapp.views.account.base import forget_the_person

blueprint = Blueprint("profile", __name__, url_prefix="/profil")


@blueprint.get("/")
@requires(Capacity.BENEFICIARY)
def home():
    """Show the credit, its history, the identity check and the personal data."""
    user, now = current_user.user, utcnow()
    deposit = current_deposit(db.session, user.id, now)
    return render(
        "profile/home.html",
        summary=credit_summary(db.session, deposit) if deposit else None,
        local_credits=local_credits(db.session, user, now) if deposit else [],
        # The credit can be spent until the instant before it expires: show that last day.
        last_day=deposit.expires_at - dt.timedelta(microseconds=1) if deposit else None,
        grants=deposit.grants if deposit else [],
        bookings=bookings_of(db.session, user.id),
        check=latest_check(db.session, user.id),
        # Only people without a running credit are told where they stand.
        eligibility=None if deposit else eligibility(db.session, user, now),
        profile_complete=is_profile_complete(user),
        activity_labels=ACTIVITY_LABELS,
    )


@blueprint.route("/completer", methods=["GET", "POST"])
@requires(Capacity.BENEFICIARY)
def complete():
    """Ask for the personal data the credit needs, then lead to the identity check."""
    form = CompleteProfileForm(data=_personal_data(current_user.user))
    return _save_personal_data(
        form, "profile/complete.html", "profile.identity",
        _("Ton profil est complet. Il reste à vérifier ton identité."),
    )


@blueprint.route("/modifier", methods=["GET", "POST"])
@requires(Capacity.BENEFICIARY)
def edit():
    """Change the personal data."""
    form = EditProfileForm(data=_personal_data(current_user.user))
    return _save_personal_data(
        form, "profile/edit.html", "profile.home", _("Tes informations sont enregistrées.")
    )


@blueprint.route("/identite", methods=["GET", "POST"])
@requires(Capacity.BENEFICIARY)
def identity():
    """Explain who can get the credit; take the ID document and the signed honour statement."""
    user = current_user.user
    if not is_profile_complete(user):
        flash(_("Complète d'abord ton profil : il sert à vérifier ton identité."), "info")
        return redirect(url_for("profile.complete"), 303)
    form = IdentityCheckForm()
    if form.validate_on_submit():
        upload = form.document.data
        try:
            with atomic(db.session):
                submit_check(
                    db.session, user, data=upload.stream.read(MAX_DOCUMENT_BYTES + 1),
                    filename=upload.filename, honour_signed=form.honour_statement.data,
                    now=utcnow(),
                )
        except DocumentRefused as error:
            form.document.errors.append(_(error.message))
        except IdentityError as error:
            flash(_(error.message), "error")
            return redirect(url_for("profile.home"), 303)
        else:
            flash(_("Ta demande est envoyée. Nous te répondrons par e-mail, en général sous "
                    "quelques jours."), "success")
            return redirect(url_for("profile.home"), 303)
    return render(
        "profile/identity.html", status=422 if form.errors else 200, form=form,
        eligibility=eligibility(db.session, user, utcnow()),
        check=latest_check(db.session, user.id),
    )


@blueprint.get("/mes-donnees.json")
@requires(Capacity.BENEFICIARY)
def export():
    """Send a copy of everything held about the person, as a JSON file."""
    data = export_personal_data(db.session, current_user.user, utcnow())
    response = make_response(json.dumps(data, ensure_ascii=False, indent=2))
    response.mimetype = "application/json"
    response.headers["Content-Disposition"] = 'attachment; filename="mes-donnees-pass-culture.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.route("/supprimer", methods=["GET", "POST"])
@requires(Capacity.BENEFICIARY)
def delete():
    """Confirm with the password, then anonymise the account and sign the person out."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            with atomic(db.session):
                delete_account(db.session, current_user.user, form.password.data, utcnow())
        except WrongPassword as error:
            form.password.errors.append(_(error.message))
        else:
            logout_user()
            flash(_("Ton compte est supprimé. Merci d'avoir utilisé le pass Culture."), "success")
            return forget_the_person(redirect(url_for("main.home"), 303))
    return render(
        "profile/delete.html", status=422 if form.errors else 200, form=form,
        bookings=bookings_of(db.session, current_user.id),
    )


def _save_personal_data(form: PersonalDataForm, template: str, next_endpoint: str, done: str):
    """Validate the personal data form, resolve the commune, save; or show what is wrong."""
    user = current_user.user
    commune, candidates = user.commune, []
    if form.is_submitted():
        commune, candidates = resolve_home_commune(
            db.session, form.commune_code.data, form.commune_query.data
        )
    if form.validate_on_submit() and commune is not None:
        try:
            with atomic(db.session):
                update_profile(
                    db.session, user, first_name=form.first_name.data,
                    last_name=form.last_name.data, address=form.address.data, commune=commune,
                    postal_code=form.postal_code.data,
                    activity=ActivityStatus(form.activity.data),
                )
        except PostalCodeMismatch as error:
            form.postal_code.errors.append(_(error.message))
        except VerifiedNamesLocked as error:
            form.first_name.errors.append(_(error.message))
        else:
            flash(done, "success")
            return redirect(url_for(next_endpoint), 303)
    if form.is_submitted() and commune is None:
        form.commune_query.errors = [*form.commune_query.errors, _commune_error(form, candidates)]
    return render(
        template, status=422 if form.errors else 200, form=form, commune=commune,
        candidates=candidates, names_locked=names_locked(db.session, user),
    )


def _commune_error(form: PersonalDataForm, candidates: list) -> str:
    if candidates:
        return _("Plusieurs communes correspondent : choisis la tienne dans la liste.")
    if (form.commune_query.data or "").strip():
        return _("Aucune commune ne correspond : vérifie le nom ou le code postal.")
    return _("Indique ta commune.")


def _personal_data(user) -> dict | None:
    """The stored data to show in the form at first; a submitted form shows what was sent."""
    if request.method == "POST":
        return None
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "address": user.address,
        "postal_code": user.postal_code,
        "activity": user.activity.value if user.activity else "",
        "commune_query": user.commune.name if user.commune else "",
        "commune_code": user.commune_code,
    }

