"""The pro's money: statements, revenue of the year, bank details per pricing point.

The rules are in docs/domain/6-reimbursement.md. Every page shows the member's own structures
only; another structure's statement or pricing point is "not found".
"""

import datetime as dt

from flask import Blueprint, Response, abort, flash, redirect, stream_with_context, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.finance import repository
from models.finance.api import set_bank_account
from models.finance.exceptions import FinanceError, HolderRequired, InvalidBic
from models.finance.periods import Period, paris_day
from models.offerers.models import Venue
from models.unit_of_work import atomic
from models.users.capacities import Capacity, can_manage, managed_structure_ids
from webapp.extensions import db
from webapp.forms.finance import BankAccountForm
from webapp.security import object_or_404, requires
from webapp.templating import render
from webapp.views.pro.finance_csv import statement_chunks

blueprint = Blueprint("pro_finance", __name__, url_prefix="/pro/remboursements")

# Lines shown on the statement's page; the CSV file holds them all.
LINES_SHOWN = 100


def period_label(period: Period) -> str:
    """"du 1er au 15 mars 2026", "du 16 au 31 mars 2026"."""
    month = format_date(period.first_day, "MMMM y")
    if period.half == 1:
        return _("du 1er au 15 %(month)s", month=month)
    return _("du 16 au %(day)d %(month)s", day=period.last_day.day, month=month)


def _statement_or_404(statement_id: int):
    statement = repository.statement_with_point(db.session, statement_id)
    if statement is None or not can_manage(db.session, current_user.user,
                                           statement.pricing_point):
        abort(404)
    return statement


@blueprint.get("/")
@requires(Capacity.PRO)
def index():
    """Statements, revenue of the year by month and by offer, and the bank details."""
    structure_ids = managed_structure_ids(db.session, current_user.user)
    year = paris_day(utcnow()).year
    return render(
        "pro/finance/index.html", year=year, period_label=period_label,
        statements=repository.statements_of(db.session, structure_ids),
        months=list(zip([dt.date(year, month, 1) for month in range(1, 13)],
                        repository.revenue_by_month(db.session, structure_ids, year),
                        strict=True)),
        offers=repository.revenue_by_offer(db.session, structure_ids, year),
        points=repository.pricing_points_of(db.session, structure_ids),
    )


@blueprint.get("/<int:statement_id>")
@requires(Capacity.PRO)
def statement(statement_id: int):
    """One statement: its totals and its first lines."""
    found = _statement_or_404(statement_id)
    lines = list(repository.statement_lines(db.session, found.id, LINES_SHOWN))
    return render("pro/finance/statement.html", statement=found, lines=lines,
                  line_count=repository.line_count(db.session, found.id),
                  period_label=period_label)


@blueprint.get("/<int:statement_id>.csv")
@requires(Capacity.PRO)
def statement_csv(statement_id: int):
    """The whole statement as a CSV file, streamed."""
    found = _statement_or_404(statement_id)
    chunks = statement_chunks(found, period_label(found.period),
                              repository.statement_lines(db.session, found.id))
    response = Response(stream_with_context(chunks), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="releve-{found.reference}.csv"')
    return response


def _venue_or_404(venue_id: int) -> Venue:
    return object_or_404(Venue, venue_id)


def _pricing_point_or_404(venue_id: int) -> Venue:
    """A venue paid through another has no account to give: only its page says where it is paid."""
    venue = object_or_404(Venue, venue_id)
    if venue.pricing_point_id != venue.id:
        abort(404)
    return venue


def bank_page(venue: Venue, form=None, status=200):
    return render(
        "pro/finance/bank_account.html", venue=venue, status=status,
        form=form or BankAccountForm(formdata=None),
        history=repository.account_history(db.session, venue.id),
    )


@blueprint.get("/lieux/<int:venue_id>/coordonnees-bancaires")
@requires(Capacity.PRO)
def bank_account(venue_id: int):
    """The current account of a pricing point, its history, and the form to give a new one."""
    return bank_page(_venue_or_404(venue_id))


@blueprint.post("/lieux/<int:venue_id>/coordonnees-bancaires")
@requires(Capacity.PRO)
def new_bank_account(venue_id: int):
    """Replace the pricing point's account; a wrong IBAN is explained beside its field."""
    venue = _pricing_point_or_404(venue_id)
    form = BankAccountForm()
    if not form.validate():
        return bank_page(venue, form, 422)
    try:
        with atomic(db.session):
            set_bank_account(db.session, venue, form.iban.data, form.bic.data,
                             form.holder.data, current_user.user, utcnow())
    except FinanceError as error:
        field = {InvalidBic: form.bic, HolderRequired: form.holder}.get(type(error), form.iban)
        field.errors.append(_(error.message))
        return bank_page(venue, form, 422)
    flash(_("Les coordonnées bancaires de %(venue)s sont enregistrées.",
            venue=venue.display_name), "success")
    return redirect(url_for(".bank_account", venue_id=venue.id), 303)
