"""The bulk catalogue of a bookshop or a record shop: upload a CSV file, read its report.

The report is the answer to the upload itself rather than a page behind a redirect: it is too
large to keep in the session, and nothing needs to be kept, because an import can be sent twice
without harm (the second one finds every reference unchanged, docs/domain/4-offers.md).
"""

from flask import Blueprint, Response
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.offerers.models import Venue
from models.offers.catalogue_file import MAX_FILE_BYTES, example_csv
from models.offers.catalogue_import import (
    CatalogueFileRefused,
    catalogue_venues,
    import_catalogue,
)
from models.unit_of_work import atomic
from models.users.capacities import Capacity, managed_structure_ids
from webapp.extensions import db
from webapp.forms.catalogue_import import CatalogueImportForm
from webapp.security import object_or_404, requires
from webapp.templating import render

blueprint = Blueprint("pro_catalogue", __name__, url_prefix="/pro/catalogue")
# Past this many refused lines, the whole file is wrong in the same way: the page stays light.
REFUSED_SHOWN = 1000
CHANGED_SHOWN = 100


def _form(**kwargs) -> CatalogueImportForm:
    venues = catalogue_venues(db.session, managed_structure_ids(db.session, current_user.user))
    return CatalogueImportForm(**kwargs).offer_venues(venues)


def _form_page(form: CatalogueImportForm, status: int = 200):
    return render("pro/catalogue/upload.html", form=form, status=status)


@blueprint.get("/")
@requires(Capacity.PRO)
def index():
    """Show the upload form and what the file's columns mean."""
    return _form_page(_form())


@blueprint.post("/")
@requires(Capacity.PRO)
def upload():
    """Import the file into the chosen venue and show the report of every line."""
    form = _form()
    if not form.validate_on_submit():
        return _form_page(form, status=422)
    venue = object_or_404(Venue, form.venue_id.data)
    data = form.file.data.stream.read(MAX_FILE_BYTES + 1)
    try:
        with atomic(db.session):
            report = import_catalogue(db.session, venue, data, author_id=current_user.id,
                                      now=utcnow())
    except CatalogueFileRefused as error:
        form.file.errors.append(_(error.message, **error.params))
        return _form_page(form, status=422)
    return render("pro/catalogue/report.html", venue=venue, report=report,
                  filename=form.file.data.filename, max_shown=REFUSED_SHOWN,
                  max_changed_shown=CHANGED_SHOWN)


@blueprint.get("/modele.csv")
@requires(Capacity.PRO)
def example():
    """Download a model file to fill in."""
    return Response(example_csv(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="catalogue-modele.csv"',
    })
