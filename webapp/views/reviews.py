"""Reactions and reviews after a used booking, and reports of reviews."""

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.bookings.repository import booking_of
from models.db import utcnow
from models.errors import DomainError
from models.social.api import react_and_review, report_review
from models.social.models import ReactionKind, Review
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.booking import ReportForm, ReviewForm
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("reviews", __name__)


@blueprint.route("/reservations/<int:booking_id>/avis", methods=["GET", "POST"])
@requires(Capacity.BENEFICIARY)
def new(booking_id: int):
    """Ask whether the person liked the offer, and for a short review."""
    booking = booking_of(db.session, current_user.id, booking_id) or abort(404)
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            with atomic(db.session):
                react_and_review(db.session, current_user.id, booking,
                                 ReactionKind(form.reaction.data), form.text.data, utcnow())
        except DomainError as refusal:
            flash(_(refusal.message), "error")
            return redirect(url_for("bookings.ticket", booking_id=booking.id), 303)
        flash(_("Merci pour ton avis !"), "success")
        return redirect(url_for("offers.detail", offer_id=booking.offer_id), 303)
    return render("reviews/new.html", booking=booking, form=form,
                  status=422 if form.errors else 200)


@blueprint.route("/avis/<int:review_id>/signaler", methods=["GET", "POST"])
def report(review_id: int):
    """Let any signed-in reader report a review to staff."""
    review = db.session.get(Review, review_id)
    if review is None or review.hidden_at is not None:
        abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            with atomic(db.session):
                report_review(db.session, review, current_user.id, form.reason.data, utcnow())
        except DomainError as refusal:
            flash(_(refusal.message), "info")
        else:
            flash(_("Merci, l'équipe va examiner cet avis."), "success")
        return redirect(url_for("offers.detail", offer_id=review.offer_id), 303)
    return render("reviews/report.html", review=review, form=form,
                  status=422 if form.errors else 200)
