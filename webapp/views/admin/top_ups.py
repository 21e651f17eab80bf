"""Staff allow local-government officers to fund local top-ups on their territory
(docs/domain/8-local-top-ups.md); the permission goes with the programmes of credit."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.top_ups.api import grant_permission, revoke_permission
from models.top_ups.exceptions import TopUpError
from models.top_ups.repository import officer_mandates
from models.unit_of_work import atomic
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.forms.programmes import ActionForm
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_top_ups", __name__, url_prefix="/admin/credits-locaux")
PERMISSION = StaffPermission.MANAGE_PROGRAMMES


@blueprint.get("/")
@requires_permission(PERMISSION)
def officers():
    """List the validated officers, and whether each may fund a local top-up."""
    return render("admin/top_up_officers.html", mandates=officer_mandates(db.session),
                  form=ActionForm())


@blueprint.post("/<int:mandate_id>/autoriser")
@requires_permission(PERMISSION)
def grant(mandate_id: int):
    """Allow an officer's mandate to fund top-ups."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        with atomic(db.session):
            grant_permission(db.session, current_user.user, mandate_id)
    except TopUpError as error:
        flash(_(error.message), "error")
    else:
        flash(_("L'agent peut maintenant financer un crédit local."), "success")
    return redirect(url_for("admin_top_ups.officers"), 303)


@blueprint.post("/<int:mandate_id>/retirer")
@requires_permission(PERMISSION)
def revoke(mandate_id: int):
    """Withdraw the permission; programmes already funded keep running."""
    if not ActionForm().validate_on_submit():
        abort(400)
    with atomic(db.session):
        revoke_permission(db.session, current_user.user, mandate_id)
    flash(_("L'autorisation est retirée ; les crédits locaux déjà créés continuent."), "success")
    return redirect(url_for("admin_top_ups.officers"), 303)
