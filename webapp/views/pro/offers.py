"""Offers of the pro area: the list, the creation steps, the offer page and its actions.

A draft is the Offer row in DRAFT validation; each step is a page of its own whose URL carries
the offer's id, so the draft lives on the server and every step works without JavaScript.
The same step pages edit a published offer, and each change is then kept in its history.
Another structure's offer is "not found" on every route (`object_or_404`).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.errors import DomainError
from models.offerers.models import Venue
from models.offers import api
from models.offers.exceptions import InvalidOfferFields
from models.offers.fields import fields_of
from models.offers.genres import music_type_label, show_subtype_label, show_type_label
from models.offers.models import Offer, Validation
from models.offers.pro_repository import (
    PAGE_SIZE,
    live_stocks,
    member_offers,
    member_venues,
    offer_history,
)
from models.offers.state import offer_state
from models.offers.validation import ACCESSIBILITY_NEEDS, check_publishable
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.offers import ActionForm, CategoryForm, DetailsForm, FilterForm, PracticalForm
from webapp.labels_offers import FIELD_LABELS, STATE_LABELS, history_value
from webapp.security import object_or_404, requires
from webapp.templating import render

blueprint = Blueprint("pro_offers", __name__, url_prefix="/pro/offres")


def _offer(offer_id: int) -> Offer:
    return object_or_404(Offer, offer_id)


def attach_errors(form, refusal: InvalidOfferFields) -> None:
    """The domain's messages beside their fields; one without a field becomes a flash."""
    for name, message in refusal.errors.items():
        if name in form:
            form[name].errors = [*form[name].errors, _(message)]
        else:
            flash(_(message), "error")


@blueprint.context_processor
def offer_labels() -> dict:
    """Labels the offer templates need: states, fields, genres, history values."""
    return {"state_label": lambda state: STATE_LABELS[state], "field_label": _field_label,
            "history_value": lambda field, value: history_value(
                field, None if value is None else str(value)),
            "genre_label": _genre_label, "offer_fields": fields_of}


def _field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def _genre_label(kind: str, code: str | None, type_code: str | None = None) -> str:
    labels = {"show_type": lambda: show_type_label(code),
              "show_subtype": lambda: show_subtype_label(type_code, code),
              "music_type": lambda: music_type_label(code)}
    label = labels[kind]()
    return _(label) if label else _("(non précisé)")


def stocks_url(offer: Offer) -> str | None:
    """The stocks page of the offer, once that part of the pro area exists."""
    if "pro_stocks.index" not in current_app.view_functions:
        return None
    return url_for("pro_stocks.index", offer_id=offer.id)


def next_step(offer: Offer, endpoint: str):
    """After a step: the next one for a draft, the offer's page for a published offer."""
    if offer.validation is Validation.DRAFT:
        return redirect(url_for(endpoint, offer_id=offer.id), 303)
    flash(_("Modifications enregistrées."), "success")
    return redirect(url_for(".show", offer_id=offer.id), 303)


@blueprint.get("/")
@requires(Capacity.PRO)
def index():
    """List the member's offers, filtered by venue and state."""
    venues = member_venues(db.session, current_user.user)
    filters = FilterForm(request.args)
    filters.fill_choices(venues)
    page = request.args.get("page", 1, type=int)
    page = page if 1 <= page <= 10_000 else 1
    now = utcnow()
    offers, total = member_offers(db.session, current_user.user, now=now, page=page,
                                  venue_id=filters.venue_id(venues), state=filters.state())
    states = {offer.id: offer_state(offer, now) for offer in offers}
    return render("pro/offers/index.html", block="offer_list", filters=filters, offers=offers,
                  total=total, page=page, page_size=PAGE_SIZE, states=states)


def _category_page(form: CategoryForm, offer: Offer | None, venues, status: int = 200):
    return render("pro/offers/step_category.html", block="subcategory", form=form, offer=offer,
                  venues=venues, status=status)


