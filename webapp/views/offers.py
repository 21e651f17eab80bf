"""The offer page and the booking confirmation step."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.bookings.api import book, cancellation_limit, refusal_reason
from models.bookings.exceptions import AlreadyBooked, BookingRefused
from models.bookings.repository import active_booking
from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.offers.models import Stock
from models.offers.repository import open_stocks, shown_offer
from models.social.repository import is_favorite, visible_reviews
from models.top_ups.api import share_preview
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.booking import BookingForm
from webapp.offer_context import booking_state, venue_distance_km
from webapp.security import public, requires
from webapp.templating import render

blueprint = Blueprint("offers", __name__, url_prefix="/offres")


def _offer_or_404(offer_id: int):
    offer = shown_offer(db.session, offer_id)
    if offer is None:
        abort(404)
    return offer


@blueprint.get("/<int:offer_id>")
@public
def detail(offer_id: int):
    """Show everything a person needs to decide, and whether they can book."""
    offer = _offer_or_404(offer_id)
    now = utcnow()
    state = booking_state(offer, open_stocks(offer, now), now)
    favorite = state.signed_in_young and is_favorite(db.session, current_user.id, offer.id)
    return render(
        "offers/detail.html", offer=offer, state=state, form=BookingForm(),
        distance=venue_distance_km(offer), reviews=visible_reviews(db.session, offer.id),
        favorite=favorite,
    )


@blueprint.get("/<int:offer_id>/reserver")
@requires(Capacity.BENEFICIARY)
def confirm(offer_id: int):
    """Show the price, the credit left after booking and the cancellation deadline."""
    offer = _offer_or_404(offer_id)
    form = BookingForm(request.args, meta={"csrf": False})
    stock = db.session.get(Stock, form.stock_id.data or 0) if form.validate() else None
    if stock is None or stock.offer_id != offer.id:
        flash(_("Choisis une date pour réserver."), "error")
        return redirect(url_for("offers.detail", offer_id=offer.id), 303)
    now = utcnow()
    quantity = form.quantity.data or 1
    deposit = current_deposit(db.session, current_user.id, now)
    summary = credit_summary(db.session, deposit) if deposit else None
    share = share_preview(db.session, current_user.user, offer, stock.price_cents * quantity, now)
    return render(
        "offers/confirm.html", offer=offer, stock=stock, quantity=quantity, summary=summary,
        share=share,
        refusal=refusal_reason(db.session, current_user.user, stock, quantity, now),
        cancellation_limit=cancellation_limit(stock.beginning_at, now), form=BookingForm(),
    )


@blueprint.post("/<int:offer_id>/reserver")
@requires(Capacity.BENEFICIARY)
def create_booking(offer_id: int):
    """Book the chosen stock, then show the ticket."""
    offer = _offer_or_404(offer_id)
    form = BookingForm()
    if not form.validate():
        flash(_("Choisis une date et un nombre de places valides."), "error")
        return redirect(url_for("offers.detail", offer_id=offer.id), 303)
    stock = db.session.get(Stock, form.stock_id.data)
    if stock is None or stock.offer_id != offer.id:
        abort(404)
    try:
        with atomic(db.session):
            booking = book(db.session, current_user.id, stock.id, form.quantity.data, utcnow())
    except AlreadyBooked as refusal:
        existing = active_booking(db.session, current_user.id, offer.id)
        flash(_(refusal.message), "info")
        return redirect(url_for("bookings.ticket", booking_id=existing.id), 303)
    except BookingRefused as refusal:
        flash(_(refusal.message), "error")
        return redirect(url_for("offers.detail", offer_id=offer.id), 303)
    flash(_("C'est réservé ! Voici ton billet."), "success")
    return redirect(url_for("bookings.ticket", booking_id=booking.id), 303)
