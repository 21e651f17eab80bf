"""The cultural actors' home: what needs attention, how offers are doing, structures and venues."""

from flask import Blueprint
from flask_login import current_user

from models.db import utcnow
from models.offerers.dashboard import attention, offer_activity
from models.offerers.repository import offer_counts_by_venue, structures_of_member
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("pro", __name__, url_prefix="/pro")


@blueprint.get("/")
@requires(Capacity.PRO)
def home():
    """What needs attention, each offer's last 30 days, the structures and their venues."""
    structures = structures_of_member(db.session, current_user.id)
    structure_ids = [structure.id for structure in structures]
    venue_ids = [venue.id for structure in structures for venue in structure.venues]
    now = utcnow()
    return render(
        "pro/home.html", structures=structures,
        offer_counts=offer_counts_by_venue(db.session, venue_ids),
        attention=attention(db.session, structure_ids, now),
        activity=offer_activity(db.session, structure_ids, now),
    )
