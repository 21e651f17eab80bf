"""The cultural actors' space."""

from flask import Blueprint
from flask_login import current_user

from models.offerers.repository import offer_counts_by_venue, structures_of_member
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("pro", __name__, url_prefix="/pro")


@blueprint.get("/")
@requires(Capacity.PRO)
def home():
    """List the pro's structures and venues with their number of offers."""
    structures = structures_of_member(db.session, current_user.id)
    venue_ids = [venue.id for structure in structures for venue in structure.venues]
    counts = offer_counts_by_venue(db.session, venue_ids)
    return render("pro/home.html", structures=structures, offer_counts=counts)
