""""Revenir à l'offre précédente": the card answered last comes back, by a POST only."""

from __future__ import annotations

from sqlalchemy import select

from models.discovery.models import DeckAction, DeckInteraction
from models.social.models import Favorite
from tests.functional.discovery.deck_data import bookable_offer
from tests.functional.discovery.test_deck_pages import (
    DECK,
    HTMX,
    answer,
    card_offer_id,
)
from tests.helpers import csrf_token, html

UNDO = "/decouvrir/revenir"


def undo_form(page):
    return html(page).find("form", action=lambda action: action and action.startswith(UNDO))


def undo(client, page, headers=None, offer_id=None):
    form = undo_form(page)
    chosen = offer_id or int(form.find("input", attrs={"name": "offer_id"})["value"])
    return client.post(UNDO, data={"csrf_token": csrf_token(page), "offer_id": chosen},
                       headers=headers or {})


def three_offers(db_session):
    offers = [bookable_offer(db_session, subcategory, km=km) for subcategory, km in
              (("LIVRE_PAPIER", 1), ("CONCERT", 2), ("SEANCE_CINE", 3))]
    db_session.commit()
    return offers


def test_the_deck_offers_no_way_back_before_any_answer(signed_in, db_session):
    three_offers(db_session)
    assert undo_form(signed_in.get(DECK)) is None


def test_a_like_taken_back_brings_the_card_back_and_leaves_the_favorites(
    signed_in, db_session, young
):
    first, *_ = three_offers(db_session)
    answer(signed_in, signed_in.get(DECK), "like")
    page = signed_in.get(DECK)
    assert card_offer_id(page) != first.id
    button = undo_form(page).find("button")
    assert button.get_text(" ", strip=True).endswith("Revenir à l'offre précédente")
    response = undo(signed_in, page)
    assert response.status_code == 303 and response.headers["Location"] == DECK
    back = signed_in.get(DECK)
    assert card_offer_id(back) == first.id
    assert "L'offre précédente est de retour." in html(back).get_text()
    assert db_session.scalar(select(Favorite).where(Favorite.user_id == young.id)) is None
    assert undo_form(back) is None


def test_with_htmx_the_card_comes_back_and_is_announced(signed_in, db_session):
    first, *_ = three_offers(db_session)
    following = answer(signed_in, signed_in.get(DECK), "skip", headers=HTMX)
    assert undo_form(following) is not None
    response = undo(signed_in, signed_in.get(DECK), headers=HTMX)
    fragment = html(response)
    assert fragment.find("html") is None
    assert fragment.find(id="deck-card-title").get_text(strip=True) == first.name
    assert fragment.find(id="deck-announce").get_text(strip=True) \
        == f"Offre précédente : {first.name}"
    assert fragment.find(id="deck-status").get_text(strip=True) \
        == "L'offre précédente est de retour."


def test_the_card_shown_after_the_mistake_is_not_hidden_as_seen(signed_in, db_session, young):
    three_offers(db_session)
    page = signed_in.get(DECK)
    following = answer(signed_in, page, "skip", headers=HTMX)
    shown_after = card_offer_id(following)
    undo(signed_in, signed_in.get(DECK), headers=HTMX)
    seen = db_session.scalars(select(DeckInteraction.offer_id).where(
        DeckInteraction.user_id == young.id)).all()
    assert shown_after not in seen


def test_only_the_last_answer_can_be_taken_back(signed_in, db_session, young):
    first, *_ = three_offers(db_session)
    answer(signed_in, signed_in.get(DECK), "skip")
    answer(signed_in, signed_in.get(DECK), "skip")
    response = undo(signed_in, signed_in.get(DECK), offer_id=first.id)
    assert response.status_code == 303
    page = html(signed_in.get(DECK))
    assert "Cette offre n'est plus la dernière à laquelle tu as répondu." in page.get_text()
    action = db_session.scalar(select(DeckInteraction.action).where(
        DeckInteraction.user_id == young.id, DeckInteraction.offer_id == first.id))
    assert action is DeckAction.SKIP


def test_a_visitor_can_take_back_a_swipe_too(client, db_session):
    first, *_ = three_offers(db_session)
    token = csrf_token(client.get("/carte/position"))
    client.post("/decouvrir/position", data={"csrf_token": token, "lieu": "Montpellier",
                                             "commune": "34172"})
    answer(client, client.get(DECK), "skip")
    undo(client, client.get(DECK))
    assert card_offer_id(client.get(DECK)) == first.id


def test_taking_back_is_never_a_get(signed_in, db_session):
    three_offers(db_session)
    assert signed_in.get(UNDO).status_code == 405
