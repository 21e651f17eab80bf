"""A structure's members: list them, invite a colleague by e-mail, revoke, remove, and the page
an invitation's link opens.

The rules are the domain's (`models.offerers.members`, docs/domain/6-structures.md). Another
structure's member list, invitations and members answer 404 on every method. The invitation
page is public: it only tells what the link holds, and joining is a POST by the signed-in
account the invitation was sent to.
"""

import math

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from models.db import utcnow
from models.errors import DomainError
from models.offerers import members
from models.offerers.exceptions import (
    InvitationExpired,
    InvitationInvalid,
    InvitationRevoked,
    InvitationUsed,
)
from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureInvitation,
    StructureMembership,
)
from models.offerers.repository import members_of_structure, open_invitations_of
from models.unit_of_work import atomic
from models.users.capacities import Capacity, is_validated_member
from webapp.extensions import db, limiter
from webapp.forms.members import InviteForm, MemberActionForm
from webapp.hosts import public_url
from webapp.security import public, requires, signed_in
from webapp.templating import render
from webapp.views.account.base import secret_key

blueprint = Blueprint("pro_members", __name__, url_prefix="/pro")

# Why a link is useless: a page of its own (400 for a link we never made, 410 for one that was).
LINK_PROBLEMS = (InvitationInvalid, InvitationExpired, InvitationUsed, InvitationRevoked)
# Invitations sent per member: a team grows by a few people at a time, a spammer by thousands.
DEFAULT_INVITATION_LIMIT = "10/hour;30/day"


def _inviting_member() -> str:
    return f"invitations:{current_user.id}"


def _sent(response) -> bool:
    return response.status_code == 303


@blueprint.get("/structures/<int:structure_id>/membres")
@requires(Capacity.PRO)
def index(structure_id: int):
    """List the members, the requests and the open invitations, with the invite form."""
    return members_page(_structure_or_404(structure_id))


@blueprint.post("/structures/<int:structure_id>/membres")
@requires(Capacity.PRO)
@limiter.limit(lambda: current_app.config.get("RATELIMIT_INVITATIONS", DEFAULT_INVITATION_LIMIT),
               key_func=_inviting_member, methods=["POST"], deduct_when=_sent)
def invite(structure_id: int):
    """Send an invitation by e-mail, or say beside the field why it cannot be."""
    structure = _structure_or_404(structure_id)
    form = InviteForm()
    if not form.validate():
        return members_page(structure, form, status=422)
    try:
        with atomic(db.session):
            members.invite(db.session, current_user.user, structure, form.email.data,
                           now=utcnow(), secret_key=secret_key(), link_for=_invitation_link)
    except DomainError as error:
        form.email.errors.append(_(error.message))
        return members_page(structure, form, status=422)
    flash(_("Invitation envoyée à %(email)s.", email=form.email.data), "success")
    return redirect(url_for(".index", structure_id=structure.id), 303)


@blueprint.post("/structures/<int:structure_id>/invitations/<int:invitation_id>/annuler")
@requires(Capacity.PRO)
def revoke(structure_id: int, invitation_id: int):
    """Cancel an open invitation: its link stops working."""
    structure = _structure_or_404(structure_id)
    invitation = db.session.get(StructureInvitation, invitation_id)
    if invitation is None or invitation.structure_id != structure.id:
        abort(404)
    _check_button()
    _run(lambda: members.revoke(db.session, current_user.user, invitation, now=utcnow()),
                _("L'invitation de %(email)s est annulée.", email=invitation.email))
    return redirect(url_for(".index", structure_id=structure.id), 303)


@blueprint.get("/structures/<int:structure_id>/membres/<int:member_id>/retirer")
@requires(Capacity.PRO)
def confirm_removal(structure_id: int, member_id: int):
    """Ask to confirm the removal (or the leaving) before doing it."""
    membership = _member_or_404(structure_id, member_id)
    return render("pro/members/remove.html", membership=membership,
                  leaving=membership.user_id == current_user.id, form=MemberActionForm())


@blueprint.post("/structures/<int:structure_id>/membres/<int:member_id>/retirer")
@requires(Capacity.PRO)
def remove(structure_id: int, member_id: int):
    """Remove the member, or leave the structure; its access ends with this request."""
    membership = _member_or_404(structure_id, member_id)
    _check_button()
    leaving = membership.user_id == current_user.id
    email, name = membership.user.email, membership.structure.name
    success = (_("Tu as quitté %(name)s.", name=name) if leaving
               else _("%(email)s ne fait plus partie de %(name)s.", email=email, name=name))
    done = _run(lambda: members.remove_member(db.session, current_user.user, membership,
                                              now=utcnow()), success)
    if done and leaving:
        return redirect(url_for("pro_structures.mine"), 303)
    return redirect(url_for(".index", structure_id=structure_id), 303)


