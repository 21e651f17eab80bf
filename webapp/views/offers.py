"""The offer page and the booking confirmation step."""

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from models.bookings.api import book, cancellation_limit, refusal_reason
from models.bookings.exceptions import AlreadyBooked, BookingRefused
from models.bookings.repository import active_booking
from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.geo import Point, distance_km
from models.offers.models import Stock
from models.offers.repository import offer_page_versions, open_stocks, shown_offer
from models.social.repository import is_favorite, visible_reviews
from models.top_ups.api import share_preview
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp import page_cache
from webapp.extensions import db
from webapp.forms.booking import BookingForm
from webapp.offer_context import BookingState, booking_state, person_point, venue_distance_km
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
    """Show everything a person needs to decide, and whether they can book.

    What is the same for everybody is rendered once per offer version (webapp/page_cache.py):
    a visitor gets the whole page from it, a signed-in person the article around their own
    booking section.
    """
    now = utcnow()
    versions = offer_page_versions(db.session, offer_id)
    if versions is None:
        abort(404)
    pages = page_cache.store()
    visitor = not current_user.is_authenticated and not session.get("_flashes")
    kind = "page" if visitor else "article"
    key = page_cache.key(kind, offer_id, versions)
    entry = pages.get(key)
    offer = None
    if entry is None or not entry.fresh(now):
        offer = _offer_or_404(offer_id)
        entry = _rendered_entry(offer, now, visitor)
        pages.put(key, entry)
    if visitor:
        return page_cache.serve_public(entry, page_cache.distance_html(_distance_km(entry)))
    offer = offer or _offer_or_404(offer_id)
    state = booking_state(offer, open_stocks(offer, now), now)
    favorite = state.signed_in_young and is_favorite(db.session, current_user.id, offer.id)
    booking = render_template("offers/_booking.html", offer=offer, state=state,
                              favorite=favorite)
    article = page_cache.fill(entry.parts["article"], **{
        page_cache.BOOKING_SLOT: booking,
        page_cache.DISTANCE_SLOT: page_cache.distance_html(venue_distance_km(offer)),
    })
    return render_page_response(entry, article)


def _rendered_entry(offer, now, visitor: bool) -> page_cache.Entry:
    stocks = open_stocks(offer, now)
    parts = page_cache.render_article_parts(offer, stocks, visible_reviews(db.session, offer.id))
    if visitor:
        state = BookingState(stocks, None, None, False)
        booking = render_template("offers/_booking.html", offer=offer, state=state,
                                  favorite=False)
        article = page_cache.fill(parts["article"], **{page_cache.BOOKING_SLOT: booking})
        parts = {"page": render_template(
            "offers/detail.html", title=parts["title"], social=Markup(parts["social"]),
            article=Markup(article), csrf_token=page_cache.csrf_slot)}
    venue = offer.venue
    point = None if venue.is_virtual or venue.latitude is None else (venue.latitude,
                                                                      venue.longitude)
    return page_cache.Entry(parts, page_cache.valid_until(stocks, now), now.timestamp(), point)


def _distance_km(entry: page_cache.Entry) -> float | None:
    """The distance from the position the visitor chose in their session, if any."""
    point = person_point() if entry.venue_point is not None else None
    return None if point is None else distance_km(point, Point(*entry.venue_point))


def render_page_response(entry: page_cache.Entry, article: str):
    return render("offers/detail.html", title=entry.parts["title"],
                  social=Markup(entry.parts["social"]), article=Markup(article))


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
