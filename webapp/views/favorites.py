"""The young person's favorites."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.offers.repository import shown_offer
from models.social.api import add_favorite, remove_favorite
from models.social.exceptions import FavoritesFull
from models.social.models import MAX_FAVORITES
from models.social.repository import favorites_of
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.favorite_sorting import SORTS, sort_favorites
from webapp.forms.booking import CancelForm
from webapp.navigation import safe_next_url
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("favorites", __name__, url_prefix="/favoris")


@blueprint.get("/")
@requires(Capacity.BENEFICIARY)
def index():
    """List favorites, sorted by date added, price or distance."""
    sort = request.args.get("tri", "recent")
    if sort not in SORTS:
        sort = "recent"
    favorites = sort_favorites(favorites_of(db.session, current_user.id), sort, utcnow())
    return render(
        "favorites/index.html", favorites=favorites, sort=sort, sorts=SORTS,
        maximum=MAX_FAVORITES, form=CancelForm(),
    )


@blueprint.post("/<int:offer_id>")
@requires(Capacity.BENEFICIARY)
def add(offer_id: int):
    """Add an offer to favorites."""
    if not CancelForm().validate() or shown_offer(db.session, offer_id) is None:
        abort(400)
    try:
        with atomic(db.session):
            add_favorite(db.session, current_user.id, offer_id, utcnow())
    except FavoritesFull as refusal:
        flash(_(refusal.message), "error")
    else:
        flash(_("Ajouté à tes favoris."), "success")
    return redirect(_back(offer_id), 303)


@blueprint.post("/<int:offer_id>/retirer")
@requires(Capacity.BENEFICIARY)
def remove(offer_id: int):
    """Remove an offer from favorites."""
    if not CancelForm().validate():
        abort(400)
    with atomic(db.session):
        remove_favorite(db.session, current_user.id, offer_id)
    flash(_("Retiré de tes favoris."), "success")
    return redirect(_back(offer_id), 303)


def _back(offer_id: int) -> str:
    return safe_next_url(request.form.get("next")) or url_for("offers.detail", offer_id=offer_id)
