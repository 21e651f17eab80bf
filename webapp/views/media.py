"""Images stored in the database, served with long cache lifetimes."""

from flask import Blueprint, abort, make_response
from sqlalchemy.orm import undefer

from models.offers.models import Image
from webapp.extensions import db
from webapp.security import public

blueprint = Blueprint("media", __name__, url_prefix="/media")

ONE_YEAR = 365 * 24 * 3600


@blueprint.get("/images/<int:image_id>-<checksum>")
@public
def image(image_id: int, checksum: str):
    """Send an image; its URL carries its checksum, so it can be cached for a year."""
    stored = db.session.get(Image, image_id, options=[undefer(Image.data)])
    if stored is None or not stored.checksum.startswith(checksum):
        abort(404)
    response = make_response(stored.data)
    response.headers["Content-Type"] = stored.content_type
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
