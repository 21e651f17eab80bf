"""White zones: each commune's distance to the nearest partner venue of a kind, on the officer's
page, its map and its CSV."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from models.geo import Point, distance_km
from models.offerers.models import StructureStatus, VenueType
from models.territories.models import Commune
from tests import factories
from tests.helpers import html, login

PATH = "/territoire/zones-blanches"
MONTPELLIER = Point(43.6108, 3.8767)
NIMES = Point(43.8367, 4.3601)


def cinema(session, where: Point, *, commune: str, bookable: bool = True,
           status: StructureStatus = StructureStatus.VALIDATED, **fields):
    place = factories.venue(
        session, structure=factories.structure(session, status=status), commune_code=commune,
        latitude=where.latitude, longitude=where.longitude,
        venue_type=fields.pop("venue_type", VenueType.CINEMA), **fields)
    show = factories.offer(session, venue=place, subcategory_id="SEANCE_CINE")
    if bookable:
        factories.stock(session, offer=show)
    return place


@pytest.fixture
def officer(client, db_session):
    person = factories.territory_officer(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    return client


def rows(response) -> dict[str, dict[str, str]]:
    text = response.get_data(as_text=True).removeprefix("\ufeff")
    return {row["code_commune"]: row for row in csv.DictReader(io.StringIO(text), delimiter=";")}


def kilometres(row: dict[str, str]) -> float:
    return float(row["distance_km"].replace(",", "."))


def hérault_communes(session) -> int:
    return session.scalar(select(func.count()).where(Commune.departement_code == "34"))


def test_each_commune_reads_its_distance_to_the_nearest_bookable_cinema(officer, db_session):
    cinema(db_session, NIMES, commune="30189")
    db_session.commit()
    lines = rows(officer.get(f"{PATH}.csv?lieu=cinema"))
    assert len(lines) == hérault_communes(db_session)
    town_hall = db_session.get(Commune, "34172")
    expected = distance_km(Point(town_hall.latitude, town_hall.longitude), NIMES)
    # A cinema of the next département serves the Hérault's communes too.
    assert kilometres(lines["34172"]) == pytest.approx(expected, abs=0.06)

    cinema(db_session, MONTPELLIER, commune="34172")
    db_session.commit()
    nearer = rows(officer.get(f"{PATH}.csv?lieu=cinema"))["34172"]
    expected = distance_km(Point(town_hall.latitude, town_hall.longitude), MONTPELLIER)
    assert kilometres(nearer) == pytest.approx(expected, abs=0.06)


def test_venues_that_reach_nobody_do_not_count(officer, db_session):
    cinema(db_session, MONTPELLIER, commune="34172", bookable=False)
    cinema(db_session, MONTPELLIER, commune="34172", status=StructureStatus.NEW)
    cinema(db_session, MONTPELLIER, commune="34172", venue_type=VenueType.BOOKSTORE)
    db_session.commit()
    page = html(officer.get(f"{PATH}?lieu=cinema"))
    assert {row["distance_km"] for row in rows(officer.get(f"{PATH}.csv")).values()} == {""}
    bands = page.find("caption", id="bands-caption").find_parent("table").find("tbody")
    last = bands.find_all("tr")[-1]
    assert last.find_all("td")[-1].get_text(strip=True) == "100 %"
    assert rows(officer.get(f"{PATH}.csv?lieu=librairie"))["34172"]["distance_km"] != ""


def test_the_shares_of_inhabitants_add_up_and_the_map_colours_each_band(officer, db_session):
    cinema(db_session, MONTPELLIER, commune="34172")
    db_session.commit()
    page = html(officer.get(PATH))
    bands = page.find("caption", id="bands-caption").find_parent("table").find("tbody")
    communes = [int(row.find_all("td")[0].get_text(strip=True).replace("\u202f", "")
                    .replace("\xa0", "")) for row in bands.find_all("tr")]
    assert sum(communes) == hérault_communes(db_session)
    drawn = {path["class"][0] for path in page.find("svg", attrs={"role": "img"}).find_all("path")}
    assert "zone-0" in drawn and "zone-4" in drawn
    listed = page.find("caption", id="communes-caption").find_parent("table").find("tbody")
    assert listed.find_all("tr")[-1].th.get_text() == "Montpellier"


@pytest.mark.parametrize("query", ["?lieu=piscine", "?territoire=departement-29"])
def test_an_unknown_kind_or_a_territory_out_of_reach_is_not_found(officer, query):
    assert officer.get(PATH + query).status_code == 404
    assert officer.get(f"{PATH}.csv{query}").status_code == 404
