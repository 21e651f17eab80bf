"""The structures a territory would like as partners: its officers list them by SIREN (typed or
from a CSV file), see which are partners, waiting for validation or not yet partners, and invite
the latter to the pro sign-up (docs/domain/7-territories.md, "Structures to win over")."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length

from models.db import utcnow
from models.errors import DomainError
from models.partnership_candidates.api import (
    INVITATION_INTERVAL,
    add_to_list,
    invite,
    remove_from_list,
)
from models.partnership_candidates.exceptions import InvitedRecently
from models.partnership_candidates.reading import MAX_LINES, Reading, read_csv, read_typed
from models.partnership_candidates.repository import (
    ListedRow,
    PartnerStatus,
    listed_structure,
    listed_structures,
)
from models.territories.models import LocalGovernmentMandate
from models.territories.repository import territory_name, validated_mandate
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.hosts import public_url
from webapp.security import requires
from webapp.spreadsheet import BOM, text_cell
from webapp.templating import render

blueprint = Blueprint("territory_structures", __name__, url_prefix="/territoire")
PARIS = ZoneInfo("Europe/Paris")

STATUS_LABELS = {
    PartnerStatus.PARTNER: _l("Partenaire"),
    PartnerStatus.PENDING: _l("En attente de validation"),
    PartnerStatus.NOT_PARTNER: _l("Pas encore partenaire"),
}
ORDER = list(PartnerStatus)
SORTS = {
    "statut": (_l("Statut"), lambda row: (ORDER.index(row.status), (row.name or "").lower())),
    "nom": (_l("Nom"), lambda row: ((row.name or "~").lower(), row.siren)),
    "siren": (_l("SIREN"), lambda row: row.siren),
    "offres": (_l("Offres réservables"), lambda row: (-(row.bookable_offers or 0),
                                                      ORDER.index(row.status))),
}
# Past this many refused lines the officer has the idea: the page stays readable.
PROBLEMS_SHOWN = 30
# Rows of the table per page: a list of 2,000 stays a light page on a phone.
PAGE_SIZE = 100
# The query of the list that a form's answer leads back to.
LIST_ARGUMENTS = ("statut", "tri", "page")


class ListForm(FlaskForm):
    sirens = TextAreaField(_l("SIREN des structures"), validators=[Length(max=MAX_LINES * 40)])
    file = FileField(_l("Ou un fichier CSV"))


class ChosenForm(FlaskForm):
    """One structure of the list, chosen by a button of its row (invite, remove)."""

    siren = HiddenField()


@blueprint.get("/structures")
@requires(Capacity.TERRITORY)
def index():
    """List the territory's structures with where each stands, and the form to add more."""
    return _page(ListForm(formdata=None))


@blueprint.post("/structures")
@requires(Capacity.TERRITORY)
def add():
    """Add the SIRENs typed or uploaded, or show every refused line and keep what was typed."""
    mandate, form = _mandate(), ListForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    typed, uploaded = _readings(form)
    if typed is None and uploaded is None:
        form.sirens.errors.append(_("Indique au moins un SIREN, ou choisis un fichier CSV."))
        return _page(form, status=422)
    _attach(form.sirens, typed)
    _attach(form.file, uploaded)
    if form.sirens.errors or form.file.errors:
        return _page(form, status=422)
    lines = [*(typed.lines if typed else []), *(uploaded.lines if uploaded else [])]
    try:
        with atomic(db.session):
            added = add_to_list(db.session, current_user.user, mandate, lines, utcnow())
    except DomainError as error:
        form.sirens.errors.append(_(error.message))
        return _page(form, status=422)
    flash(_("%(added)s structure(s) ajoutée(s) à la liste, %(updated)s mise(s) à jour, "
            "%(unchanged)s déjà présente(s).", added=added.added, updated=added.updated,
            unchanged=added.unchanged), "success")
    return redirect(url_for("territory_structures.index"), 303)


@blueprint.post("/structures/inviter")
@requires(Capacity.TERRITORY)
def send_invitation():
    """E-mail one listed structure an invitation to the pro sign-up, its SIREN filled in."""
    mandate, siren = _mandate(), _chosen_siren()
    if siren is None:
        flash(_("Choisis dans la liste la structure à inviter."), "error")
        return redirect(url_for("territory_structures.index"), 303)
    try:
        with atomic(db.session):
            invitation = invite(
                db.session, current_user.user, mandate, siren, territory_name=_territory(mandate),
                signup_link=signup_link(siren), now=utcnow())
    except InvitedRecently as error:
        flash(_(error.message, sent=_day(error.sent_at), next=_day(error.next_at)), "error")
    except DomainError as error:
        flash(_(error.message), "error")
    else:
        flash(_("L'invitation est envoyée à %(email)s.", email=invitation.email), "success")
    return redirect(url_for("territory_structures.index", **_list_query(),
                            _anchor=f"structure-{siren}"), 303)


