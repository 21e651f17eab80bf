"""Staff support: find a person, read their credit and bookings, act on them with a reason.

Every action is a command of models/users/support.py or models/bookings/support.py run in one
unit of work, which writes its audit line (docs/domain/support.md).
"""

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.audit.repository import entries_about
from models.bookings import support as bookings
from models.bookings.models import Booking, CancellationReason
from models.db import utcnow
from models.errors import DomainError
from models.unit_of_work import atomic
from models.users import support as people
from models.users.models import StaffPermission, User
from webapp.extensions import db
from webapp.forms.pro_bookings import STATUS_LABELS
from webapp.forms.support import (
    ButtonForm,
    CancelForm,
    MarkUsedForm,
    PersonSearchForm,
    ReasonForm,
)
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_support", __name__, url_prefix="/admin/support")
PERMISSION = StaffPermission.SUPPORT


@blueprint.get("/")
@requires_permission(PERMISSION)
def search():
    """One search box: an e-mail, a name or a booking token; the people found."""
    form = PersonSearchForm(request.args)
    asked = form.validate() and bool(form.q.data)
    found = people.find_people(db.session, form.q.data) if asked else []
    return render("admin/support_search.html", form=form, asked=asked, found=found,
                  status=422 if form.errors else 200)


@blueprint.get("/personnes/<int:person_id>")
@requires_permission(PERMISSION)
def person(person_id: int):
    """Who the person is, their credit, their bookings, what staff did about them."""
    return _person_page(_person_or_404(person_id), ReasonForm(formdata=None))


@blueprint.post("/personnes/<int:person_id>/suspendre")
@requires_permission(PERMISSION)
def suspend(person_id: int):
    """Suspend the account: sessions end at once, no sign-in, no booking."""
    user = _person_or_404(person_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _person_page(user, form, status=422)
    return _run(lambda: people.suspend(db.session, current_user.user, user.id,
                                       form.reason.data, utcnow()),
                _("Le compte est suspendu."), url_for(".person", person_id=user.id))


@blueprint.post("/personnes/<int:person_id>/reactiver")
@requires_permission(PERMISSION)
def unsuspend(person_id: int):
    """Lift the suspension."""
    user = _person_or_404(person_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _person_page(user, form, status=422)
    return _run(lambda: people.unsuspend(db.session, current_user.user, user.id,
                                         form.reason.data),
                _("Le compte est réactivé."), url_for(".person", person_id=user.id))


@blueprint.get("/reservations/<int:booking_id>")
@requires_permission(PERMISSION)
def booking(booking_id: int):
    """One booking with the actions staff may take on it."""
    return _booking_page(_booking_or_404(booking_id))


@blueprint.post("/reservations/<int:booking_id>/annuler")
@requires_permission(PERMISSION)
def cancel(booking_id: int):
    """Cancel with a reason; the credit comes back (a correction if already reimbursed)."""
    found = _booking_or_404(booking_id)
    form = CancelForm()
    if not form.validate_on_submit():
        return _booking_page(found, cancel_form=form, status=422)
    return _run(lambda: bookings.cancel(db.session, current_user.user, found,
                                        CancellationReason(form.kind.data), form.reason.data,
                                        utcnow()),
                _("La réservation %(token)s est annulée ; le crédit est rendu.",
                  token=found.token), url_for(".booking", booking_id=found.id))


@blueprint.post("/reservations/<int:booking_id>/valider")
@requires_permission(PERMISSION)
def mark_used(booking_id: int):
    """Mark the booking used, with the counter's rules."""
    found = _booking_or_404(booking_id)
    form = MarkUsedForm(prefix="used")
    if not form.validate_on_submit():
        return _booking_page(found, used_form=form, status=422)
    return _run(lambda: bookings.mark_used(db.session, current_user.user, found,
                                           form.reason.data, utcnow()),
                _("La réservation %(token)s est marquée utilisée.", token=found.token),
                url_for(".booking", booking_id=found.id))


@blueprint.post("/reservations/<int:booking_id>/renvoyer")
@requires_permission(PERMISSION)
def resend(booking_id: int):
    """Send the booking's confirmation e-mail again."""
    found = _booking_or_404(booking_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return _run(lambda: bookings.resend_confirmation(db.session, current_user.user, found),
                _("La confirmation est renvoyée."), url_for(".booking", booking_id=found.id))


def _run(command: Callable[[], object], success: str, back: str):
    try:
        with atomic(db.session):
            command()
    except DomainError as error:
        flash(_(error.message), "error")
    else:
        flash(success, "success")
    return redirect(back, 303)


def _person_page(user: User, reason_form: ReasonForm, status: int = 200):
    history = bookings.history_of(db.session, user.id)
    about = [("user_account", str(user.id)), *(("booking", str(b.id)) for b in history)]
    return render("admin/support_person.html", person=user, reason_form=reason_form,
                  credits=bookings.credits_of(db.session, user.id), history=history,
                  audit=entries_about(db.session, about), labels=STATUS_LABELS, now=utcnow(),
                  status=status)


def _booking_page(found: Booking, cancel_form=None, used_form=None, status: int = 200):
    return render("admin/support_booking.html", booking=found, labels=STATUS_LABELS,
                  cancel_form=cancel_form or CancelForm(formdata=None),
                  used_form=used_form or MarkUsedForm(prefix="used", formdata=None),
                  button_form=ButtonForm(),
                  audit=entries_about(db.session, [("booking", str(found.id))]), status=status)


def _person_or_404(person_id: int) -> User:
    user = db.session.get(User, person_id)
    if user is None or user.anonymised_at is not None:
        abort(404)
    return user


def _booking_or_404(booking_id: int) -> Booking:
    return db.session.get(Booking, booking_id) or abort(404)
