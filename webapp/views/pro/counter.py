"""The pro's ticket counter (Guichet): find a booking by its token, validate it, undo that.

The booking last looked up is remembered in the session, not in the URL: the page then shows
it again after each POST (POST → 303 → GET), and no URL carries a booking another person could
try. Lookups and commands only ever see the bookings of the member's own structures.
"""

import math

from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from models.bookings.api import undo_validation, validate_at_counter
from models.bookings.exceptions import ValidationRefused
from models.bookings.repository import counter_booking, counter_booking_by_id, counter_state
from models.db import utcnow
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db, limiter
from webapp.forms.counter import CounterActionForm, TokenForm
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("pro_counter", __name__, url_prefix="/pro/guichet")

SHOWN_KEY = "counter_booking_id"
# Failed lookups per member: enough for a busy evening's typos, far too few to guess tokens.
DEFAULT_LIMIT = "20/minute;200/hour"
# The counter page may use the camera to read QR codes (the rest of the site may not).
PERMISSIONS_POLICY = "camera=(self), microphone=(), payment=(), geolocation=(self)"


def _member() -> str:
    return f"counter:{current_user.id}"


def _failed(response) -> bool:
    return response.status_code != 303


def counter_page(form=None, status=200, rate_limited=None):
    """The counter with its token form and the booking last looked up, if still the member's."""
    shown_id = session.get(SHOWN_KEY)
    booking = counter_booking_by_id(db.session, current_user.user, shown_id) if shown_id else None
    now = utcnow()
    response = render(
        "pro/counter.html", block="counter", form=form or TokenForm(formdata=None),
        booking=booking, state=booking and counter_state(booking, now), now=now,
        action_form=CounterActionForm(formdata=None), rate_limited=rate_limited,
        status=status,
    )
    response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
    return response


@blueprint.get("/")
@requires(Capacity.PRO)
def index():
    """Show the token form and the booking last looked up."""
    return counter_page()


@blueprint.post("/")
@requires(Capacity.PRO)
@limiter.limit(lambda: current_app.config.get("RATELIMIT_COUNTER", DEFAULT_LIMIT),
               key_func=_member, methods=["POST"], deduct_when=_failed)
def look_up():
    """Find the booking of a token among the member's structures."""
    form = TokenForm()
    if not form.validate():
        return counter_page(form, status=422)
    booking = counter_booking(db.session, current_user.user, form.token.data)
    if booking is None:
        form.token.errors.append(_("Aucune réservation ne correspond à cette contremarque."))
        return counter_page(form, status=422)
    session[SHOWN_KEY] = booking.id
    return redirect(url_for(".index"), 303)


def _shown_booking():
    form = CounterActionForm()
    if not form.validate():
        abort(400)
    booking = counter_booking_by_id(db.session, current_user.user, form.booking_id.data)
    if booking is None:
        abort(404)
    session[SHOWN_KEY] = booking.id
    return booking


@blueprint.post("/valider")
@requires(Capacity.PRO)
def validate():
    """Mark the booking shown as used, or say why it cannot be."""
    booking = _shown_booking()
    try:
        with atomic(db.session):
            validate_at_counter(db.session, booking, utcnow())
    except ValidationRefused as refusal:
        flash(_(refusal.message), "error")
    else:
        flash(_("Contremarque %(token)s validée.", token=booking.token), "success")
    return redirect(url_for(".index"), 303)


@blueprint.post("/annuler-validation")
@requires(Capacity.PRO)
def undo():
    """Put the booking shown back to confirmed, unless it was reimbursed."""
    booking = _shown_booking()
    try:
        with atomic(db.session):
            undo_validation(db.session, booking)
    except ValidationRefused as refusal:
        flash(_(refusal.message), "error")
    else:
        flash(_("Validation de la contremarque %(token)s annulée.", token=booking.token),
              "success")
    return redirect(url_for(".index"), 303)


@blueprint.errorhandler(429)
def too_many_lookups(_error):
    """The form again with what was typed, and when to try again."""
    reset_at = getattr(limiter.current_limit, "reset_at", None)
    minutes = max(1, math.ceil((reset_at - utcnow().timestamp()) / 60)) if reset_at else 1
    message = ngettext(
        "Trop de contremarques essayées en peu de temps. Réessaie dans %(num)d minute.",
        "Trop de contremarques essayées en peu de temps. Réessaie dans %(num)d minutes.",
        minutes,
    )
    return counter_page(TokenForm(request.form), status=429, rate_limited=message)
