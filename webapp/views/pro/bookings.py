"""The bookings of the member's structures: a filtered list a page at a time, and its CSV export.

Only the structures the person is a validated member of are read, so another structure's
bookings never appear, whatever the URL says. The filters live in the URL (a GET form), so the
export link carries exactly what the list shows. docs/domain/5-bookings.md, "Pro list and
export".
"""

from zoneinfo import ZoneInfo

from flask import Blueprint, Response, request, stream_with_context, url_for
from flask_babel import get_timezone
from flask_login import current_user

from models.bookings.pro_repository import (
    COUNT_CAP,
    booking_page,
    count_bookings,
    export_rows,
    offer_choices,
    offer_name_in,
    venue_choices,
)
from models.db import utcnow
from models.users.capacities import Capacity, managed_structure_ids
from webapp.extensions import db
from webapp.forms.pro_bookings import STATUS_LABELS, BookingFiltersForm, cursor_value
from webapp.security import requires
from webapp.templating import render
from webapp.views.pro.bookings_csv import PARIS, csv_chunks, day_and_time, gzipped

blueprint = Blueprint("pro_bookings", __name__, url_prefix="/pro/reservations")
TEMPLATE = "pro/bookings/list.html"


def _filters_form() -> tuple[BookingFiltersForm, list[int]]:
    """The filters read from the URL, their choices the member's venues and offers."""
    structure_ids = managed_structure_ids(db.session, current_user.user)
    form = BookingFiltersForm(request.args)
    offers = offer_choices(db.session, structure_ids)
    wanted = form.requested_offer_id()
    # An offer reached from its link may be past the choices' cap: it is still the member's.
    if wanted and wanted not in {offer_id for offer_id, _name in offers}:
        name = offer_name_in(db.session, structure_ids, wanted)
        offers = [*offers, (wanted, name)] if name else offers
    form.set_choices(venue_choices(db.session, structure_ids), offers)
    return form, structure_ids


def _page_url(**changes) -> str:
    """This list's URL, its filters kept, another page or filter changed."""
    args = {key: value for key, value in request.args.items() if value and key != "apres"}
    return url_for(".index", **{**args, **changes})


def _context(form: BookingFiltersForm) -> dict:
    zone = ZoneInfo(str(get_timezone()))
    return {"form": form, "status_labels": STATUS_LABELS, "page_url": _page_url,
            "cursor_value": cursor_value, "count_cap": COUNT_CAP,
            "day_and_time": lambda moment: day_and_time(moment, zone)}


@blueprint.get("/")
@requires(Capacity.PRO)
def index():
    """List the bookings of the member's structures, newest first, filtered by the URL."""
    form, structure_ids = _filters_form()
    context = _context(form)
    if not form.validate():
        return render(TEMPLATE, block="bookings", page=None, count=None, status=422, **context)
    filters = form.filters(structure_ids, ZoneInfo(str(get_timezone())))
    page = booking_page(db.session, filters, form.cursor())
    return render(TEMPLATE, block="bookings", page=page,
                  count=count_bookings(db.session, filters), **context)


@blueprint.get("/export.csv")
@requires(Capacity.PRO)
def export():
    """Stream the filtered bookings as a CSV file, a batch of rows at a time."""
    form, structure_ids = _filters_form()
    if not form.validate():
        return render(TEMPLATE, page=None, count=None, status=422, **_context(form))
    rows = export_rows(db.session, form.filters(structure_ids, ZoneInfo(str(get_timezone()))))
    body = (chunk.encode() for chunk in csv_chunks(rows))
    compress = "gzip" in request.headers.get("Accept-Encoding", "")
    filename = f"reservations-{utcnow().astimezone(PARIS):%Y-%m-%d}.csv"
    response = Response(
        stream_with_context(gzipped(body) if compress else body), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                 "Cache-Control": "private, no-store"},
    )
    if compress:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response
