"""Staff validation of structures and of requests to join them."""

from flask import Blueprint, abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models.db import utcnow
from models.offerers import api as offerers
from models.offerers.models import Structure, StructureMembership
from models.offerers.repository import (
    decided_structures,
    first_offers_of_structure,
    pending_join_requests,
    structures_waiting,
)
from models.offers.models import Validation
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.forms.pro import DecisionForm, ReasonForm, reason_form_for
from webapp.security import requires_permission
from webapp.templating import render
from webapp.views import join_decisions

blueprint = Blueprint("admin_structures", __name__, url_prefix="/admin/structures")
PERMISSION = StaffPermission.VALIDATE_STRUCTURES
QUEUE = "admin_structures.queue"
MEMBERSHIP_STATES = {"pending": _l("demande en attente"), "validated": _l("membre"),
                     "rejected": _l("demande refusée")}
OFFER_STATES = {Validation.DRAFT: _l("Brouillon"), Validation.PENDING: _l("En modération"),
                Validation.APPROVED: _l("Publiée"), Validation.REJECTED: _l("Refusée")}


@blueprint.get("/")
@requires_permission(PERMISSION)
def queue():
    """List the structures waiting for validation and the requests to join, oldest first."""
    requests = pending_join_requests(db.session)
    return render("admin/structures_queue.html", structures=structures_waiting(db.session),
                  requests=requests, decision_form=DecisionForm(),
                  decided=decided_structures(db.session),
                  reason_forms={request.id: reason_form_for(request.id, formdata=None)
                                for request in requests})


@blueprint.get("/<int:structure_id>")
@requires_permission(PERMISSION)
def detail(structure_id: int):
    """Show what is known of a structure, with the forms to validate or reject it."""
    return _detail_page(_structure_or_404(structure_id), ReasonForm(formdata=None))


@blueprint.post("/<int:structure_id>/valider")
@requires_permission(PERMISSION)
def validate(structure_id: int):
    """Validate a structure: its offers may be shown to young people."""
    structure = _structure_or_404(structure_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    return join_decisions.decide(
        lambda: offerers.validate_structure(db.session, structure, now=utcnow(),
                                            staff=current_user.user),
        _("%(name)s est validée.", name=structure.name), QUEUE,
    )


@blueprint.post("/<int:structure_id>/refuser")
@requires_permission(PERMISSION)
def reject(structure_id: int):
    """Reject a structure with a reason its members will read."""
    structure = _structure_or_404(structure_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _detail_page(structure, form, status=422)
    return join_decisions.decide(
        lambda: offerers.reject_structure(db.session, structure, form.reason.data,
                                          staff=current_user.user),
        _("%(name)s est refusée.", name=structure.name), QUEUE,
    )


@blueprint.post("/<int:structure_id>/remettre-en-attente")
@requires_permission(PERMISSION)
def put_back(structure_id: int):
    """Put a decided structure back to pending, with a reason its members will read."""
    structure = _structure_or_404(structure_id)
    form = ReasonForm(prefix="attente")
    if not form.validate_on_submit():
        return _detail_page(structure, ReasonForm(formdata=None), pending_form=form, status=422)
    return join_decisions.decide(
        lambda: offerers.put_back_to_pending(db.session, current_user.user, structure,
                                             form.reason.data),
        _("%(name)s attend à nouveau une décision : ses offres ne sont plus visibles.",
          name=structure.name), QUEUE,
    )


@blueprint.post("/demandes/<int:membership_id>/accepter")
@requires_permission(PERMISSION)
def accept_member(membership_id: int):
    """Accept a request to join a structure in its members' stead."""
    return join_decisions.accept(_membership_or_404(membership_id), QUEUE)


@blueprint.post("/demandes/<int:membership_id>/refuser")
@requires_permission(PERMISSION)
def refuse_member(membership_id: int):
    """Refuse a request to join, with a reason the person will read."""
    return join_decisions.refuse(_membership_or_404(membership_id), QUEUE)


def _detail_page(structure: Structure, reason_form: ReasonForm, status: int = 200,
                 pending_form: ReasonForm | None = None):
    pending_form = pending_form or ReasonForm(formdata=None, prefix="attente")
    pending_form.reason.label.text = _("Raison de la remise en attente (les membres la liront)")
    return render("admin/structure_detail.html", structure=structure, status=status,
                  decision_form=DecisionForm(), reason_form=reason_form,
                  pending_form=pending_form,
                  offers=first_offers_of_structure(db.session, structure.id),
                  offer_states=OFFER_STATES, membership_states=MEMBERSHIP_STATES)


def _structure_or_404(structure_id: int) -> Structure:
    return db.session.get(Structure, structure_id) or abort(404)


def _membership_or_404(membership_id: int) -> StructureMembership:
    return db.session.get(StructureMembership, membership_id) or abort(404)