@blueprint.post("/structures/retirer")
@requires(Capacity.TERRITORY)
def remove():
    """Take one structure off the territory's list; listing its SIREN again brings it back."""
    mandate, siren = _mandate(), _chosen_siren()
    if siren is None:
        flash(_("Choisis dans la liste la structure à retirer."), "error")
        return redirect(url_for("territory_structures.index"), 303)
    listed = listed_structure(db.session, mandate.territory_kind, mandate.territory_code, siren)
    label = (listed.name if listed and listed.name else None) or _("SIREN %(siren)s", siren=siren)
    try:
        with atomic(db.session):
            remove_from_list(db.session, current_user.user, mandate, siren, utcnow())
    except DomainError as error:
        flash(_(error.message), "error")
    else:
        flash(_("%(structure)s est retirée de la liste. Pour l'y remettre, ajoute à nouveau son "
                "SIREN.", structure=label), "success")
    return redirect(url_for("territory_structures.index", **_list_query()), 303)


@blueprint.get("/structures.csv")
@requires(Capacity.TERRITORY)
def export():
    """Download the list with each structure's status, offers and last invitation."""
    mandate = _mandate()
    rows = listed_structures(db.session, mandate.territory_kind, mandate.territory_code,
                             utcnow())
    return _csv_response(export_csv(rows), f"structures-{mandate.territory_code}.csv")


@blueprint.get("/structures/modele.csv")
@requires(Capacity.TERRITORY)
def template():
    """Download the empty CSV file to fill: its header names the three columns."""
    return _csv_response("siren;nom;email\r\n", "structures-modele.csv")


def signup_link(siren: str) -> str:
    """The pro sign-up at the service's public address, the SIREN filled in."""
    return public_url("pro_structures.signup", siren=siren)


def export_csv(rows: list[ListedRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(("siren", "nom", "email", "statut", "offres_reservables",
                     "derniere_invitation"))
    for row in sorted(rows, key=SORTS["statut"][1]):
        invitation = row.last_invitation
        writer.writerow((
            row.siren, text_cell(row.name), text_cell(row.listed.email), row.status.value,
            "" if row.bookable_offers is None else row.bookable_offers,
            invitation.sent_at.astimezone(PARIS).date().isoformat() if invitation else "",
        ))
    return buffer.getvalue()


def _csv_response(text: str, filename: str) -> Response:
    response = Response(BOM + text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _mandate() -> LocalGovernmentMandate:
    mandate = validated_mandate(db.session, current_user.id)
    if mandate is None:
        abort(403)
    return mandate


def _territory(mandate: LocalGovernmentMandate) -> str:
    return territory_name(db.session, mandate.territory_kind,
                          mandate.territory_code) or mandate.territory_code


def _day(moment) -> str:
    return format_datetime(moment, "d MMMM yyyy")


def _readings(form: ListForm) -> tuple[Reading | None, Reading | None]:
    typed = read_typed(form.sirens.data) if (form.sirens.data or "").strip() else None
    upload = form.file.data
    uploaded = None
    if upload and getattr(upload, "filename", ""):
        uploaded = read_csv(upload.stream.read(2 * 1024 * 1024 + 1))
    return typed, uploaded


def _attach(field, reading: Reading | None) -> None:
    if reading is None:
        return
    problems = reading.problems
    field.errors = list(field.errors) + [_(problem.message, **problem.params)
                                         for problem in problems[:PROBLEMS_SHOWN]]
    if len(problems) > PROBLEMS_SHOWN:
        field.errors.append(_("… et %(count)s autres lignes à corriger.",
                              count=len(problems) - PROBLEMS_SHOWN))


def _chosen_siren() -> str | None:
    """The SIREN of the row whose button was pressed, or None without a valid form."""
    form = ChosenForm()
    siren = (form.siren.data or "").strip()[:20]
    return siren if form.validate_on_submit() and siren else None


def _list_query() -> dict[str, str]:
    """The filter, order and page of the list, as the page's own URL carries them."""
    return {name: request.args[name][:20] for name in LIST_ARGUMENTS if name in request.args}


def _page_number(count: int) -> int:
    typed = request.args.get("page", "1")
    number = int(typed) if typed.isascii() and typed.isdigit() and len(typed) < 6 else 1
    return min(max(number, 1), max(1, -(-count // PAGE_SIZE)))


def _page(form: ListForm, *, status: int = 200):
    mandate, now = _mandate(), utcnow()
    rows = listed_structures(db.session, mandate.territory_kind, mandate.territory_code, now)
    shown_status = request.args.get("statut", "")
    sort = request.args.get("tri", "statut")
    sort = sort if sort in SORTS else "statut"
    shown = sorted((row for row in rows if shown_status not in set(PartnerStatus)
                    or row.status.value == shown_status), key=SORTS[sort][1])
    number = _page_number(len(shown))
    return render(
        "territory/structures.html", form=form, territory=_territory(mandate),
        rows=shown[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], shown_count=len(shown),
        page=number, has_next=number * PAGE_SIZE < len(shown), first=(number - 1) * PAGE_SIZE,
        counts={status: sum(row.status is status for row in rows) for status in PartnerStatus},
        total=len(rows), shown_status=shown_status, sort=sort, sorts=SORTS, query=_list_query(),
        labels=STATUS_LABELS, signup_link=signup_link, day=_day, now=now, status=status,
        next_invitation=lambda row: row.last_invitation.sent_at + INVITATION_INTERVAL
        if row.last_invitation else None,
    )
