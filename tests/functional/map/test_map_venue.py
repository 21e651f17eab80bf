"""The venue page, whole without JavaScript, and as the map's panel with htmx."""

from __future__ import annotations

from tests import factories
from tests.functional.map.map_data import bookable_venue, unvalidated_venue, venue_at
from tests.functional.map.test_map_page import choose_commune
from tests.helpers import html


def test_the_venue_page_gives_address_accessibility_opening_hours_and_bookable_offers(
    client, db_session
):
    venue = bookable_venue(
        db_session, "Médiathèque Émile Zola", km=1.2, address="218 boulevard de l'Aéroport",
        opening_hours="Du mardi au samedi, de 10 h à 19 h", accessibility_motor=True,
        accessibility_visual=False,
    )
    offer = factories.offer(db_session, venue=venue, name="Les Misérables")
    factories.stock(db_session, offer=offer, price_cents=0)
    gone = factories.offer(db_session, venue=venue, name="Épuisé")
    factories.stock(db_session, offer=gone, quantity=1, booked_quantity=1)
    db_session.commit()
    choose_commune(client)
    page = html(client.get(f"/lieux/{venue.id}"))
    assert page.h1.get_text(strip=True) == "Médiathèque Émile Zola"
    text = page.get_text(" ", strip=True)
    assert "218 boulevard de l'Aéroport" in text and "34000 Montpellier" in text
    assert "Du mardi au samedi, de 10 h à 19 h" in text
    assert "Handicap moteur : accessible" in text and "Handicap visuel : non accessible" in text
    assert page.find("h2", string="2 offres réservables")
    offers = {link.get_text(strip=True): link["href"] for link in page.select(".offer-card a")}
    assert offers["Les Misérables"] == f"/offres/{offer.id}"
    assert "Épuisé" not in offers
    assert page.find("a", string="Retour à la carte")["href"] == "/carte"


def test_the_panel_for_htmx_is_the_same_content_a_heading_lower(client, db_session):
    venue = bookable_venue(db_session, "Cinéma Diagonal", km=0.6)
    db_session.commit()
    response = client.get(f"/lieux/{venue.id}", headers={"HX-Request": "true",
                                                         "HX-Target": "panneau-lieu"})
    page = html(response)
    assert page.find("html") is None and page.find("h1") is None
    assert page.find("h2", id="lieu-titre").get_text(strip=True) == "Cinéma Diagonal"
    assert page.find("button", attrs={"data-map-panel-close": True})


def test_the_way_back_keeps_the_view_and_filters_of_the_map(client, db_session):
    venue = bookable_venue(db_session, "Cinéma Diagonal", km=0.6)
    db_session.commit()
    page = html(client.get(f"/lieux/{venue.id}?gratuit=1&z=13&lat=43.6&lon=3.9"))
    back = page.find("a", string="Retour à la carte")["href"]
    assert back.startswith("/carte?") and "z=13" in back and "gratuit=1" in back


def test_with_map_filters_the_panel_lists_matching_offers_and_links_to_all(client, db_session):
    venue = bookable_venue(db_session, "Cinéma Diagonal", km=0.6, offers=2)
    free = factories.offer(db_session, venue=venue, name="Séance gratuite")
    factories.stock(db_session, offer=free, price_cents=0)
    db_session.commit()
    page = html(client.get(f"/lieux/{venue.id}?gratuit=1"))
    assert [a.get_text(strip=True) for a in page.select(".offer-card a")] == ["Séance gratuite"]
    assert page.find("a", string="Voir toutes les offres du lieu")["href"] == f"/lieux/{venue.id}"


def test_hidden_and_unknown_venues_are_not_found(client, db_session):
    hidden = unvalidated_venue(db_session, "En attente", km=1)
    virtual = venue_at(db_session, 0, is_virtual=True, name="En ligne")
    db_session.commit()
    for venue_id in (hidden.id, virtual.id, 999_999):
        assert client.get(f"/lieux/{venue_id}").status_code == 404
