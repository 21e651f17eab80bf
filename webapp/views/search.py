"""Search: words and filters, all in the URL, results a page at a time."""

from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import get_timezone
from flask_login import current_user

from models.cache_store import make_store
from models.credit.repository import spendable_credit
from models.db import utcnow
from models.search.budget import Budget
from models.search.repository import RANKING_TTL, Ranking, effective_sort, search_offers
from models.territories.repository import resolve_commune
from models.text import fold
from webapp.extensions import db
from webapp.forms.search import SearchForm
from webapp.position import commune_position, current_position
from webapp.security import public
from webapp.templating import render

blueprint = Blueprint("search", __name__, url_prefix="/recherche")

BLOCKS = {"search-results": "results", "results-list": "more"}


@blueprint.get("/")
@public
def results():
    """Find offers by words and filters, around a place; every choice lives in the URL."""
    if any("" in values for values in request.args.listvalues()) and not request.htmx:
        return redirect(_page_url(request.args.get("page", 1, type=int)), 303)
    form = SearchForm(request.args)
    place, chosen, candidates = _place(form)
    budget = _budget()
    context = {"form": form, "place": place, "chosen": chosen, "candidates": candidates,
               "budget": budget, "page_url": _page_url}
    if not form.validate():
        return render("search/results.html", block="results", status=422, page=None, **context)
    zone = ZoneInfo(str(get_timezone()))
    now = utcnow()
    criteria = form.criteria(place.point if place else None, budget, now.astimezone(zone).date(),
                             zone)
    page = search_offers(db.session, criteria, now, form.page_number(), budget=budget,
                         rankings=_rankings())
    block = BLOCKS.get(request.htmx.target if request.htmx else None, "results")
    return render("search/results.html", block=block, page=page, sort=effective_sort(criteria),
                  **context)


def _place(form: SearchForm):
    """The place to search around, the commune chosen in the form, and choices if ambiguous.

    Without a commune in the form, the place is the person's position (chosen or profile).

    A commune code carried over from a previous search is used only while the text still names
    it, so typing another town searches there.
    """
    text = (form.lieu.data or "").strip()
    if not text:
        return current_position(), None, []
    code = form.commune.data or None
    commune, candidates = resolve_commune(db.session, code, text)
    if commune is not None and code and not commune.search_name.startswith(fold(text)):
        commune, candidates = resolve_commune(db.session, None, text)
    if commune is None:
        return None, None, candidates
    return commune_position(commune), commune, []


def _rankings():
    """The kept rankings of searches by words: the worker's memory, or Redis with REDIS_URL
    (the store of the deck's pools and of the offer pages, models/cache_store.py)."""
    rankings = current_app.extensions.get("search_rankings")
    if rankings is None:
        rankings = current_app.extensions["search_rankings"] = make_store(
            current_app.config.get("REDIS_URL"), size=256,
            ttl_seconds=int(RANKING_TTL.total_seconds()), prefix="passculture:search:",
            encode=Ranking.to_json, decode=Ranking.from_json)
    return rankings


def _budget() -> Budget | None:
    if not (current_user.is_authenticated and current_user.is_beneficiary):
        return None
    return Budget.of_spendable(spendable_credit(db.session, current_user.id, utcnow()))


def _page_url(number: int, **changes) -> str:
    """This search's URL with another page number or other parameters changed."""
    args = {key: [value for value in values if value]
            for key, values in request.args.to_dict(flat=False).items()}
    args.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        args.pop(key, None)
    args["page"] = [str(number)] if number > 1 else []
    return url_for("search.results", **{key: value for key, value in args.items() if value})
