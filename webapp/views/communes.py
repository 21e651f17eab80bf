"""Choosing a commune: suggestions as the person types, over the shipped communes."""

from flask import Blueprint, request

from models.territories.repository import search_communes
from webapp.extensions import db
from webapp.security import public
from webapp.templating import render

blueprint = Blueprint("communes", __name__, url_prefix="/communes")


@blueprint.get("/suggestions")
@public
def suggestions():
    """List the communes matching the typed name or postal code, as choices."""
    field = _identifier(request.args.get("field"), "commune_code")
    source = _identifier(request.args.get("source"), "q")
    query = request.args.get(source, "")[:80]
    communes = search_communes(db.session, query)
    return render(
        "communes/suggestions.html", block="suggestions", communes=communes, query=query,
        field=field,
    )


def _identifier(value: str | None, default: str) -> str:
    """Field names come from the URL: accept only plain identifiers."""
    return value if value and value.isidentifier() else default
