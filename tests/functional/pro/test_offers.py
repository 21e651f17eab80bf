"""Offer authoring in the pro area: the steps, the fields each subcategory asks, publishing,
deactivating, duplicating, editing with its history, and isolation between structures
(docs/domain/4-offers.md)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from models.db import utcnow
from models.offerers.models import StructureStatus, Venue
from models.offers.models import Offer, OfferChange, Validation
from models.offers.repository import bookable_offers_query
from models.offers.state import OfferState, offer_state, state_clause
from tests import factories
from tests.functional.pro.offer_steps import (
    ACCESSIBLE,
    NEW,
    OFFERS,
    VALID_EAN,
    book_offer,
    offer_of,
    post_form,
    signed_in_pro,
    start_offer,
)
from tests.helpers import counted_queries, html


def control_names(response) -> set[str]:
    form = html(response).find("form", class_="offer-form")
    return {control["name"] for control in form.find_all(["input", "select", "textarea"])
            if control.get("name") and control["name"] != "csrf_token"}


def test_a_book_offer_goes_through_every_step_and_is_published(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = book_offer(client, venue, with_image=True)
    summary = client.get(f"/pro/offres/{offer_id}/recapitulatif")
    assert summary.status_code == 200
    assert html(summary).find("button", string="Publier l'offre") is not None
    stocks_link = html(summary).find("a", string="Ajouter le prix, les places ou les dates")
    assert stocks_link["href"] == f"/pro/offres/{offer_id}/stocks/"

    response = post_form(client, f"/pro/offres/{offer_id}/recapitulatif", {},
                         action=f"/pro/offres/{offer_id}/publier")

    assert response.status_code == 303
    offer = offer_of(db_session, offer_id)
    assert (offer.validation, offer.is_active, offer.ean) == (Validation.APPROVED, True,
                                                              VALID_EAN)
    assert offer.image is not None and offer.image.alt_text == "Couverture du livre"


def test_each_step_keeps_the_draft_on_the_server(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "LIVRE_PAPIER", "LIVRE")
    post_form(client, f"/pro/offres/{offer_id}/details", {"name": "Brouillon", "ean": VALID_EAN})

    page = html(client.get(f"/pro/offres/{offer_id}/details"))

    assert page.find("input", attrs={"name": "name"})["value"] == "Brouillon"
    assert offer_of(db_session, offer_id).validation is Validation.DRAFT


def test_without_javascript_choosing_a_category_shows_its_subcategories(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    response = post_form(client, NEW, {"venue_id": str(venue.id), "category": "CINEMA",
                                       "action": "category"})
    options = {option["value"] for option in html(response).select("#subcategory_id option")}
    assert "SEANCE_CINE" in options and "LIVRE_PAPIER" not in options
    assert db_session.scalar(select(func.count()).select_from(Offer)) == 0


@pytest.mark.parametrize(("subcategory", "category", "asked"), [
    ("LIVRE_PAPIER", "LIVRE", {"author", "ean"}),
    ("SUPPORT_PHYSIQUE_MUSIQUE_CD", "MUSIQUE_ENREGISTREE", {"ean", "performer", "music_type"}),
    ("CONCERT", "MUSIQUE_LIVE", {"music_type", "performer"}),
    ("SPECTACLE_REPRESENTATION", "SPECTACLE", {"show_type", "show_subtype", "performer"}),
    ("SEANCE_CINE", "CINEMA", {"duration_minutes"}),
    ("VOD", "FILM", {"access", "url", "duration_minutes"}),
    ("PODCAST", "MEDIA", {"access", "url"}),
    ("ACHAT_INSTRUMENT", "INSTRUMENT", set()),
])
def test_each_subcategory_family_asks_only_its_fields(client, db_session, subcategory, category,
                                                      asked):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, subcategory, category)

    names = control_names(client.get(f"/pro/offres/{offer_id}/details"))

    assert names == {"name", "description"} | asked


def test_an_online_offer_goes_to_the_structures_virtual_venue(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "PODCAST", "MEDIA")
    offer = offer_of(db_session, offer_id)
    assert offer.venue.is_virtual and offer.venue.structure_id == venue.structure_id


def test_an_on_site_offer_is_refused_on_the_virtual_venue(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    virtual = factories.venue(db_session, structure=venue.structure, is_virtual=True, siret=None)
    db_session.commit()
    response = post_form(client, NEW, {"venue_id": str(virtual.id), "category": "LIVRE",
                                       "subcategory_id": "LIVRE_PAPIER", "action": "save"})
    assert response.status_code == 422
    assert "lieu physique" in html(response).find(id="venue_id-error").get_text()


def test_a_subcategory_outside_the_chosen_category_is_refused(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    response = post_form(client, NEW, {"venue_id": str(venue.id), "category": "LIVRE",
                                       "subcategory_id": "ABO_LUDOTHEQUE", "action": "save"})
    assert response.status_code == 422
    assert html(response).find(id="subcategory_id-error") is not None


def test_a_wrong_ean_checksum_is_refused_beside_its_field(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "LIVRE_PAPIER", "LIVRE")
    response = post_form(client, f"/pro/offres/{offer_id}/details",
                         {"name": "Livre", "ean": "9782070368229"})
    assert response.status_code == 422
    field = html(response).find(id="ean")
    assert "ean-error" in field["aria-describedby"]
    assert "clé de contrôle" in html(response).find(id="ean-error").get_text()
    assert offer_of(db_session, offer_id).name == ""


def test_a_paper_book_needs_its_ean(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "LIVRE_PAPIER", "LIVRE")
    response = post_form(client, f"/pro/offres/{offer_id}/details", {"name": "Livre"})
    assert response.status_code == 422
    assert html(response).find(id="ean-error") is not None


def test_a_digital_offer_by_link_needs_a_valid_url(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "PODCAST", "MEDIA")
    response = post_form(client, f"/pro/offres/{offer_id}/details",
                         {"name": "Podcast", "access": "url", "url": "pas une adresse"})
    assert response.status_code == 422
    assert html(response).find(id="url-error") is not None


def test_a_show_subtype_must_belong_to_its_type(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "SPECTACLE_REPRESENTATION", "SPECTACLE")
    response = post_form(client, f"/pro/offres/{offer_id}/details", {
        "name": "Pièce", "show_type": "THEATRE", "show_subtype": "HIP_HOP"})
    assert response.status_code == 422
    assert html(response).find(id="show_subtype-error") is not None


def test_missing_accessibility_answers_are_refused(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "ACHAT_INSTRUMENT", "INSTRUMENT")
    answers = dict(ACCESSIBLE)
    del answers["accessibility_visual"]
    response = post_form(client, f"/pro/offres/{offer_id}/pratique", answers)
    assert response.status_code == 422
    assert html(response).find(id="accessibility_visual-error") is not None
    assert offer_of(db_session, offer_id).draft_step < 3


def test_accessibility_answers_are_pre_filled_from_the_venue(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    venue.accessibility_motor = True
    venue.accessibility_visual = False
    db_session.commit()
    offer_id = start_offer(client, venue, "ACHAT_INSTRUMENT", "INSTRUMENT")
    page = html(client.get(f"/pro/offres/{offer_id}/pratique"))
    checked = {control["name"]: control["value"]
               for control in page.select("input[type=radio][checked]")}
    assert checked == {"accessibility_motor": "yes", "accessibility_visual": "no"}


def test_duo_and_withdrawal_are_asked_only_where_the_subcategory_allows(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    book = start_offer(client, venue, "LIVRE_PAPIER", "LIVRE")
    concert = start_offer(client, venue, "CONCERT", "MUSIQUE_LIVE")
    book_names = control_names(client.get(f"/pro/offres/{book}/pratique"))
    concert_names = control_names(client.get(f"/pro/offres/{concert}/pratique"))
    assert not {"is_duo", "withdrawal_type"} & book_names
    assert {"is_duo", "withdrawal_type", "withdrawal_delay_seconds"} <= concert_names


def test_tickets_sent_by_email_need_a_delay(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    concert = start_offer(client, venue, "CONCERT", "MUSIQUE_LIVE")
    response = post_form(client, f"/pro/offres/{concert}/pratique",
                         {**ACCESSIBLE, "withdrawal_type": "by_email"})
    assert response.status_code == 422
    assert html(response).find(id="withdrawal_delay_seconds-error") is not None
    accepted = post_form(client, f"/pro/offres/{concert}/pratique", {
        **ACCESSIBLE, "withdrawal_type": "by_email", "withdrawal_delay_seconds": str(2 * 86400),
        "is_duo": "y"})
    assert accepted.status_code == 303
    offer = offer_of(db_session, concert)
    assert (offer.is_duo, offer.withdrawal_delay_seconds) == (True, 2 * 86400)


def test_an_incomplete_draft_cannot_be_published(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "LIVRE_PAPIER", "LIVRE")
    summary = client.get(f"/pro/offres/{offer_id}/recapitulatif")
    assert html(summary).find(id="problems-title") is not None
    response = post_form(client, f"/pro/offres/{offer_id}/recapitulatif", {},
                         action=f"/pro/offres/{offer_id}/publier")
    assert response.status_code == 303
    assert offer_of(db_session, offer_id).validation is Validation.DRAFT


def _publish(client, offer_id: int):
    return post_form(client, f"/pro/offres/{offer_id}/recapitulatif", {},
                     action=f"/pro/offres/{offer_id}/publier")


def visible_to_young_people(db_session, offer_id: int) -> bool:
    """Whether the offer is among those young people find (discovery, search, map)."""
    db_session.expire_all()
    query = bookable_offers_query(utcnow()).where(Offer.id == offer_id)
    return db_session.scalars(query).first() is not None


@pytest.mark.parametrize("structure_status", [StructureStatus.VALIDATED,
                                               StructureStatus.PENDING])
def test_a_published_offer_is_shown_to_young_people_only_with_a_stock_and_a_validated_structure(
        client, db_session, structure_status):
    structure = factories.structure(db_session, status=structure_status)
    _pro, venue = signed_in_pro(client, db_session, structure=structure)
    offer_id = book_offer(client, venue)
    _publish(client, offer_id)
    assert not visible_to_young_people(db_session, offer_id)

    factories.stock(db_session, offer=offer_of(db_session, offer_id))
    db_session.commit()

    expected = structure_status is StructureStatus.VALIDATED
    assert visible_to_young_people(db_session, offer_id) is expected


def test_a_draft_with_a_stock_is_not_shown_to_young_people(app, client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = book_offer(client, venue)
    factories.stock(db_session, offer=offer_of(db_session, offer_id))
    db_session.commit()
    assert not visible_to_young_people(db_session, offer_id)
    assert app.test_client().get(f"/offres/{offer_id}").status_code == 404


def test_deactivating_hides_the_offer_and_reactivating_shows_it_again(app, client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = book_offer(client, venue)
    _publish(client, offer_id)
    factories.stock(db_session, offer=offer_of(db_session, offer_id))
    db_session.commit()
    page = f"/pro/offres/{offer_id}"
    post_form(client, page, {}, action=f"{page}/desactiver")
    assert app.test_client().get(f"/offres/{offer_id}").status_code == 404
    assert offer_state(offer_of(db_session, offer_id), utcnow()) is OfferState.DEACTIVATED
    post_form(client, page, {}, action=f"{page}/reactiver")
    assert app.test_client().get(f"/offres/{offer_id}").status_code == 200


def test_editing_a_published_offer_records_its_history(client, db_session):
    pro, venue = signed_in_pro(client, db_session)
    offer_id = book_offer(client, venue)
    _publish(client, offer_id)

    response = post_form(client, f"/pro/offres/{offer_id}/details", {
        "name": "L'Étranger (poche)", "description": "Un roman.", "author": "Albert Camus",
        "ean": VALID_EAN})

    assert response.status_code == 303
    changes = db_session.scalars(select(OfferChange).where(OfferChange.offer_id == offer_id)).all()
    assert [(c.field, c.old, c.new, c.user_id) for c in changes] == [
        ("name", "L'Étranger", "L'Étranger (poche)", pro.id)]
    rows = html(client.get(f"/pro/offres/{offer_id}")).select("#offer-history-caption ~ tbody tr")
    assert len(rows) == 1
    cells = [cell.get_text() for cell in rows[0].find_all(["th", "td"])]
    assert cells[1:] == [pro.email, "Titre", "L'Étranger", "L'Étranger (poche)"]


def test_edits_of_a_draft_leave_no_history(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    book_offer(client, venue)
    assert db_session.scalar(select(func.count()).select_from(OfferChange)) == 0


def test_duplicating_copies_fields_and_image_into_a_new_draft(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = book_offer(client, venue, with_image=True)
    _publish(client, offer_id)

    response = post_form(client, f"/pro/offres/{offer_id}", {},
                         action=f"/pro/offres/{offer_id}/dupliquer")

    copy_id = int(response.location.rstrip("/").split("/")[-2])
    original, copy = offer_of(db_session, offer_id), offer_of(db_session, copy_id)
    assert copy.validation is Validation.DRAFT and copy.id != original.id
    assert (copy.name, copy.author, copy.venue_id) == (original.name, original.author,
                                                       original.venue_id)
    assert copy.ean is None  # a venue sells a book once: the copy needs its own EAN
    assert copy.image_id not in (None, original.image_id)
    assert copy.image.alt_text == original.image.alt_text


def test_the_list_filters_by_state_and_venue(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    other_venue = factories.venue(db_session, structure=venue.structure)
    factories.offer(db_session, venue=venue, name="Publiée sans stock")
    stocked = factories.offer(db_session, venue=venue, name="Publiée en stock")
    factories.stock(db_session, offer=stocked)
    factories.offer(db_session, venue=other_venue, name="Brouillon ailleurs",
                    validation=Validation.DRAFT)
    db_session.commit()

    def names(query):
        page = html(client.get(OFFERS + query))
        return {link.get_text() for link in page.select("#offer-list tbody th a")}

    assert names("") == {"Publiée sans stock", "Publiée en stock", "Brouillon ailleurs"}
    assert names("?etat=active") == {"Publiée en stock"}
    assert names("?etat=sold_out") == {"Publiée sans stock"}
    assert names(f"?lieu={other_venue.id}") == {"Brouillon ailleurs"}


def test_the_sql_state_agrees_with_the_state_shown(db_session, frozen_clock):
    import datetime as dt
    now = utcnow()
    venue = factories.venue(db_session)
    expired = factories.offer(db_session, venue=venue, subcategory_id="CONCERT")
    factories.stock(db_session, offer=expired, beginning_at=now + dt.timedelta(hours=2))
    sold_out = factories.offer(db_session, venue=venue)
    factories.stock(db_session, offer=sold_out, quantity=0)
    offers = [expired, sold_out, factories.offer(db_session, venue=venue, is_active=False),
              factories.offer(db_session, venue=venue, validation=Validation.PENDING)]
    db_session.commit()
    later = now + dt.timedelta(days=1)
    for offer in offers:
        state = offer_state(offer, later)
        found = db_session.scalars(select(Offer.id).where(state_clause(state, later),
                                                          Offer.venue_id == venue.id)).all()
        assert offer.id in found, state
    assert offer_state(expired, later) is OfferState.EXPIRED
    assert offer_state(sold_out, later) is OfferState.SOLD_OUT


def _offer_routes(app: Flask) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("pro_offers.") and "offer_id" in rule.arguments:
            for method in sorted(rule.methods & {"GET", "POST"}):
                routes.append((method, rule.rule))
    return routes


def test_every_offer_route_answers_404_for_another_structures_offer(app, client, db_session):
    _pro, _venue = signed_in_pro(client, db_session)
    foreign = factories.offer(db_session, name="Offre secrète d'une autre structure")
    db_session.commit()
    token = html(client.get(NEW)).find("input", attrs={"name": "csrf_token"})["value"]
    routes = _offer_routes(app)
    assert len(routes) >= 14
    for method, rule in routes:
        path = rule.replace("<int:offer_id>", str(foreign.id))
        response = client.open(path, method=method, data={"csrf_token": token})
        assert response.status_code == 404, (method, path)
        assert "Offre secrète" not in response.get_data(as_text=True)
    assert offer_of(db_session, foreign.id).is_active


def test_a_pro_only_lists_the_offers_of_their_structures(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    factories.offer(db_session, venue=venue, name="La mienne")
    factories.offer(db_session, name="Celle d'une autre structure")
    db_session.commit()
    text = html(client.get(OFFERS)).select_one("#offer-list").get_text()
    assert "La mienne" in text and "Celle d'une autre structure" not in text


def test_a_venue_of_another_structure_cannot_be_chosen(client, db_session):
    _pro, _venue = signed_in_pro(client, db_session)
    foreign = factories.venue(db_session)
    db_session.commit()
    response = post_form(client, NEW, {"venue_id": str(foreign.id), "category": "LIVRE",
                                       "subcategory_id": "LIVRE_PAPIER", "action": "save"})
    assert response.status_code == 422
    assert db_session.scalar(select(func.count()).select_from(Offer)) == 0
    assert db_session.get(Venue, foreign.id) is not None


def test_with_htmx_choosing_a_category_swaps_only_the_subcategory_field(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    response = post_form(client, NEW, {"venue_id": str(venue.id), "category": "SPECTACLE",
                                       "action": "category"}, headers={"HX-Request": "true"})
    page = html(response)
    assert page.find("h1") is None
    assert page.find(id="subcategory").find("option", attrs={"value": "CONCERT"}) is None
    assert page.find(id="subcategory").find("option", attrs={"value": "SPECTACLE_REPRESENTATION"})


def test_with_htmx_the_filters_swap_only_the_list(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    factories.offer(db_session, venue=venue, name="Une offre")
    db_session.commit()
    response = client.get(OFFERS + "?etat=draft", headers={"HX-Request": "true"})
    page = html(response)
    assert page.find("h1") is None and page.find(id="offer-list") is not None
    assert "Une offre" not in page.get_text()


def test_the_list_sends_as_many_queries_for_thirty_offers_as_for_three(app, client, db_session):
    _pro, venue = signed_in_pro(client, db_session)

    def queries_for(count: int) -> int:
        for _ in range(count):
            factories.stock(db_session, offer=factories.offer(db_session, venue=venue))
        db_session.commit()
        with counted_queries(app) as statements:
            assert client.get(OFFERS).status_code == 200
        return len(statements)

    assert queries_for(3) == queries_for(27)
