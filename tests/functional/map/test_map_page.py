"""The map page: its position, the venues it draws and lists, its filters and its htmx swaps."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import factories
from tests.functional.map.map_data import (
    bookable_venue,
    expired_venue,
    unvalidated_venue,
    venue_at,
)
from tests.helpers import counted_queries, csrf_token, html, login

MARKER_NAME = re.compile(r"^(?P<name>.+), (?P<offers>\d+) offres?, (?P<km>\d+(,\d)?) km$")


def choose_commune(client, code: str = "34172", name: str = "Montpellier"):
    token = csrf_token(client.get("/carte/position"))
    return client.post("/carte/position", data={"csrf_token": token, "lieu": name,
                                                "commune": code})


def listed_names(page) -> list[str]:
    return [link.get_text(strip=True) for link in page.select(".map-list ol li > a")]


def marker_labels(page) -> list[str]:
    return [link["aria-label"] for link in page.select("svg a.map-marker")]


def query_of(url: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_without_a_position_the_map_asks_where_to_search(client):
    page = html(client.get("/carte"))
    assert page.h1.get_text(strip=True) == "Carte des offres"
    assert page.find("h2", string="Où veux-tu chercher ?")
    assert page.find("svg") is None
    geolocation = page.find("form", attrs={"data-geolocate": True})
    assert geolocation.has_attr("hidden"), "only JavaScript can ask for the device's position"
    assert page.find("label", string="Autour d’une commune")


def test_choosing_a_commune_centres_the_map_on_it_for_the_visit(client, db_session):
    response = choose_commune(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/carte"
    page = html(client.get("/carte"))
    assert page.select_one(".map-position").get_text(" ", strip=True).startswith(
        "Autour de Montpellier, 20 km")
    assert page.find("svg", attrs={"role": "group"}) is not None


def test_a_name_shared_by_several_communes_offers_a_choice(client):
    token = csrf_token(client.get("/carte/position"))
    response = client.post("/carte/position", data={"csrf_token": token, "lieu": "Saint-"})
    assert response.status_code == 200
    assert len(html(response).select("input[type=radio][name=commune]")) > 1


def test_an_unknown_commune_is_refused_with_a_message_on_the_field(client):
    token = csrf_token(client.get("/carte/position"))
    response = client.post("/carte/position", data={"csrf_token": token, "lieu": "Zzyzx"})
    assert response.status_code == 422
    page = html(response)
    assert "Aucune commune ne correspond" in page.find(id="lieu-error").get_text()
    assert page.find(id="lieu")["aria-invalid"] == "true"


def test_the_device_position_is_kept_and_named_after_the_nearest_commune(client):
    token = csrf_token(client.get("/carte/position"))
    response = client.post("/carte/position/appareil", data={
        "csrf_token": token, "latitude": "43.6105", "longitude": "3.8765"})
    assert response.status_code == 303
    text = html(client.get("/carte")).select_one(".map-position").get_text(" ", strip=True)
    assert text.startswith("Autour de ta position (près de Montpellier), 20 km")


def test_an_unreadable_device_position_sends_back_to_the_choice(client):
    token = csrf_token(client.get("/carte/position"))
    response = client.post("/carte/position/appareil", data={
        "csrf_token": token, "latitude": "north", "longitude": "3.8"})
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/carte/position")


def test_a_young_persons_profile_commune_is_the_default_position(client, db_session):
    person = factories.young(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    text = html(client.get("/carte")).select_one(".map-position").get_text(" ", strip=True)
    assert text.startswith("Autour de Montpellier, 20 km")


def test_only_venues_with_bookable_offers_within_the_radius_are_listed_nearest_first(
    client, db_session
):
    bookable_venue(db_session, "Librairie à 5 km", km=5)
    bookable_venue(db_session, "Médiathèque à 1 km", km=1)
    expired_venue(db_session, "Salle au concert passé", km=3)
    factories.offer(db_session, venue=venue_at(db_session, 2, name="Lieu sans stock"))
    bookable_venue(db_session, "Cinéma à 25 km", km=25)
    unvalidated_venue(db_session, "Structure non validée", km=2)
    db_session.commit()
    choose_commune(client)
    page = html(client.get("/carte"))
    assert listed_names(page) == ["Médiathèque à 1 km", "Librairie à 5 km"]
    assert page.find(id="carte-statut").get_text(strip=True) == (
        "2 lieux avec des offres réservables à moins de 20 km.")


def test_each_marker_is_a_link_named_with_the_venue_its_offers_and_distance(client, db_session):
    bookable_venue(db_session, "Médiathèque Émile Zola", km=1.2, offers=12)
    bookable_venue(db_session, "Théâtre du Nord", km=9, offers=1)
    db_session.commit()
    choose_commune(client)
    labels = marker_labels(html(client.get("/carte")))
    assert labels == ["Médiathèque Émile Zola, 12 offres, 1,2 km", "Théâtre du Nord, 1 offre, 9 km"]


def test_the_list_carries_what_the_map_shows(client, db_session):
    bookable_venue(db_session, "Médiathèque Émile Zola", km=1.2, offers=3)
    db_session.commit()
    choose_commune(client)
    item = html(client.get("/carte")).select_one(".map-list ol li")
    assert item.get_text(" ", strip=True) == (
        "Médiathèque Émile Zola Librairie · 3 offres · 1,2 km au nord")


def test_venues_too_close_to_tell_apart_are_a_cluster_that_zooms_in(client, db_session):
    for index in range(3):
        bookable_venue(db_session, f"Librairie {index}", km=3 + index * 0.15)
    db_session.commit()
    choose_commune(client)
    page = html(client.get("/carte"))
    assert marker_labels(page) == []
    (cluster,) = page.select("svg a.map-cluster")
    assert cluster["aria-label"] == "Groupe de 3 lieux, le plus proche à 3 km : zoomer dessus"
    assert cluster.get_text(strip=True) == "3"
    assert int(query_of(cluster["href"])["z"]) >= 12
    closer = html(client.get(cluster["href"]))
    assert sorted(label.split(",")[0] for label in marker_labels(closer)) == [
        "Librairie 0", "Librairie 1", "Librairie 2"]


def test_zoom_and_arrows_are_links_to_other_views(client, db_session):
    choose_commune(client)
    page = html(client.get("/carte"))
    zoom_in = page.find(id="carte-zoom-plus")
    assert zoom_in.get_text(strip=True) == "+Zoomer"
    assert query_of(zoom_in["href"])["z"] == "11"
    north = query_of(page.find(id="carte-nord")["href"])
    assert float(north["lat"]) > 43.59945 and north["z"] == "10"
    assert html(client.get(page.find(id="carte-nord")["href"])).find("svg") is not None


@pytest.mark.parametrize(("query", "expected"), [
    ("categorie=CINEMA", ["Cinéma gratuit"]),
    ("gratuit=1", ["Cinéma gratuit"]),
    ("rayon=5", ["Cinéma gratuit"]),
    ("acces=moteur", ["Librairie accessible"]),
])
def test_filters_keep_the_venues_with_matching_offers(client, db_session, query, expected):
    bookable_venue(db_session, "Cinéma gratuit", km=2, subcategory_id="EVENEMENT_CINE",
                   price_cents=0)
    venue = venue_at(db_session, 8, name="Librairie accessible")
    offer = factories.offer(db_session, venue=venue, accessibility_motor=True)
    factories.stock(db_session, offer=offer)
    db_session.commit()
    choose_commune(client)
    assert listed_names(html(client.get(f"/carte?{query}"))) == expected


def test_a_date_filter_keeps_venues_with_events_in_that_window(client, db_session):
    # The factory's events start in a week.
    bookable_venue(db_session, "Salle de concert", km=2, subcategory_id="CONCERT")
    bookable_venue(db_session, "Librairie", km=3)
    db_session.commit()
    choose_commune(client)
    in_a_week = dt.date.today() + dt.timedelta(days=7)
    window = f"quand=dates&du={in_a_week - dt.timedelta(days=1)}&au={in_a_week}"
    assert listed_names(html(client.get(f"/carte?{window}"))) == ["Salle de concert"]
    assert listed_names(html(client.get("/carte?quand=dates&du=2099-01-01"))) == []


def test_invalid_filters_are_refused_with_422(client):
    choose_commune(client)
    response = client.get("/carte?rayon=7")
    assert response.status_code == 422
    assert html(response).find(class_="error-summary") is not None


def test_an_htmx_step_of_the_map_returns_only_the_map_and_its_status(client, db_session):
    bookable_venue(db_session, "Médiathèque", km=1)
    db_session.commit()
    choose_commune(client)
    response = client.get("/carte?z=11", headers={"HX-Request": "true", "HX-Target": "carte"})
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    page = html(response)
    assert page.find("html") is None and page.find("h1") is None
    assert page.find("section", id="carte") is not None
    assert page.find(id="carte-statut")["hx-swap-oob"] == "innerHTML"
    assert page.select_one(".map-list") is None


def test_htmx_filters_return_the_results_with_the_map_and_the_list(client, db_session):
    bookable_venue(db_session, "Médiathèque", km=1)
    db_session.commit()
    choose_commune(client)
    response = client.get("/carte?gratuit=1", headers={"HX-Request": "true",
                                                       "HX-Target": "carte-resultats"})
    page = html(response)
    assert page.find("h1") is None
    assert page.find(id="carte-resultats") is not None
    assert page.find(id="carte-statut").get_text(strip=True) == (
        "Aucun lieu avec des offres réservables dans ce rayon.")


def test_the_list_is_cut_into_pages_of_forty(client, db_session):
    structure = factories.structure(db_session)
    for index in range(42):
        bookable_venue(db_session, f"Lieu {index:02d}", km=1 + index * 0.2, structure=structure)
    db_session.commit()
    choose_commune(client)
    first = html(client.get("/carte"))
    assert len(listed_names(first)) == 40
    following = first.find("a", string="Lieux suivants")
    second = html(client.get(following["href"]))
    assert listed_names(second) == ["Lieu 40", "Lieu 41"]
    assert second.select_one(".map-list ol")["start"] == "41"


def test_the_map_page_sends_the_same_queries_for_3_or_30_venues(app, client, db_session):
    structure = factories.structure(db_session)
    for index in range(3):
        bookable_venue(db_session, f"Lieu {index}", km=1 + index, structure=structure)
    db_session.commit()
    choose_commune(client)
    client.get("/carte")
    with counted_queries(app) as few:
        client.get("/carte")
    for index in range(27):
        bookable_venue(db_session, f"Autre lieu {index}", km=0.5 + index * 0.5,
                       structure=structure)
    db_session.commit()
    with counted_queries(app) as many:
        client.get("/carte")
    assert len(many) == len(few) <= 6
