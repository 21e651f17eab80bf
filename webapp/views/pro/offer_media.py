"""Files of an offer: its image (step 4 of the creation) and a digital offer's activation codes.

Routes of the `pro_offers` blueprint, kept apart from the steps for their size. A bad file gets
a French message beside its field, never an error page. The app's `MAX_CONTENT_LENGTH` (12 MB,
webapp/config.py) suits the largest upload, an image of at most 10 MB: a request over it gets
the French 413 page before any view runs. The codes file is held to 1 MB by the domain (a
per-route limit would come too late: the form is read before the view, to refuse NUL
characters and check the CSRF token).
"""

from __future__ import annotations

from decimal import Decimal

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.offers import api
from models.offers.exceptions import (
    ImageRefused,
    InvalidOfferFields,
    MissingAltText,
    OfferRefused,
)
from models.offers.models import ActivationCode, Validation
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.offers import ActionForm, CodesForm, ImageForm
from webapp.security import requires
from webapp.templating import render
from webapp.views.pro.offers import _act, _offer, blueprint


def _uploaded(field) -> bytes | None:
    upload = field.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return upload.read()


@blueprint.route("/<int:offer_id>/image", methods=["GET", "POST"])
@requires(Capacity.PRO)
def image(offer_id: int):
    """Step 4: add or replace the image and its description (optional for a draft)."""
    offer = _offer(offer_id)
    form = ImageForm()
    if form.validate_on_submit():
        data = _uploaded(form.image)
        try:
            if data is None:
                raise ImageRefused(_("Choisis une image à envoyer."))
            with atomic(db.session):
                api.set_image(db.session, offer, data, form.alt_text.data,
                              person=current_user.user, now=utcnow())
        except ImageRefused as refusal:
            field = form.alt_text if isinstance(refusal, MissingAltText) else form.image
            field.errors = [*field.errors, _(refusal.message)]
        else:
            if offer.validation is Validation.DRAFT:
                return redirect(url_for(".summary", offer_id=offer.id), 303)
            flash(_("Image enregistrée."), "success")
            return redirect(url_for(".show", offer_id=offer.id), 303)
    return render("pro/offers/step_image.html", form=form, offer=offer,
                  action_form=ActionForm(), status=422 if form.is_submitted() else 200)


@blueprint.post("/<int:offer_id>/image/supprimer")
@requires(Capacity.PRO)
def remove_image(offer_id: int):
    """Take the image off the offer."""
    offer = _offer(offer_id)
    return _act(offer, lambda: api.remove_image(db.session, offer, person=current_user.user,
                                                now=utcnow()), _("Image retirée."))


def _price_cents(form: CodesForm) -> int | None:
    price = form.price.data
    return None if price is None else int((price * Decimal(100)).to_integral_value())


@blueprint.route("/<int:offer_id>/codes", methods=["GET", "POST"])
@requires(Capacity.PRO)
def codes(offer_id: int):
    """Upload a digital offer's activation codes (CSV) and read the verdict of each line."""
    offer = _offer(offer_id)
    stock = api.single_stock(db.session, offer)
    form, report, status = CodesForm(), None, 200
    if form.validate_on_submit():
        data = _uploaded(form.codes_file)
        try:
            if data is None:
                raise OfferRefused(_("Choisis le fichier CSV des codes."))
            if stock is None and form.price.data is None:
                raise InvalidOfferFields({"price": "Indique le prix de l'offre."})
            with atomic(db.session):
                report = api.import_activation_codes(db.session, offer, data,
                                                     _price_cents(form), utcnow())
        except InvalidOfferFields as refusal:
            form.price.errors = [*form.price.errors, _(refusal.errors["price"])]
        except OfferRefused as refusal:
            form.codes_file.errors = [*form.codes_file.errors, _(refusal.message)]
        status = 200 if report is not None and report.added else 422
        stock = api.single_stock(db.session, offer)
    elif form.is_submitted():
        status = 422
    count = 0 if stock is None else db.session.query(ActivationCode).filter_by(
        stock_id=stock.id).count()
    return render("pro/offers/codes.html", form=form, offer=offer, stock=stock, report=report,
                  code_count=count, status=status)
