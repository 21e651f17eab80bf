"""The platform staff's back office."""

from flask import Blueprint

from models.identity.repository import count_pending_checks
from models.moderation.repository import count_reported_reviews
from models.offerers.repository import count_structures_by_status
from models.offers.repository import count_offers_by_validation
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("admin", __name__, url_prefix="/admin")


@blueprint.get("/")
@requires(Capacity.STAFF)
def home():
    """Show what waits for staff: identity checks, structures and offers to review."""
    return render(
        "admin/home.html",
        pending_checks=count_pending_checks(db.session),
        structures=count_structures_by_status(db.session),
        offers=count_offers_by_validation(db.session),
        reported_reviews=count_reported_reviews(db.session),
    )
