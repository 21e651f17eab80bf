"""Images stored in the database, served with long cache lifetimes."""

import hmac

from flask import Blueprint, abort, make_response
from sqlalchemy.orm import undefer

from models.offers.models import Image
from webapp.extensions import db
from webapp.security import public

blueprint = Blueprint("media", __name__, url_prefix="/media")

ONE_YEAR = 365 * 24 * 3600
URL_CHECKSUM_LENGTH = 16


def url_checksum(image: Image) -> str:
    """The part of the image's checksum its URL carries: it changes with the content."""
    return image.checksum[:URL_CHECKSUM_LENGTH]


@blueprint.get("/images/<int:image_id>-<checksum>")
@public
def image(image_id: int, checksum: str):
    """Send an image; its URL carries its checksum, so it can be cached for a year."""
    stored = db.session.get(Image, image_id, options=[undefer(Image.data)])
    # The whole checksum of the URL is required: a prefix would let anybody walk through the
    # images one guess at a time, those of offers not published yet included.
    if stored is None or not hmac.compare_digest(url_checksum(stored), checksum):
        abort(404)
    response = make_response(stored.data)
    response.headers["Content-Type"] = stored.content_type
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
