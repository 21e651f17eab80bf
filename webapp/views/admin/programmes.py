"""Staff pages of the credit programmes: the calendar, and a future programme added after a
preview of who it will concern (docs/domain/2-credit.md, "Programmes in the back-office")."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.credit.api import DEFAULT_TIMEZONE
from models.credit.exceptions import ProgrammeError
from models.credit.models import CreditProgramme
from models.credit.programmes import (
    create_programme,
    delete_future_programme,
    preview_programme,
    programme_calendar,
)
from models.db import utcnow
from models.unit_of_work import atomic
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.forms.programmes import ActionForm, ProgrammeForm
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_programmes", __name__, url_prefix="/admin/programmes")
PERMISSION = StaffPermission.MANAGE_PROGRAMMES


def _today() -> dt.date:
    """Today in metropolitan France, the day programmes are dated by."""
    return utcnow().astimezone(ZoneInfo(DEFAULT_TIMEZONE)).date()


@blueprint.get("/")
@requires_permission(PERMISSION)
def calendar():
    """List the programmes in force, to come and past, with their dates and amounts."""
    return render("admin/programmes.html", calendar=programme_calendar(db.session, _today()),
                  today=_today(), form=ActionForm())


@blueprint.get("/nouveau")
@requires_permission(PERMISSION)
def new():
    """The form of a future programme."""
    return _form_page(ProgrammeForm(formdata=None))


@blueprint.post("/nouveau")
@requires_permission(PERMISSION)
def submit():
    """Preview the programme typed, or create it once the very values were previewed."""
    form = ProgrammeForm()
    if not form.validate_on_submit():
        return _form_page(form, status=422)
    try:
        if request.form.get("action") != "create" or form.previewed.data != form.fingerprint():
            preview = preview_programme(db.session, form.draft(), _today())
            form.previewed.data = form.fingerprint()
            return _form_page(form, preview=preview, changed=request.form.get("action") == "create")
        with atomic(db.session):
            programme = create_programme(db.session, current_user.user, form.draft(), _today())
    except ProgrammeError as error:
        getattr(form, error.field or "name").errors.append(_(error.message))
        return _form_page(form, status=422)
    flash(_("Le programme « %(name)s » est ajouté : il commence le %(day)s.",
            name=programme.name, day=programme.starts_on.strftime("%d/%m/%Y")), "success")
    return redirect(url_for("admin_programmes.calendar"), 303)


@blueprint.post("/<int:programme_id>/supprimer")
@requires_permission(PERMISSION)
def delete(programme_id: int):
    """Delete a programme that has not started; one that has is refused by the domain."""
    programme = db.session.get(CreditProgramme, programme_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    name = programme.name
    try:
        with atomic(db.session):
            delete_future_programme(db.session, current_user.user, programme, _today())
    except ProgrammeError as error:
        flash(_(error.message), "error")
    else:
        flash(_("Le programme « %(name)s » est supprimé.", name=name), "success")
    return redirect(url_for("admin_programmes.calendar"), 303)


def _form_page(form: ProgrammeForm, *, preview=None, changed: bool = False, status: int = 200):
    return render("admin/programme_form.html", form=form, preview=preview, changed=changed,
                  earliest=_today() + dt.timedelta(days=1), status=status)
