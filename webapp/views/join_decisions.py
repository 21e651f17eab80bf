"""Deciding on a request to join a structure, the same way for its members and for staff.

Each blueprint finds the request its own way (a member sees their structures' requests only,
staff see them all) and says where to go back; the decision itself is this module's.
"""

from collections.abc import Callable

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.errors import DomainError
from models.offerers import api as offerers
from models.offerers.models import StructureMembership
from models.unit_of_work import atomic
from webapp.extensions import db
from webapp.forms.pro import DecisionForm, reason_form_for


def decide(command: Callable[[], object], success: str, back: str):
    """Run a decision in one unit of work; say how it went; go back to the `back` endpoint."""
    try:
        with atomic(db.session):
            command()
    except DomainError as error:
        flash(_(error.message), "error")
    else:
        flash(success, "success")
    return redirect(url_for(back), 303)


def accept(membership: StructureMembership, back: str):
    """Accept the request: the person becomes a member of the structure."""
    if not DecisionForm().validate_on_submit():
        abort(400)
    return decide(lambda: offerers.accept_member(db.session, current_user.user, membership),
                  _("%(email)s est désormais membre de la structure.",
                    email=membership.user.email), back)


def refuse(membership: StructureMembership, back: str):
    """Refuse the request with the reason of its form, which the person will read."""
    form = reason_form_for(membership.id)
    if not form.validate_on_submit():
        flash(_("Indique la raison du refus."), "error")
        return redirect(url_for(back), 303)
    return decide(
        lambda: offerers.refuse_member(db.session, current_user.user, membership,
                                       form.reason.data),
        _("La demande de %(email)s est refusée.", email=membership.user.email), back,
    )
