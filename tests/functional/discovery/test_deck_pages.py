"""The discovery deck through the app: one card, answered by forms, with and without htmx."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from models.db import utcnow
from models.discovery.models import DeckAction, DeckInteraction
from models.social.models import MAX_FAVORITES, Favorite
from tests import factories
from tests.functional.discovery.deck_data import bookable_offer, online_offer
from tests.helpers import counted_queries, csrf_token, html, login

DECK = "/decouvrir/"
ANSWER = "/decouvrir/reponse"
HTMX = {"HX-Request": "true", "HX-Target": "deck-card"}


def card_title(response) -> str | None:
    title = html(response).find(id="deck-card-title")
    return title.get_text(strip=True) if title else None


def card_offer_id(response) -> int:
    return int(html(response).find("input", attrs={"name": "offer_id"})["value"])


def answer(client, page, action: str, headers=None, query: str = ""):
    return client.post(
        ANSWER + query,
        data={"csrf_token": csrf_token(page), "offer_id": card_offer_id(page), "action": action},
        headers=headers or {},
    )


def test_a_young_person_lands_on_the_deck_after_signing_in(client, young):
    response = login(client, young.email, factories.PASSWORD)
    assert response.status_code == 303
    assert response.headers["Location"] == DECK


def test_the_deck_shows_one_card_with_its_facts(signed_in, db_session):
    offer = bookable_offer(db_session, "SEANCE_CINE", km=2, price_cents=0, is_duo=True,
                           name="Ciné-club du jeudi")
    db_session.commit()
    page = html(signed_in.get(DECK))
    card = page.find("article", class_="deck-card")
    assert card.find("h2").get_text(strip=True) == "Ciné-club du jeudi"
    text = card.get_text(" ", strip=True)
    for fact in ("Cinéma", "Séance de cinéma", offer.venue.name, "à 2", "km", "Gratuit", "Duo"):
        assert fact in text
    buttons = card.find_all("button")
    assert [button["value"] for button in buttons] == ["skip", "like"]
    assert "Pas pour moi" in buttons[0].get_text() and "J'aime" in buttons[1].get_text()
    assert card.find("a", href=f"/offres/{offer.id}")


def test_a_visitor_without_position_is_asked_for_a_commune(client):
    page = html(client.get(DECK))
    assert page.find("input", attrs={"name": "lieu"})
    assert page.find("form", action="/decouvrir/position")
    assert page.find(id="deck-card") is None


def test_a_visitor_choosing_a_commune_gets_a_deck_around_it(client, db_session):
    bookable_offer(db_session, name="Concert au Corum", subcategory_id="CONCERT")
    db_session.commit()
    form = client.get("/decouvrir/position")
    response = client.post("/decouvrir/position", data={
        "csrf_token": csrf_token(form), "lieu": "Montpellier", "commune": "34172",
    })
    assert response.status_code == 303 and response.headers["Location"] == DECK
    deck = client.get(DECK)
    assert "Autour de Montpellier" in html(deck).find(class_="deck-where").get_text()
    assert card_title(deck) == "Concert au Corum"


def test_an_ambiguous_commune_name_offers_the_matching_communes(client):
    form = client.get("/decouvrir/position")
    response = client.post("/decouvrir/position",
                           data={"csrf_token": csrf_token(form), "lieu": "Saint-Martin"})
    assert response.status_code == 200
    assert len(html(response).find_all("input", attrs={"type": "radio", "name": "commune"})) > 1


def test_an_unknown_commune_is_an_error_on_its_field(client):
    form = client.get("/decouvrir/position")
    response = client.post("/decouvrir/position",
                           data={"csrf_token": csrf_token(form), "lieu": "Zzyzx-sur-Mer"})
    assert response.status_code == 422
    assert html(response).find(id="lieu")["aria-invalid"] == "true"


def test_like_without_javascript_adds_a_favorite_and_shows_the_next_card(
    signed_in, db_session, young
):
    first = bookable_offer(db_session, km=1)
    second = bookable_offer(db_session, "CONCERT", km=3)
    db_session.commit()
    page = signed_in.get(DECK)
    assert card_offer_id(page) == first.id
    response = answer(signed_in, page, "like")
    assert response.status_code == 303 and response.headers["Location"] == DECK
    assert db_session.scalar(select(Favorite.offer_id).where(Favorite.user_id == young.id)) \
        == first.id
    following = signed_in.get(DECK)
    assert "Ajouté à tes favoris." in html(following).get_text()
    assert card_offer_id(following) == second.id


def test_skip_hides_the_card_and_remembers_it(signed_in, db_session, young):
    first = bookable_offer(db_session, km=1)
    bookable_offer(db_session, km=2)
    db_session.commit()
    answer(signed_in, signed_in.get(DECK), "skip")
    interaction = db_session.scalars(
        select(DeckInteraction).where(DeckInteraction.offer_id == first.id)
    ).one()
    assert interaction.action is DeckAction.SKIP and interaction.user_id == young.id
    assert card_offer_id(signed_in.get(DECK)) != first.id


def test_with_htmx_the_answer_returns_the_next_card_and_a_message_under_4_kb(
    signed_in, db_session
):
    bookable_offer(db_session, km=1)
    following = bookable_offer(db_session, "CONCERT", km=2, name="Jazz au Rockstore")
    db_session.commit()
    response = answer(signed_in, signed_in.get(DECK), "like", headers=HTMX)
    assert response.status_code == 200
    assert len(response.get_data()) < 4096
    fragment = html(response)
    assert fragment.find("html") is None
    assert fragment.find("section", id="deck-card").find("h2").get_text(strip=True) \
        == following.name
    status = fragment.find(id="deck-status")
    assert status["hx-swap-oob"] == "innerHTML"
    assert status.get_text(strip=True) == "Ajouté à tes favoris."


def test_a_card_left_unanswered_comes_back_on_reload(signed_in, db_session):
    for km in (1, 2, 3):
        bookable_offer(db_session, km=km)
    db_session.commit()
    first = card_offer_id(signed_in.get(DECK))
    assert card_offer_id(signed_in.get(DECK)) == first


def test_full_favorites_are_explained_and_the_card_stays(signed_in, db_session, young):
    for _ in range(MAX_FAVORITES):
        offer = factories.offer(db_session)
        db_session.add(Favorite(user_id=young.id, offer_id=offer.id))
    bookable_offer(db_session, km=1)
    db_session.commit()
    page = signed_in.get(DECK)
    response = answer(signed_in, page, "like", headers=HTMX)
    status = html(response).find(id="deck-status").get_text(strip=True)
    assert status.startswith("Tu as déjà 100 favoris")
    assert card_offer_id(response) == card_offer_id(page)


def test_an_offer_no_longer_bookable_is_explained(signed_in, db_session):
    offer = bookable_offer(db_session, km=1)
    db_session.commit()
    page = signed_in.get(DECK)
    offer.is_active = False
    db_session.commit()
    response = answer(signed_in, page, "like")
    assert response.status_code == 303
    assert "Cette offre n'est plus disponible." in html(signed_in.get(DECK)).get_text()


def test_filters_in_the_url_choose_categories_free_offers_and_radius(signed_in, db_session):
    bookable_offer(db_session, "LIVRE_PAPIER", km=1, name="Roman")
    bookable_offer(db_session, "CONCERT", km=2, price_cents=1500, name="Concert payant")
    bookable_offer(db_session, "CONCERT", km=40, price_cents=0, name="Concert gratuit loin")
    db_session.commit()
    assert card_title(signed_in.get(DECK + "?categorie=MUSIQUE_LIVE")) == "Concert payant"
    assert card_title(signed_in.get(DECK + "?categorie=MUSIQUE_LIVE&gratuit=1")) \
        == "Concert gratuit loin"
    empty = signed_in.get(DECK + "?categorie=MUSIQUE_LIVE&gratuit=1&rayon=20")
    assert html(empty).find(class_="deck-empty")


def test_filters_are_kept_through_an_answer(signed_in, db_session):
    bookable_offer(db_session, "CONCERT", km=1)
    db_session.commit()
    page = signed_in.get(DECK + "?categorie=MUSIQUE_LIVE&rayon=20")
    response = answer(signed_in, page, "skip", query="?categorie=MUSIQUE_LIVE&rayon=20")
    assert response.headers["Location"] == DECK + "?categorie=MUSIQUE_LIVE&rayon=20"


def test_an_offer_above_the_remaining_credit_is_marked_not_hidden(signed_in, db_session):
    bookable_offer(db_session, "CONCERT", km=1, price_cents=25000, name="Opéra")
    db_session.commit()
    page = signed_in.get(DECK)
    assert card_title(page) == "Opéra"
    assert "Au-dessus de ton crédit" in html(page).find(class_="deck-card").get_text()


def test_online_offers_are_in_the_deck_without_distance(signed_in, db_session):
    online_offer(db_session, name="Podcast sur le cinéma")
    db_session.commit()
    page = signed_in.get(DECK)
    assert card_title(page) == "Podcast sur le cinéma"
    assert "En ligne" in html(page).find(class_="deck-card").get_text()


def test_offers_beyond_the_radius_or_not_bookable_are_never_shown(signed_in, db_session):
    bookable_offer(db_session, km=80)
    past = factories.offer(db_session, subcategory_id="CONCERT")
    factories.stock(db_session, offer=past, beginning_at=utcnow() - dt.timedelta(hours=1))
    db_session.commit()
    assert html(signed_in.get(DECK)).find(class_="deck-empty")


def test_a_visitor_answers_are_kept_in_the_session(client, db_session):
    first = bookable_offer(db_session, km=1)
    bookable_offer(db_session, km=2)
    db_session.commit()
    form = client.get("/decouvrir/position")
    client.post("/decouvrir/position", data={
        "csrf_token": csrf_token(form), "lieu": "Montpellier", "commune": "34172"})
    page = client.get(DECK)
    assert card_offer_id(page) == first.id
    response = answer(client, page, "like", headers=HTMX)
    assert "Connecte-toi pour garder tes favoris" in html(response).find(id="deck-status").text
    assert card_offer_id(response) != first.id
    assert db_session.scalar(select(Favorite.id)) is None
    assert card_offer_id(client.get(DECK)) != first.id


def test_the_deck_and_an_answer_send_a_fixed_number_of_queries(app, signed_in, db_session):
    for km in range(1, 30):
        bookable_offer(db_session, ("LIVRE_PAPIER", "CONCERT", "SEANCE_CINE")[km % 3], km=km)
    db_session.commit()
    signed_in.get(DECK)
    with counted_queries(app) as deck_queries:
        page = signed_in.get(DECK)
    with counted_queries(app) as answer_queries:
        answer(signed_in, page, "like", headers=HTMX)
    # user, commune and département (time zone), deposit and its programme, credit (2),
    # signals (2), candidates (online offers, then at most four circles: few offers here, so
    # all four are read), cards, record seen
    assert len(deck_queries) <= 16, "\n".join(q[:150].replace("\n", " ") for q in deck_queries)
    # the same, plus the offer's check, the favorite (3: exists, count, insert) and the like
    assert len(answer_queries) <= 21, "\n".join(q[:150] for q in answer_queries)


WRITES = ("INSERT", "UPDATE", "DELETE")


def test_loading_the_deck_writes_nothing_and_an_answer_records_the_card_it_brings(
    app, signed_in, db_session, young
):
    for km in (1, 2, 3):
        bookable_offer(db_session, km=km)
    db_session.commit()
    with counted_queries(app) as statements:
        page = signed_in.get(DECK)
        signed_in.get(DECK)
    assert [s for s in statements if s.lstrip().upper().startswith(WRITES)] == []
    assert db_session.scalar(select(DeckInteraction.id)) is None
    db_session.commit()
    following = answer(signed_in, page, "skip", headers=HTMX)
    actions = dict(db_session.execute(
        select(DeckInteraction.offer_id, DeckInteraction.action)).all())
    assert actions == {card_offer_id(page): DeckAction.SKIP,
                       card_offer_id(following): DeckAction.SEEN}


def test_the_next_cards_come_from_the_pool_without_reading_the_candidates_again(
    app, signed_in, db_session
):
    for km in range(1, 13):
        bookable_offer(db_session, ("LIVRE_PAPIER", "CONCERT", "SEANCE_CINE")[km % 3], km=km)
    db_session.commit()
    page = signed_in.get(DECK)  # reads the candidates once and keeps them in the pool
    served = [card_offer_id(page)]
    for _ in range(3):
        with counted_queries(app) as statements:
            page = answer(signed_in, page, "skip", headers=HTMX)
        assert not [s for s in statements if "row_number" in s.lower()], statements
        served.append(card_offer_id(page))
    assert len(set(served)) == 4


def test_a_card_of_the_pool_no_longer_bookable_is_never_served(signed_in, db_session):
    offers = [bookable_offer(db_session, km=km) for km in (1, 2, 3)]
    db_session.commit()
    page = signed_in.get(DECK)
    shown = card_offer_id(page)
    for offer in offers:
        if offer.id != shown:
            offer.is_active = False
    kept = bookable_offer(db_session, "CONCERT", km=4)
    db_session.commit()
    following = answer(signed_in, page, "skip", headers=HTMX)
    # The pool still held the two deactivated offers: the deck read the candidates again.
    assert card_offer_id(following) == kept.id


def test_a_retried_answer_records_nothing_more_and_brings_the_same_card(signed_in, db_session):
    for km in (1, 2, 3, 4):
        bookable_offer(db_session, km=km)
    db_session.commit()
    page = signed_in.get(DECK)
    first = answer(signed_in, page, "skip", headers=HTMX)
    retried = answer(signed_in, page, "skip", headers=HTMX)  # a double click, a network retry
    assert card_offer_id(retried) == card_offer_id(first)
    assert card_offer_id(signed_in.get(DECK)) == card_offer_id(first)  # back, reload, prefetch
    actions = dict(db_session.execute(
        select(DeckInteraction.offer_id, DeckInteraction.action)).all())
    assert actions == {card_offer_id(page): DeckAction.SKIP,
                       card_offer_id(first): DeckAction.SEEN}


def test_a_visitor_retried_answer_brings_the_same_card(client, db_session):
    for km in (1, 2, 3, 4):
        bookable_offer(db_session, km=km)
    db_session.commit()
    form = client.get("/decouvrir/position")
    client.post("/decouvrir/position", data={
        "csrf_token": csrf_token(form), "lieu": "Montpellier", "commune": "34172"})
    page = client.get(DECK)
    first = answer(client, page, "skip", headers=HTMX)
    retried = answer(client, page, "skip", headers=HTMX)
    assert card_offer_id(retried) == card_offer_id(first) != card_offer_id(page)
    assert card_offer_id(client.get(DECK)) == card_offer_id(first)
