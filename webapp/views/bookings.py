"""The young person's bookings: list, ticket, cancellation, reaction and review."""

import datetime as dt

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from models.bookings.api import cancel_by_person
from models.bookings.exceptions import CancellationRefused
from models.bookings.repository import activation_code_of, booking_of, bookings_of, is_current
from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.booking import CancelForm
from webapp.qrcode import qr_svg
from webapp.security import requires
from webapp.templating import euros, render

blueprint = Blueprint("bookings", __name__, url_prefix="/reservations")


@blueprint.get("/")
@requires(Capacity.BENEFICIARY)
def index():
    """List current and ended bookings, each with its status in words."""
    now = utcnow()
    bookings = bookings_of(db.session, current_user.id)
    current = [booking for booking in bookings if is_current(booking, now)]
    ended = [booking for booking in bookings if not is_current(booking, now)]
    return render(
        "bookings/index.html", current=current, ended=ended, now=now, cancel_form=CancelForm()
    )


@blueprint.get("/<int:booking_id>")
@requires(Capacity.BENEFICIARY)
def ticket(booking_id: int):
    """Show the ticket: token in large type, QR code, date, address, what to do."""
    booking = booking_of(db.session, current_user.id, booking_id) or abort(404)
    qr_title = _("QR code de la contremarque %(token)s", token=booking.token)
    return render(
        "bookings/ticket.html", booking=booking, qr=Markup(qr_svg(booking.token, qr_title)),
        activation_code=activation_code_of(db.session, booking.id), now=utcnow(),
        cancel_form=CancelForm(), timedelta=dt.timedelta,
    )


@blueprint.post("/<int:booking_id>/annuler")
@requires(Capacity.BENEFICIARY)
def cancel(booking_id: int):
    """Cancel a booking; the credit comes back at once."""
    # Somebody else's booking does not exist for this person, whatever the form holds.
    booking_of(db.session, current_user.id, booking_id) or abort(404)
    if not CancelForm().validate():
        abort(400)
    now = utcnow()
    try:
        with atomic(db.session):
            booking = cancel_by_person(db.session, booking_id, current_user.id, now)
    except CancellationRefused as refusal:
        flash(_(refusal.message), "error")
        return redirect(url_for("bookings.index"), 303)
    deposit = current_deposit(db.session, current_user.id, now)
    message = _("Réservation annulée.")
    if deposit is not None and booking.amount_cents:
        remaining = credit_summary(db.session, deposit).remaining_cents
        message = _(
            "Réservation annulée : %(amount)s te sont rendus, il te reste %(remaining)s.",
            amount=euros(booking.amount_cents), remaining=euros(remaining),
        )
    flash(message, "success")
    return redirect(url_for("bookings.index"), 303)
