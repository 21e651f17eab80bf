"""Staff decisions on reported reviews: the queue, one review with its reports, hide or keep it
(docs/domain/moderation.md, "Reported reviews")."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.errors import DomainError
from models.moderation.repository import reported_reviews, reports_of
from models.moderation.reviews import hide_review, keep_review
from models.offers.models import Offer
from models.social.models import Review
from models.unit_of_work import atomic
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.forms.moderation import ActionForm, HideReviewForm
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_reviews", __name__, url_prefix="/admin/avis")
MODERATE = StaffPermission.MODERATE


@blueprint.get("/")
@requires_permission(MODERATE)
def queue():
    """List the reviews with reports waiting for a decision, the longest waiting first."""
    return render("admin/reviews_queue.html", reported=reported_reviews(db.session))


@blueprint.get("/<int:review_id>")
@requires_permission(MODERATE)
def detail(review_id: int):
    """Show a review, the offer it is about and its reports, with the two decisions."""
    return _detail_page(review_id, HideReviewForm(formdata=None))


@blueprint.post("/<int:review_id>/masquer")
@requires_permission(MODERATE)
def hide(review_id: int):
    """Hide the review with a reason its author reads; the reporters are told."""
    form = HideReviewForm()
    if not form.validate_on_submit():
        return _detail_page(review_id, form, status=422)
    return _decide(lambda: hide_review(db.session, current_user.user, review_id,
                                       form.reason.data, utcnow()),
                   _("L'avis est masqué ; son auteur et les personnes qui l'ont signalé sont "
                     "prévenus."))


@blueprint.post("/<int:review_id>/conserver")
@requires_permission(MODERATE)
def keep(review_id: int):
    """Keep the review visible; the reporters are told it follows the rules."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return _decide(lambda: keep_review(db.session, current_user.user, review_id, utcnow()),
                   _("L'avis reste visible ; les personnes qui l'ont signalé sont prévenues."))


def _decide(command, success: str):
    try:
        with atomic(db.session):
            command()
    except DomainError as error:
        flash(_(error.message), "error")
    else:
        flash(success, "success")
    return redirect(url_for(".queue"), 303)


def _detail_page(review_id: int, hide_form: HideReviewForm, status: int = 200):
    review = db.session.get(Review, review_id) or abort(404)
    return render("admin/review_detail.html", status=status, review=review,
                  offer=db.session.get(Offer, review.offer_id),
                  reports=reports_of(db.session, review_id), hide_form=hide_form,
                  keep_form=ActionForm())
