"""The local governments' dashboards."""

from flask import Blueprint, abort
from flask_login import current_user

from models.db import utcnow
from models.offerers.repository import count_partner_venues_by_type
from models.offers.repository import count_bookable_offers
from models.territories.repository import commune_codes_in, territory_name, validated_mandate
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("territory", __name__, url_prefix="/territoire")


@blueprint.get("/")
@requires(Capacity.TERRITORY)
def home():
    """Show the cultural supply of the officer's territory."""
    mandate = validated_mandate(db.session, current_user.id)
    if mandate is None:
        abort(403)
    communes = commune_codes_in(mandate.territory_kind, mandate.territory_code)
    return render(
        "territory/home.html",
        mandate=mandate,
        name=territory_name(db.session, mandate.territory_kind, mandate.territory_code),
        venues_by_type=count_partner_venues_by_type(db.session, communes),
        bookable_offers=count_bookable_offers(db.session, utcnow(), communes),
    )
