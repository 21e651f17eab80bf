"""The pro's venues: listing, creating and editing them, SIRET and pricing point, position by
commune, typed coordinates or a click on the map, the virtual venue; plain posts, no JavaScript."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from models.db import utcnow
from models.geo import Point
from models.map.projection import Viewport
from models.map.repository import venues_around
from models.offerers.exceptions import SiretTaken
from models.offerers.models import Structure, Venue, VenueType
from models.offerers.validation import with_luhn_digit
from models.offerers.venues import VenueDetails, create_venue, ensure_virtual_venue
from models.search.criteria import Format, SearchCriteria
from models.search.repository import search_offers
from models.territories.models import Commune
from models.unit_of_work import atomic
from tests import factories
from tests.functional.account.steps import field_error, submit
from tests.helpers import counted_queries, html, login

MONTPELLIER = "34172"


@pytest.fixture
def structure(db_session):
    created = factories.structure(db_session)
    db_session.commit()
    return created


@pytest.fixture
def pro(client, db_session, structure):
    person = factories.pro(db_session, structure=structure)
    db_session.commit()
    assert login(client, person.email, factories.PASSWORD).status_code == 303
    return person


def new_path(structure) -> str:
    return f"/pro/lieux/nouveau?structure={structure.id}"


def venue_data(structure, **overrides) -> dict:
    data = {
        "name": "Librairie des Arceaux", "public_name": "", "siret": "",
        "venue_type": "bookstore", "address": "12 boulevard des Arceaux",
        "commune_query": "Montpellier", "commune_code": MONTPELLIER, "latitude": "",
        "longitude": "", "accessibility_motor": "oui", "accessibility_hearing": "non",
        "accessibility_visual": "inconnu", "accessibility_mental": "inconnu",
        "opening_hours": "Du mardi au samedi, 10 h – 19 h", "withdrawal_details": "",
        "email": "", "phone": "", "website": "", "pricing_point": "",
    }
    data.update(overrides)
    return data


def siret_of(structure, number: int = 1) -> str:
    return with_luhn_digit(f"{structure.siren}{number:04d}")


def create(client, structure, **overrides):
    return submit(client, new_path(structure), venue_data(structure, **overrides))


def venue_named(db_session, name: str) -> Venue:
    # Ends the test's read transaction: on SQLite it would still see the database as it was.
    db_session.rollback()
    return db_session.scalars(select(Venue).where(Venue.name == name)).one()


def commune_point(db_session, code: str = MONTPELLIER) -> Point:
    commune = db_session.get(Commune, code)
    return Point(commune.latitude, commune.longitude)


def test_the_list_shows_the_members_venues_and_nothing_of_another_structure(
        client, db_session, pro, structure):
    factories.venue(db_session, structure=structure, name="Salle des Fêtes")
    factories.venue(db_session, name="Lieu d'une autre structure")
    ensure_virtual_venue(db_session, structure, now=utcnow())
    db_session.commit()
    page = html(client.get("/pro/lieux/"))
    names = [cell.get_text(strip=True) for cell in page.select("tbody th")]
    assert sorted(names) == sorted(["Salle des Fêtes", f"{structure.name} (en ligne)"])
    assert page.find("a", string=f"Ajouter un lieu à {structure.name}")


def test_a_venue_without_coordinates_is_placed_at_its_communes_point(client, db_session, pro,
                                                                    structure):
    response = create(client, structure, siret=siret_of(structure))
    venue = venue_named(db_session, "Librairie des Arceaux")
    assert response.status_code == 303
    assert response.location.endswith(f"/pro/lieux/{venue.id}")
    assert Point(venue.latitude, venue.longitude) == commune_point(db_session)
    assert (venue.structure_id, venue.venue_type, venue.postal_code) == (
        structure.id, VenueType.BOOKSTORE, "34000")
    assert (venue.accessibility_motor, venue.accessibility_hearing,
            venue.accessibility_visual) == (True, False, None)


def test_a_venue_with_a_siret_is_its_own_pricing_point(client, db_session, pro, structure):
    create(client, structure, siret=siret_of(structure))
    venue = venue_named(db_session, "Librairie des Arceaux")
    assert venue.pricing_point_id == venue.id


def test_without_siret_a_venue_must_choose_a_venue_with_one(client, db_session, pro, structure):
    with_siret = factories.venue(db_session, structure=structure, name="Siège")
    db_session.commit()
    refused = create(client, structure)
    assert refused.status_code == 422
    assert "Choisis le lieu dont le SIRET" in field_error(refused, "pricing_point")
    create(client, structure, pricing_point=str(with_siret.id))
    assert venue_named(db_session, "Librairie des Arceaux").pricing_point_id == with_siret.id


def test_another_structures_venue_is_never_a_pricing_point(client, db_session, pro, structure):
    factories.venue(db_session, structure=structure, name="Siège")
    foreign = factories.venue(db_session, name="Ailleurs")
    db_session.commit()
    response = create(client, structure, pricing_point=str(foreign.id))
    assert response.status_code == 422
    assert db_session.scalars(select(Venue).where(
        Venue.name == "Librairie des Arceaux")).first() is None


def test_without_any_siret_the_page_explains_and_the_venue_is_still_created(
        client, db_session, pro, structure):
    page = html(client.get(new_path(structure)))
    assert "a besoin d'un SIRET" in page.find("main").get_text()
    assert page.find(id="pricing_point") is None
    assert create(client, structure).status_code == 303
    assert venue_named(db_session, "Librairie des Arceaux").pricing_point_id is None


@pytest.mark.parametrize(("siret", "message"), [
    ("1234", "14 chiffres"),
    (with_luhn_digit("7328293200001"), "ne commence pas par le SIREN"),
])
def test_a_wrong_siret_is_refused_beside_its_field(client, db_session, pro, structure, siret,
                                                   message):
    response = create(client, structure, siret=siret)
    assert response.status_code == 422
    assert message in field_error(response, "siret")
    assert "siret-error" in html(response).find(id="siret")["aria-describedby"]


def test_a_mistyped_siret_fails_its_checksum(client, db_session, pro, structure):
    siret = siret_of(structure)
    wrong = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    response = create(client, structure, siret=wrong)
    assert "mal recopié" in field_error(response, "siret")


def test_a_siret_already_on_the_platform_is_refused(client, db_session, pro, structure):
    taken = factories.venue(db_session, structure=structure).siret
    db_session.commit()
    response = create(client, structure, siret=taken)
    assert response.status_code == 422
    assert "déjà celui d'un autre lieu" in field_error(response, "siret")


def test_a_siret_typed_with_spaces_is_stored_without(client, db_session, pro, structure):
    siret = siret_of(structure)
    spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    create(client, structure, siret=spaced)
    assert venue_named(db_session, "Librairie des Arceaux").siret == siret


def test_a_siret_once_given_cannot_be_changed(client, db_session, pro, structure):
    venue = factories.venue(db_session, structure=structure, name="Siège")
    db_session.commit()
    path = f"/pro/lieux/{venue.id}"
    response = submit(client, path, venue_data(structure, name="Siège",
                                               siret=siret_of(structure, 77)))
    assert "ne se change plus" in field_error(response, "siret")
    assert html(client.get(path)).find(id="siret").has_attr("readonly")


@pytest.mark.parametrize("phone", ["12 34", "+44 20 7946 0958", "04 67 12 34"])
def test_a_wrong_phone_number_gets_a_french_example(client, db_session, pro, structure, phone):
    response = create(client, structure, phone=phone)
    assert response.status_code == 422
    assert "04 67 12 34 56" in field_error(response, "phone")


def test_a_phone_number_is_stored_in_international_form(client, db_session, pro, structure):
    create(client, structure, phone="04 67 12 34 56", email="contact@arceaux.example")
    venue = venue_named(db_session, "Librairie des Arceaux")
    assert (venue.phone, venue.email) == ("+33467123456", "contact@arceaux.example")


def test_a_wrong_email_and_website_are_refused_beside_their_fields(client, db_session, pro,
                                                                  structure):
    response = create(client, structure, email="contact@", website="javascript:alert(1)")
    assert "nom@exemple.fr" in field_error(response, "email")
    assert "https://www.exemple.fr" in field_error(response, "website")


def test_typed_coordinates_place_the_venue(client, db_session, pro, structure):
    create(client, structure, latitude="43,6155", longitude="3.8702")
    venue = venue_named(db_session, "Librairie des Arceaux")
    assert (venue.latitude, venue.longitude) == (43.6155, 3.8702)


@pytest.mark.parametrize(("latitude", "longitude", "field", "message"), [
    ("95", "3.87", "latitude", "de -90 à 90"),
    ("43.6", "-200", "longitude", "de -180 à 180"),
    ("quarante", "3.87", "latitude", "Indique un nombre"),
    ("43.6", "", "longitude", "ou aucune des deux"),
    ("3.8767", "43.6108", "latitude", "plus de 100 km"),
])
def test_coordinates_out_of_range_are_refused(client, db_session, pro, structure, latitude,
                                              longitude, field, message):
    response = create(client, structure, latitude=latitude, longitude=longitude)
    assert response.status_code == 422
    assert message in field_error(response, field)
    assert db_session.scalars(select(Venue)).first() is None


def test_a_click_on_the_map_fills_the_coordinates_and_saves_nothing(client, db_session, pro,
                                                                   structure):
    center = commune_point(db_session)
    response = create(client, structure, **{
        "map_latitude": f"{center.latitude:.6f}", "map_longitude": f"{center.longitude:.6f}",
        "map_zoom": "15", "carte.x": "200", "carte.y": "100",
    })
    expected = Viewport(Point(round(center.latitude, 6), round(center.longitude, 6)), 15, 300,
                        300).unproject(200, 100)
    page = html(response)
    assert response.status_code == 200
    assert float(page.find(id="latitude")["value"]) == pytest.approx(expected.latitude, abs=1e-6)
    assert float(page.find(id="longitude")["value"]) == pytest.approx(expected.longitude,
                                                                       abs=1e-6)
    assert "enregistre le lieu pour la garder" in page.select_one(".venue-map-status").get_text()
    assert db_session.scalars(select(Venue)).first() is None
    image = page.find("input", attrs={"type": "image"})
    assert image["alt"] and f"lat={expected.latitude:.6f}" in image["src"]


def test_the_map_click_then_saving_keeps_the_point(client, db_session, pro, structure):
    response = create(client, structure, latitude="43.615512", longitude="3.870201",
                      **{"carte.x": "0", "carte.y": "0", "map_latitude": "43.6",
                         "map_longitude": "3.87", "map_zoom": "15"})
    assert response.status_code == 303, "a keyboard activation of the map sends the form"
    venue = venue_named(db_session, "Librairie des Arceaux")
    assert (venue.latitude, venue.longitude) == (43.615512, 3.870201)


def test_the_zoom_buttons_redraw_the_map_closer(client, db_session, pro, structure):
    response = create(client, structure, map_latitude="43.6", map_longitude="3.87",
                      map_zoom="15", carte_zoom="plus")
    assert response.status_code == 200
    assert "z=16" in html(response).find("input", attrs={"type": "image"})["src"]


def test_the_map_image_is_an_svg_drawn_around_the_point(client, pro):
    response = client.get("/pro/lieux/carte.svg?lat=43.6108&lon=3.8767&z=15")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b'width="300"' in response.data
    assert client.get("/pro/lieux/carte.svg?lat=95&lon=3&z=15").status_code == 400
    assert client.get("/pro/lieux/carte.svg?lat=x").status_code == 400


def test_editing_a_venue_changes_it_and_keeps_its_pricing_point(client, db_session, pro,
                                                               structure):
    venue = factories.venue(db_session, structure=structure, name="Siège")
    db_session.commit()
    page = html(client.get(f"/pro/lieux/{venue.id}"))
    assert page.find(id="name")["value"] == "Siège"
    response = submit(client, f"/pro/lieux/{venue.id}", venue_data(
        structure, name="Siège rénové", siret=venue.siret, public_name="Le Siège",
        website="https://siege.example", accessibility_mental="oui"))
    assert response.status_code == 303
    edited = venue_named(db_session, "Siège rénové")
    assert (edited.public_name, edited.website, edited.accessibility_mental,
            edited.pricing_point_id) == ("Le Siège", "https://siege.example", True, venue.id)


def test_moving_to_another_commune_without_new_coordinates_uses_its_point(
        client, db_session, pro, structure):
    venue = factories.venue(db_session, structure=structure, name="Siège")
    db_session.commit()
    other = db_session.scalars(select(Commune).where(Commune.code != MONTPELLIER)
                               .order_by(Commune.population.desc().nulls_last())).first()
    response = submit(client, f"/pro/lieux/{venue.id}", venue_data(
        structure, name="Siège", siret=venue.siret, commune_query=other.name,
        commune_code=other.code, latitude=str(venue.latitude), longitude=str(venue.longitude)))
    assert response.status_code == 303, html(response).select(".field-error")
    moved = venue_named(db_session, "Siège")
    assert (moved.commune_code, moved.latitude, moved.longitude) == (
        other.code, other.latitude, other.longitude)


def test_another_structures_venue_is_not_found_to_read_or_to_change(client, db_session, pro,
                                                                   structure):
    foreign = factories.venue(db_session, name="Pas à toi")
    db_session.commit()
    assert client.get(f"/pro/lieux/{foreign.id}").status_code == 404
    token = html(client.get(new_path(structure))).find("input", attrs={"name": "csrf_token"})
    response = client.post(f"/pro/lieux/{foreign.id}", data={
        "csrf_token": token["value"], **venue_data(foreign.structure, name="Volé")})
    assert response.status_code == 404
    assert "Pas à toi" not in response.get_data(as_text=True)
    assert venue_named(db_session, "Pas à toi").id == foreign.id


@pytest.mark.parametrize("argument", ["?structure=", "?structure=abc",
                                      "?structure=99999999999", "?structure=0"])
def test_creating_needs_a_structure_that_can_be_an_id(client, pro, argument):
    assert client.get(f"/pro/lieux/nouveau{argument}").status_code == 404


def test_creating_without_naming_a_structure_leads_to_the_list_of_venues(client, pro):
    response = client.get("/pro/lieux/nouveau")
    assert response.status_code == 303
    assert response.location.endswith("/pro/lieux/")


def test_creating_for_another_structure_is_not_found(client, db_session, pro):
    other = factories.structure(db_session)
    db_session.commit()
    assert client.get(new_path(other)).status_code == 404


def test_a_structure_has_one_virtual_venue_however_often_it_is_asked(db_session, structure):
    with atomic(db_session):
        first = ensure_virtual_venue(db_session, structure, now=utcnow())
    with atomic(db_session):
        again = ensure_virtual_venue(db_session, structure, now=utcnow())
    virtual = db_session.scalars(select(Venue).where(Venue.structure_id == structure.id,
                                                     Venue.is_virtual.is_(True))).all()
    assert [venue.id for venue in virtual] == [first.id] == [again.id]
    assert (first.latitude, first.commune_code, first.siret) == (None, None, None)


def test_the_virtual_venue_is_reimbursed_through_the_first_venue_with_a_siret(db_session,
                                                                             structure):
    with_siret = factories.venue(db_session, structure=structure)
    with atomic(db_session):
        virtual = ensure_virtual_venue(db_session, structure, now=utcnow())
    assert virtual.pricing_point_id == with_siret.id


def test_the_virtual_venues_form_has_only_its_names(client, db_session, pro, structure):
    with atomic(db_session):
        virtual = ensure_virtual_venue(db_session, structure, now=utcnow())
    path = f"/pro/lieux/{virtual.id}"
    page = html(client.get(path))
    names = {control["name"] for control in page.select("main form [name]")}
    assert names == {"csrf_token", "name", "public_name"}
    assert submit(client, path, {"name": "Nos offres en ligne", "public_name": ""}
                  ).status_code == 303
    assert venue_named(db_session, "Nos offres en ligne").is_virtual


def test_a_virtual_venues_name_is_required(client, db_session, pro, structure):
    with atomic(db_session):
        virtual = ensure_virtual_venue(db_session, structure, now=utcnow())
    response = submit(client, f"/pro/lieux/{virtual.id}", {"name": " "})
    assert response.status_code == 422
    assert "Indique le nom" in field_error(response, "name")


def test_the_forms_work_as_plain_posts_with_every_control_labelled(client, db_session, pro,
                                                                  structure):
    page = html(create(client, structure, phone="12"))
    form = page.find("main").find("form")
    assert form["method"] == "post" and not form.find("script")
    for control in form.select("input:not([type=hidden]), select, textarea"):
        if control.get("type") in ("radio", "image", "submit"):
            continue
        assert page.find("label", attrs={"for": control["id"]}), control
    legends = [legend.get_text(strip=True) for legend in form.select("fieldset > legend")]
    assert sum("Accessible aux personnes" in legend for legend in legends) == 4


def test_a_moved_and_renamed_venue_is_found_at_its_new_place(db_session, structure, app):
    venue = factories.venue(db_session, structure=structure, name="Ancien nom")
    factories.stock(db_session, offer=factories.offer(db_session, venue=venue))
    db_session.commit()
    brest = Point(48.3904, -4.4861)
    venue.latitude, venue.longitude, venue.name = brest.latitude, brest.longitude, "Quai Brest"
    db_session.commit()
    criteria = SearchCriteria(format=Format.ON_SITE, radius_km=20)
    near_brest = venues_around(db_session, brest, 20, criteria, utcnow())
    near_montpellier = venues_around(db_session, Point(43.6108, 3.8767), 20, criteria,
                                     utcnow())
    assert [found.id for found in near_brest] == [venue.id]
    assert venue.id not in [found.id for found in near_montpellier]
    found = search_offers(db_session, SearchCriteria(text="quai brest"), utcnow())
    assert [card.venue_name for card in found.cards] == ["Quai Brest"]


def shown_values(response) -> dict:
    """What a browser would send for the page's form, untouched, with its main button."""
    form = html(response).find("main").find("form")
    values = {}
    for control in form.select("input[name]"):
        kind = control.get("type", "text")
        if kind in ("image", "submit") or (kind == "radio" and not control.has_attr("checked")):
            continue
        values[control["name"]] = control.get("value", "")
    for dropdown in form.select("select[name]"):
        chosen = dropdown.find("option", selected=True) or dropdown.find("option")
        values[dropdown["name"]] = chosen.get("value", "")
    for area in form.select("textarea[name]"):
        values[area["name"]] = area.get_text().lstrip("\n")
    return values


