"""The territories an officer may read on the territory pages, and the one the URL names."""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from models.statistics.scopes import Scope, comparison_scopes, parse_scope, scope_name
from models.territories.repository import validated_mandate
from webapp.extensions import db


def readable_scope() -> tuple[dict[Scope, str], Scope]:
    """The territories the officer may read (their own, then those it is compared with), with
    their names, and the one the URL's `territoire` names (their own by default).

    No validated mandate is a 403; a territory outside those is a 404.
    """
    mandate = validated_mandate(db.session, current_user.id)
    if mandate is None:
        abort(403)
    allowed = comparison_scopes(
        db.session, Scope.of_territory(mandate.territory_kind, mandate.territory_code))
    scope = parse_scope(request.args["territoire"]) if "territoire" in request.args else allowed[0]
    if scope not in allowed:
        abort(404)
    return {each: scope_name(db.session, each) or each.code for each in allowed}, scope
