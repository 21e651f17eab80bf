"""Joining the pro side: sign up as a cultural actor, declare or join a structure, and decide
on requests to join one's structures."""

from flask import Blueprint, abort, flash, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.errors import DomainError
from models.offerers import api as offerers
from models.offerers.exceptions import InvalidSiren
from models.offerers.models import MembershipStatus, StructureMembership, VenueType
from models.offerers.repository import join_requests_for_member, memberships_of
from models.offerers.validation import check_siren
from models.partnership_candidates.repository import invited_siren_for
from models.territories.repository import resolve_commune
from models.unit_of_work import atomic
from models.users import api as users
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.pro import DecisionForm, DeclareStructureForm, ProSignUpForm, reason_form_for
from webapp.security import public, requires, signed_in
from webapp.templating import render
from webapp.views import join_decisions
from webapp.views.account.base import limit, links, rules, secret_key, succeeded
from webapp.views.account.signup import SIGNUP_EMAIL_KEY

blueprint = Blueprint("pro_structures", __name__, url_prefix="/pro")
REQUESTS = "pro_structures.join_requests"


@blueprint.route("/inscription", methods=["GET", "POST"])
@public
@limit("RATELIMIT_SIGNUP_ATTEMPTS")
@limit("RATELIMIT_SIGNUP", deduct_when=succeeded)
def signup():
    """Create a cultural actor's account; as for young people, never tell who has one."""
    siren = invited_siren(request.args.get("siren"))
    if current_user.is_authenticated:
        return redirect(url_for("pro_structures.declare", siren=siren), 303)
    form = ProSignUpForm()
    if form.validate_on_submit():
        with atomic(db.session):
            users.sign_up_pro(
                db.session, email=form.email.data, password=form.password.data,
                locale=str(get_locale()), now=utcnow(), secret_key=secret_key(), links=links(),
            )
        session[SIGNUP_EMAIL_KEY] = form.email.data
        return redirect(url_for("account.signup_sent"), 303)
    return render("pro/signup.html", form=form, rules=rules(form.password.data), siren=siren,
                  status=422 if form.errors else 200)


@blueprint.route("/structures/nouvelle", methods=["GET", "POST"])
@signed_in
def declare():
    """Declare a structure and its first venue, or ask to join it when its SIREN is known."""
    form = DeclareStructureForm(siren=_siren_to_fill() if request.method == "GET" else None)
    commune, candidates = None, []
    if form.is_submitted():
        commune, candidates = resolve_commune(db.session, form.commune_code.data,
                                              form.commune_query.data)
    if form.validate_on_submit() and commune is not None:
        try:
            with atomic(db.session):
                membership = offerers.declare_structure(
                    db.session, current_user.user, siren=form.siren.data, name=form.name.data,
                    address=form.address.data, commune=commune,
                    venue_name=form.venue_name.data, venue_type=VenueType(form.venue_type.data),
                    now=utcnow(),
                )
        except DomainError as error:
            flash(_(error.message), "error")
            return redirect(url_for("pro_structures.declare"), 303)
        flash(_declared_message(membership), "success")
        return redirect(url_for("pro_structures.mine"), 303)
    submitted_without_commune = form.is_submitted() and commune is None
    commune_error = _commune_error(form, candidates) if submitted_without_commune else None
    return render("pro/declare.html", form=form, commune=commune, candidates=candidates,
                  commune_error=commune_error, status=422 if form.is_submitted() else 200)


@blueprint.get("/structures")
@signed_in
def mine():
    """List the person's structures and requests to join, with where each one stands."""
    return render("pro/structures.html", memberships=memberships_of(db.session, current_user.id))


@blueprint.get("/demandes")
@requires(Capacity.PRO)
def join_requests():
    """List the requests to join the person's structures."""
    requests = join_requests_for_member(db.session, current_user.id)
    return render("pro/join_requests.html", requests=requests, decision_form=DecisionForm(),
                  reason_forms={request.id: reason_form_for(request.id, formdata=None)
                                for request in requests})


@blueprint.post("/demandes/<int:membership_id>/accepter")
@requires(Capacity.PRO)
def accept(membership_id: int):
    """Accept a request to join one of the person's structures."""
    return join_decisions.accept(_request_or_404(membership_id), REQUESTS)


@blueprint.post("/demandes/<int:membership_id>/refuser")
@requires(Capacity.PRO)
def refuse(membership_id: int):
    """Refuse a request to join, with a reason the person will read."""
    return join_decisions.refuse(_request_or_404(membership_id), REQUESTS)


def _request_or_404(membership_id: int) -> StructureMembership:
    """A request to join one of the person's structures; anybody else's answers 404."""
    membership = db.session.get(StructureMembership, membership_id)
    if membership is None or not offerers.may_decide(db.session, current_user.user, membership):
        abort(404)
    return membership


def invited_siren(value: str | None) -> str | None:
    """The SIREN an invitation's link carries, when it is one; anything else is ignored."""
    try:
        check_siren(value or "")
    except InvalidSiren:
        return None
    return value


def _siren_to_fill() -> str | None:
    """A territory's invitation leads here with the SIREN in its link, or to this address."""
    return (invited_siren(request.args.get("siren"))
            or invited_siren_for(db.session, current_user.email))


def _declared_message(membership: StructureMembership) -> str:
    if membership.status is MembershipStatus.PENDING:
        return _("Ta demande pour rejoindre %(name)s est envoyée à ses membres.",
                 name=membership.structure.name)
    return _("%(name)s est déclarée : l'équipe pass Culture va la vérifier.",
             name=membership.structure.name)


def _commune_error(form: DeclareStructureForm, candidates: list) -> str:
    if candidates:
        return _("Plusieurs communes correspondent : choisis la bonne dans la liste.")
    if (form.commune_query.data or "").strip():
        return _("Aucune commune ne correspond : vérifie le nom ou le code postal.")
    return _("Indique la commune de ta structure.")
