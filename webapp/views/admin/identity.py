"""Staff review of identity checks: the queue, one check with its document, approve or reject."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.credit.api import person_timezone
from models.db import utcnow
from models.errors import DomainError
from models.identity.api import approve_check, reject_check
from models.identity.models import IdentityCheck
from models.identity.notices import tell_approved, tell_rejected
from models.identity.repository import (
    document_of_check,
    eligibility,
    get_check,
    pending_checks,
)
from models.unit_of_work import atomic
from models.users.models import StaffPermission, User
from webapp.extensions import db
from webapp.forms.profile import ACTIVITY_LABELS, ApproveCheckForm, RejectCheckForm
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_identity", __name__, url_prefix="/admin/identite")

DOCUMENT_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


@blueprint.get("/")
@requires_permission(StaffPermission.REVIEW_IDENTITIES)
def queue():
    """List the identity checks waiting for review, oldest first."""
    return render(
        "admin/identity_queue.html", checks=pending_checks(db.session), age_of=_age_today
    )


@blueprint.get("/<int:check_id>")
@requires_permission(StaffPermission.REVIEW_IDENTITIES)
def detail(check_id: int):
    """Show a check: the person's data, their document, and the decision forms."""
    return _detail_page(_check_or_404(check_id), RejectCheckForm(formdata=None))


@blueprint.get("/<int:check_id>/document")
@requires_permission(StaffPermission.REVIEW_IDENTITIES)
def document(check_id: int):
    """Send the check's document to staff only, never stored by any cache."""
    stored = document_of_check(db.session, check_id)
    if stored is None:
        abort(404)
    extension = DOCUMENT_EXTENSIONS.get(stored.content_type, "bin")
    response = make_response(stored.data)
    response.headers["Content-Type"] = stored.content_type
    response.headers["Content-Disposition"] = (
        f'inline; filename="piece-identite-{check_id}.{extension}"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.post("/<int:check_id>/valider")
@requires_permission(StaffPermission.REVIEW_IDENTITIES)
def approve(check_id: int):
    """Approve the check: open the credit, erase the document, tell the person."""
    check = _check_or_404(check_id)
    if not ApproveCheckForm().validate_on_submit():
        abort(400)
    try:
        with atomic(db.session):
            deposit = approve_check(db.session, check.id, current_user.user, utcnow())
            tell_approved(db.session, check.user, deposit)
    except DomainError as error:
        flash(_("Validation impossible : %(reason)s", reason=_(error.message)), "error")
        return redirect(url_for("admin_identity.detail", check_id=check_id), 303)
    flash(_("Demande de %(name)s validée : son crédit est ouvert et sa pièce d'identité "
            "effacée.", name=check.user.full_name), "success")
    return redirect(url_for("admin_identity.queue"), 303)


@blueprint.post("/<int:check_id>/refuser")
@requires_permission(StaffPermission.REVIEW_IDENTITIES)
def reject(check_id: int):
    """Reject the check with a reason the person will read, and erase the document."""
    check = _check_or_404(check_id)
    form = RejectCheckForm()
    if not form.validate_on_submit():
        return _detail_page(check, form, status=422)
    try:
        with atomic(db.session):
            reject_check(db.session, check.id, current_user.user, form.reason.data, utcnow())
            tell_rejected(db.session, check.user, check.rejection_reason)
    except DomainError as error:
        flash(_(error.message), "error")
        return redirect(url_for("admin_identity.detail", check_id=check_id), 303)
    flash(_("Demande de %(name)s refusée : sa pièce d'identité est effacée.",
            name=check.user.full_name), "success")
    return redirect(url_for("admin_identity.queue"), 303)


def _check_or_404(check_id: int) -> IdentityCheck:
    check = get_check(db.session, check_id)
    if check is None:
        abort(404)
    return check


def _detail_page(check: IdentityCheck, reject_form: RejectCheckForm, status: int = 200):
    now = utcnow()
    return render(
        "admin/identity_detail.html", status=status, check=check,
        approve_form=ApproveCheckForm(), reject_form=reject_form,
        age=_age_today(check.user), eligibility=eligibility(db.session, check.user, now),
        activity_labels=ACTIVITY_LABELS,
    )


def _age_today(user: User) -> int | None:
    """The person's age on their own calendar day."""
    return user.age_on(utcnow().astimezone(person_timezone(user)).date())
