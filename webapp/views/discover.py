"""The discovery deck: one offer at a time, liked or skipped, around the person's position."""

import secrets

from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.credit.repository import spendable_credit
from models.db import utcnow
from models.discovery.api import like_card, skip_card
from models.discovery.deck import DeckFilters, record_shown, shown_card
from models.discovery.history import MemberHistory, VisitorHistory
from models.discovery.pools import make_pools
from models.discovery.undo import undo_last_answer
from models.errors import DomainError
from models.search.budget import Budget
from models.unit_of_work import atomic
from webapp.extensions import db, reads_before_writing
from webapp.forms.deck import DeckUndoForm
from webapp.forms.search import CommuneForm, DeckActionForm, DeckFiltersForm
from webapp.navigation import safe_next_url
from webapp.position import current_position, remember_commune
from webapp.security import public
from webapp.templating import render

blueprint = Blueprint("discover", __name__, url_prefix="/decouvrir")

VISITOR_DECK_KEY = "deck"
# The card answered last, which "Revenir à l'offre précédente" brings back.
LAST_ANSWER_KEY = "deck_last_answer"


@blueprint.get("/")
@public
def deck():
    """Show the next card around the person's position, with the filters of the URL."""
    filters = DeckFiltersForm(request.args)
    position = current_position()
    if position is None:
        return render("discover/deck.html", filters=filters, position=None,
                      commune_form=CommuneForm())
    context = _next_card(position, filters, record=False)
    applied = request.htmx and request.htmx.trigger == "deck-filters"
    message = _("Filtres appliqués.") if applied else None
    return render("discover/deck.html", block="card", status_message=message, **context)


@blueprint.post("/reponse")
@public
@reads_before_writing
def answer():
    """Like ("J'aime") or skip ("Pas pour moi") a card, then show the next one.

    Two short units of work hold SQLite's write lock: the answer, then the next card recorded
    as shown; choosing that card in between only reads, so other writers are not held up.
    """
    form, filters = DeckActionForm(), DeckFiltersForm(request.args)
    if not form.validate():
        abort(400)
    history = _history()
    react = like_card if form.action.data == "like" else skip_card
    try:
        with atomic(db.session):
            react(db.session, history, form.offer_id.data, utcnow())
    except DomainError as refusal:
        message, category = _(refusal.message), "error"
    else:
        _keep(history)
        session[LAST_ANSWER_KEY] = form.offer_id.data
        message, category = _answer_message(form.action.data), "success"
    position = current_position()
    if not request.htmx or request.htmx.boosted or position is None:
        flash(message, category)
        return redirect(url_for("discover.deck", **filters.query_args()), 303)
    context = _next_card(position, filters, record=True)
    return render("discover/deck.html", block="card", status_message=message, **context)


@blueprint.post("/revenir")
@public
def undo():
    """Bring back the card answered last ("Revenir à l'offre précédente")."""
    form, filters = DeckUndoForm(), DeckFiltersForm(request.args)
    if not form.validate():
        abort(400)
    history = _history()
    try:
        with atomic(db.session):
            undo_last_answer(db.session, history, form.offer_id.data, utcnow())
    except DomainError as refusal:
        message, category = _(refusal.message), "error"
    else:
        _keep(history)
        message, category = _("L'offre précédente est de retour."), "success"
    session.pop(LAST_ANSWER_KEY, None)
    position = current_position()
    if not request.htmx or request.htmx.boosted or position is None:
        flash(message, category)
        return redirect(url_for("discover.deck", **filters.query_args()), 303)
    context = _next_card(position, filters, record=False)
    return render("discover/deck.html", block="card", status_message=message, undone=True,
                  **context)


@blueprint.route("/position", methods=["GET", "POST"])
@public
def position():
    """Choose the commune the deck (and search) is centred on."""
    form, candidates = CommuneForm(), []
    if form.validate_on_submit():
        commune, candidates = form.chosen_commune(db.session)
        if commune is not None:
            remember_commune(commune)
            flash(_("Voici les offres autour de %(name)s.", name=commune.name), "success")
            return redirect(safe_next_url(request.args.get("next")) or url_for(".deck"), 303)
    status = 422 if form.errors else 200
    return render("discover/position.html", commune_form=form, candidates=candidates,
                  status=status)


def _is_young() -> bool:
    return current_user.is_authenticated and current_user.is_beneficiary


def _history():
    """The deck history: in the database for young people, in the session for visitors."""
    if _is_young():
        return MemberHistory(db.session, current_user.id)
    stored = session.get(VISITOR_DECK_KEY)
    if not isinstance(stored, dict) or not isinstance(stored.get("entries"), list):
        stored = {"seed": secrets.randbelow(2**31), "entries": []}
    return VisitorHistory(stored["entries"], int(stored.get("seed", 0)))


def _keep(history) -> None:
    if isinstance(history, VisitorHistory):
        session[VISITOR_DECK_KEY] = {"seed": history.seed, "entries": history.entries}


def _budget(now) -> Budget | None:
    if not _is_young():
        return None
    return Budget.of_spendable(spendable_credit(db.session, current_user.id, now))


def _pools():
    """The app's candidate pools: in Redis when `REDIS_URL` is set, else in the worker."""
    pools = current_app.extensions.get("deck_pools")
    if pools is None:
        pools = current_app.extensions["deck_pools"] = make_pools(current_app.config.get(
            "REDIS_URL"))
    return pools


def _next_card(position, filters: DeckFiltersForm, *, record: bool) -> dict:
    """The deck page's context with the next card.

    Only an answer (a POST, which holds the write lock already) records the card it brings as
    seen; showing the deck page reads only, so a crowd loading it never queues for the lock.
    """
    now, history = utcnow(), _history()
    budget = _budget(now)
    deck_filters = DeckFilters(filters.category_ids(), filters.radius_km(), filters.gratuit.data)
    card = shown_card(db.session, history, position.point, deck_filters, budget, now, _pools())
    if record and card is not None:
        with atomic(db.session):
            record_shown(history, card, now)
    _keep(history)
    return {"card": card, "filters": filters, "position": position, "budget": budget,
            "signed_in": _is_young(), "undo_offer_id": session.get(LAST_ANSWER_KEY)}


def _answer_message(action: str) -> str:
    if action == "skip":
        return _("Offre passée.")
    if _is_young():
        return _("Ajouté à tes favoris.")
    return _("Noté ! Connecte-toi pour garder tes favoris.")
