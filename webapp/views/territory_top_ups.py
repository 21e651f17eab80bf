"""The officer's local top-ups: the programmes of its territory with their consumption, and a
new one when staff allowed it (docs/domain/8-local-top-ups.md)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.statistics.periods import PARIS
from models.territories.repository import territory_name, validated_mandate
from models.top_ups.api import create_programme
from models.top_ups.exceptions import TopUpError, TopUpNotPermitted
from models.top_ups.repository import consumption, permission_of, programmes_of
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.top_ups import TopUpForm
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("territory_top_ups", __name__, url_prefix="/territoire/credits-locaux")


def _today() -> dt.date:
    """Today in metropolitan France: the first day a programme may start."""
    return utcnow().astimezone(PARIS).date()


def _mandate():
    mandate = validated_mandate(db.session, current_user.id)
    if mandate is None:
        abort(403)
    return mandate


@blueprint.get("/")
@requires(Capacity.TERRITORY)
def index():
    """List the territory's local top-ups with what each has paid, under the secrecy rules."""
    mandate = _mandate()
    programmes = programmes_of(db.session, mandate)
    return render(
        "territory/top_ups.html",
        territory=territory_name(db.session, mandate.territory_kind, mandate.territory_code),
        permitted=permission_of(db.session, mandate.id) is not None,
        programmes=[(programme, consumption(db.session, programme))
                    for programme in programmes],
    )


@blueprint.get("/nouveau")
@requires(Capacity.TERRITORY)
def new():
    """The form of a new local top-up; without staff's permission, how to ask for it."""
    return _form_page(TopUpForm(formdata=None))


@blueprint.post("/nouveau")
@requires(Capacity.TERRITORY)
def create():
    """Create the local top-up typed, or show the form again with what is wrong."""
    if not _permitted():
        flash(_(TopUpNotPermitted.message), "error")
        return redirect(url_for("territory_top_ups.index"), 303)
    form = TopUpForm()
    if not form.validate_on_submit():
        return _form_page(form, status=422)
    try:
        with atomic(db.session):
            programme = create_programme(db.session, current_user.user, form.draft(), _today())
    except TopUpError as error:
        getattr(form, error.field or "name").errors.append(_(error.message))
        return _form_page(form, status=422)
    flash(_("Le crédit local « %(name)s » est créé.", name=programme.name), "success")
    return redirect(url_for("territory_top_ups.index"), 303)


def _permitted() -> bool:
    return permission_of(db.session, _mandate().id) is not None


def _form_page(form: TopUpForm, *, status: int = 200):
    return render("territory/top_up_form.html", form=form, today=_today(), status=status,
                  permitted=_permitted())