def _chosen_venue(form: CategoryForm, venues) -> Venue | None:
    by_id = {str(venue.id): venue for venue in venues}
    venue = by_id.get(form.venue_id.data or "")
    if venue is None:
        form.venue_id.errors = [_("Choisis un lieu de ta structure.")]
    if not form.subcategory_offered():
        form.subcategory_id.errors = [_("Choisis une sous-catégorie de cette catégorie.")]
    return venue


def _category_step(offer: Offer | None):
    """Step 1, for a new offer or a draft: the venue, the category and the subcategory."""
    venues = member_venues(db.session, current_user.user)
    form = CategoryForm(data={} if offer is None else {
        "venue_id": str(offer.venue_id), "category": offer.subcategory.category_id,
        "subcategory_id": offer.subcategory_id})
    form.fill_choices(venues, form.category.data or request.args.get("category"))
    if not form.is_submitted() or request.form.get("action") == "category":
        return _category_page(form, offer, venues)
    venue = _chosen_venue(form, venues) if form.validate() else None
    if venue is None or form.subcategory_id.errors:
        return _category_page(form, offer, venues, 422)
    try:
        with atomic(db.session):
            if offer is None:
                offer = api.create_draft(db.session, venue, form.subcategory_id.data, utcnow())
            else:
                api.change_category(db.session, offer, venue, form.subcategory_id.data,
                                    utcnow())
    except DomainError as refusal:
        form.venue_id.errors = [_(refusal.message)]
        return _category_page(form, offer, venues, 422)
    return redirect(url_for(".details", offer_id=offer.id), 303)


@blueprint.route("/nouvelle", methods=["GET", "POST"])
@requires(Capacity.PRO)
def new():
    """Start an offer: choose its venue and subcategory (the draft is created then)."""
    return _category_step(None)


@blueprint.route("/<int:offer_id>/categorie", methods=["GET", "POST"])
@requires(Capacity.PRO)
def category(offer_id: int):
    """Choose again the venue and subcategory of a draft."""
    offer = _offer(offer_id)
    if offer.validation is not Validation.DRAFT:
        return redirect(url_for(".show", offer_id=offer.id), 303)
    return _category_step(offer)


@blueprint.route("/<int:offer_id>/details", methods=["GET", "POST"])
@requires(Capacity.PRO)
def details(offer_id: int):
    """Step 2: name, description and what the subcategory asks."""
    offer = _offer(offer_id)
    form = DetailsForm(obj=offer, data={"access": "codes" if offer.uses_activation_codes
                                        else "url"})
    form.keep_only(offer.subcategory_id)
    if form.validate_on_submit():
        try:
            with atomic(db.session):
                api.update_details(db.session, offer, form.details(), person=current_user.user,
                                   now=utcnow())
        except InvalidOfferFields as refusal:
            attach_errors(form, refusal)
        else:
            return next_step(offer, ".practical")
    return render("pro/offers/step_details.html", form=form, offer=offer,
                  asked=fields_of(offer.subcategory_id),
                  status=422 if form.is_submitted() else 200)


@blueprint.route("/<int:offer_id>/pratique", methods=["GET", "POST"])
@requires(Capacity.PRO)
def practical(offer_id: int):
    """Step 3: accessibility, duo, withdrawal of tickets, booking e-mail."""
    offer = _offer(offer_id)
    form = PracticalForm()
    form.keep_only(offer.subcategory)
    if not form.is_submitted():
        answered = offer.validation is not Validation.DRAFT or offer.draft_step >= 3
        source = offer if answered else offer.venue
        form.fill_from({need: getattr(source, f"accessibility_{need}")
                        for need in ACCESSIBILITY_NEEDS}, offer)
    elif form.validate():
        try:
            with atomic(db.session):
                api.update_practical(db.session, offer, form.practical(),
                                     person=current_user.user, now=utcnow())
        except InvalidOfferFields as refusal:
            attach_errors(form, refusal)
        else:
            return next_step(offer, ".image")
    return render("pro/offers/step_practical.html", form=form, offer=offer,
                  status=422 if form.is_submitted() else 200)