@blueprint.get("/invitation/<token>")
@public
def invitation(token: str):
    """Show what the invitation holds and, to the invited account, the button to join."""
    try:
        found = members.invitation_from_token(db.session, token, now=utcnow(),
                                              secret_key=secret_key())
    except LINK_PROBLEMS as error:
        return _link_problem(error)
    refusal = None
    if current_user.is_authenticated:
        try:
            members.check_may_accept(current_user.user, found)
        except DomainError as error:
            refusal = _(error.message)
    return render("pro/members/invitation.html", invitation=found, token=token,
                  refusal=refusal, form=MemberActionForm())


@blueprint.post("/invitation/<token>")
@signed_in
def accept(token: str):
    """Join the structure of the invitation as the signed-in account."""
    _check_button()
    try:
        with atomic(db.session):
            membership = members.accept(db.session, current_user.user, token, now=utcnow(),
                                        secret_key=secret_key())
    except LINK_PROBLEMS as error:
        return _link_problem(error)
    except DomainError as error:
        flash(_(error.message), "error")
        return redirect(url_for(".invitation", token=token), 303)
    flash(_("Bienvenue : tu es désormais membre de %(name)s.", name=membership.structure.name),
          "success")
    return redirect(url_for(".index", structure_id=membership.structure_id), 303)


@blueprint.errorhandler(429)
def too_many_invitations(_error):
    """The members page again with what was typed, and when to try again."""
    reset_at = getattr(limiter.current_limit, "reset_at", None)
    minutes = max(1, math.ceil((reset_at - utcnow().timestamp()) / 60)) if reset_at else 1
    form = InviteForm(request.form)
    form.email.errors = [ngettext(
        "Tu as envoyé beaucoup d'invitations en peu de temps. Réessaie dans %(num)d minute.",
        "Tu as envoyé beaucoup d'invitations en peu de temps. Réessaie dans %(num)d minutes.",
        minutes,
    )]
    structure = _structure_or_404(request.view_args["structure_id"])
    return members_page(structure, form, status=429)


def invitation_waiting_url(person) -> str | None:
    """The page of the latest invitation sent to the person's address, if one is open.

    A colleague invited by e-mail who creates an account is led there once the address is
    confirmed, on whatever device they confirm it: the link is made again, not remembered.
    """
    waiting = members.latest_invitation_for(db.session, person)
    if waiting is None:
        return None
    token = members.invitation_token(waiting, secret_key=secret_key(), now=utcnow())
    return url_for("pro_members.invitation", token=token)


def members_page(structure: Structure, form: InviteForm | None = None, status: int = 200):
    memberships = members_of_structure(db.session, structure.id)
    return render(
        "pro/members/index.html", structure=structure, form=form or InviteForm(formdata=None),
        members=[m for m in memberships if m.status is MembershipStatus.VALIDATED],
        requests=[m for m in memberships if m.status is MembershipStatus.PENDING],
        invitations=open_invitations_of(db.session, structure.id),
        validity=members.INVITATION_VALIDITY, now=utcnow(), action_form=MemberActionForm(),
        status=status,
    )


def _structure_or_404(structure_id: int) -> Structure:
    """A structure the person is a validated member of; any other answers 404."""
    structure = db.session.get(Structure, structure_id)
    if structure is None or not is_validated_member(db.session, current_user.user, structure.id):
        abort(404)
    return structure


def _member_or_404(structure_id: int, membership_id: int) -> StructureMembership:
    structure = _structure_or_404(structure_id)
    membership = db.session.get(StructureMembership, membership_id)
    if (membership is None or membership.structure_id != structure.id
            or membership.status is not MembershipStatus.VALIDATED):
        abort(404)
    return membership


def _check_button() -> None:
    if not MemberActionForm().validate_on_submit():
        abort(400)


def _run(command, success: str) -> bool:
    """Run a command in one unit of work and flash how it went; True when it was done."""
    try:
        with atomic(db.session):
            command()
    except DomainError as error:
        flash(_(error.message), "error")
        return False
    flash(success, "success")
    return True


def _invitation_link(token: str) -> str:
    return public_url("pro_members.invitation", token=token)


def _link_problem(error: DomainError):
    status = 400 if isinstance(error, InvitationInvalid) else 410
    return render("pro/members/invitation_problem.html", message=_(error.message), status=status)