@pytest.mark.parametrize("with_siret", [True, False])
def test_the_edit_form_sent_back_untouched_saves_the_venue_as_it_was(
        client, db_session, pro, structure, with_siret):
    head_office = factories.venue(db_session, structure=structure, name="Siège")
    venue = head_office if with_siret else factories.venue(
        db_session, structure=structure, name="Annexe", siret=None,
        pricing_point_id=head_office.id, phone="+33467123456", opening_hours="Le mardi")
    db_session.commit()
    path = f"/pro/lieux/{venue.id}"
    before = {column: getattr(venue, column) for column in (
        "name", "siret", "latitude", "longitude", "commune_code", "phone", "opening_hours",
        "accessibility_motor")}
    response = client.post(path, data=shown_values(client.get(path)))
    assert response.status_code == 303, html(response).select(".field-error")
    saved = venue_named(db_session, venue.name)
    assert {column: getattr(saved, column) for column in before} == before
    assert saved.pricing_point_id == head_office.id


def test_requests_asking_at_once_still_make_one_virtual_venue(app, db_session, structure):
    """Each thread runs the command in its own session and unit of work, as requests do."""
    make_session = app.extensions["database"]["sessionmaker"]
    start = threading.Barrier(6)

    def ask() -> int:
        with make_session() as session:
            start.wait(timeout=10)
            with atomic(session):
                mine = session.get(Structure, structure.id)
                return ensure_virtual_venue(session, mine, now=utcnow()).id

    with ThreadPoolExecutor(6) as pool:
        ids = list(pool.map(lambda _: ask(), range(6)))
    db_session.rollback()
    virtual = db_session.scalars(select(Venue.id).where(Venue.structure_id == structure.id,
                                                        Venue.is_virtual.is_(True))).all()
    assert len(virtual) == 1 and set(ids) == set(virtual)