@blueprint.get("/<int:offer_id>/recapitulatif")
@requires(Capacity.PRO)
def summary(offer_id: int):
    """Step 5: everything the draft holds, what is missing, and the button to publish."""
    offer = _offer(offer_id)
    if offer.validation is not Validation.DRAFT:
        return redirect(url_for(".show", offer_id=offer.id), 303)
    try:
        check_publishable(offer)
        problems = {}
    except InvalidOfferFields as refusal:
        problems = refusal.errors
    except DomainError as refusal:
        problems = {"": refusal.message}
    return render("pro/offers/summary.html", offer=offer, problems=problems,
                  action_form=ActionForm(), stocks_url=stocks_url(offer))


@blueprint.post("/<int:offer_id>/publier")
@requires(Capacity.PRO)
def publish(offer_id: int):
    """Publish a complete draft (approved at once while no moderation rule holds it)."""
    offer = _offer(offer_id)
    response = _act(offer, lambda: api.publish_offer(db.session, offer, utcnow()), None,
                    failure=url_for(".summary", offer_id=offer.id))
    if offer.validation is Validation.PENDING:
        flash(_("Offre envoyée à l'équipe pass Culture, qui la vérifie avant sa publication."),
              "success")
    elif offer.validation is Validation.APPROVED:
        flash(_("Offre publiée."), "success")
    return response


@blueprint.get("/<int:offer_id>")
@requires(Capacity.PRO)
def show(offer_id: int):
    """The offer as its structure sees it: state, fields, stocks, history and actions."""
    offer = _offer(offer_id)
    return render("pro/offers/show.html", offer=offer, state=offer_state(offer, utcnow()),
                  history=offer_history(db.session, offer), stocks=live_stocks(db.session, offer),
                  action_form=ActionForm(), stocks_url=stocks_url(offer))


def _act(offer: Offer, command, success: str | None, failure: str | None = None):
    """Run a one-button command on the offer, then go back to its page."""
    if not ActionForm().validate():
        abort(400)
    try:
        with atomic(db.session):
            command()
    except DomainError as refusal:
        flash(_(refusal.message), "error")
        return redirect(failure or url_for(".show", offer_id=offer.id), 303)
    if success:
        flash(success, "success")
    return redirect(url_for(".show", offer_id=offer.id), 303)


@blueprint.post("/<int:offer_id>/desactiver")
@requires(Capacity.PRO)
def deactivate(offer_id: int):
    """Switch a published offer off: young people no longer see it."""
    offer = _offer(offer_id)
    return _act(offer, lambda: api.set_active(db.session, offer, False, person=current_user.user,
                                              now=utcnow()), _("Offre désactivée."))


@blueprint.post("/<int:offer_id>/reactiver")
@requires(Capacity.PRO)
def reactivate(offer_id: int):
    """Switch a deactivated offer on again."""
    offer = _offer(offer_id)
    return _act(offer, lambda: api.set_active(db.session, offer, True, person=current_user.user,
                                              now=utcnow()), _("Offre réactivée."))


@blueprint.post("/<int:offer_id>/soumettre-a-nouveau")
@requires(Capacity.PRO)
def resubmit(offer_id: int):
    """Submit a rejected offer, once edited, to the pass Culture team again."""
    offer = _offer(offer_id)
    return _act(offer, lambda: api.resubmit_offer(db.session, offer, person=current_user.user,
                                                  now=utcnow()),
                _("Offre soumise à nouveau : l'équipe pass Culture la vérifie avant sa "
                  "publication."))


@blueprint.post("/<int:offer_id>/dupliquer")
@requires(Capacity.PRO)
def duplicate(offer_id: int):
    """Copy the offer and its image into a new draft, and open its summary."""
    offer = _offer(offer_id)
    if not ActionForm().validate():
        abort(400)
    with atomic(db.session):
        copy = api.duplicate_offer(db.session, offer, utcnow())
    flash(_("Offre dupliquée : vérifie le brouillon, puis publie-le."), "success")
    return redirect(url_for(".summary", offer_id=copy.id), 303)


# The image and activation-code pages add their routes to this blueprint.
from webapp.views.pro import offer_media  # noqa: E402, F401