def test_a_double_click_on_create_makes_one_venue_with_its_siret(app, db_session, structure):
    """Both threads check that the SIRET is free; the structure's lock makes the second see
    the first's venue and get the domain's refusal, not the database's unique violation."""
    make_session = app.extensions["database"]["sessionmaker"]
    siret = with_luhn_digit(f"{structure.siren}9876")
    start = threading.Barrier(2)

    def create() -> str:
        with make_session() as session:
            start.wait(timeout=10)
            try:
                with atomic(session):
                    mine = session.get(Structure, structure.id)
                    create_venue(session, mine, VenueDetails(
                        name="Salle double", venue_type=VenueType.PERFORMING_ARTS,
                        address="1 rue du Clic", commune=session.get(Commune, "34172"),
                        siret=siret), now=utcnow())
            except SiretTaken:
                return "refused"
            return "created"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(lambda _: create(), range(2)))
    db_session.rollback()
    assert outcomes == ["created", "refused"]
    assert len(db_session.scalars(select(Venue.id).where(Venue.siret == siret)).all()) == 1


def test_the_list_costs_the_same_queries_for_one_venue_or_many(app, client, db_session, pro,
                                                              structure):
    factories.venue(db_session, structure=structure)
    db_session.commit()
    with counted_queries(app) as one:
        client.get("/pro/lieux/")
    head_office = factories.venue(db_session, structure=structure)
    for _ in range(5):
        factories.venue(db_session, structure=structure, siret=None,
                        pricing_point_id=head_office.id)
    db_session.commit()
    with counted_queries(app) as many:
        page = html(client.get("/pro/lieux/"))
    assert len(page.select("tbody tr")) == 7
    assert len(many) == len(one)
