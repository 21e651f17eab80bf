"""The geography shipped with the app is complete and coherent."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from shapely.geometry import Point
from shapely.prepared import prep

from models.territories import geodata

EXPERIMENT_DEPARTEMENTS = ("29", "34", "67", "93", "973")
# Two kilometres expressed in degrees of latitude; a degree of longitude is
# shorter, so this is a slightly stricter test in longitude.
TWO_KM_IN_DEGREES = 2 / 111.2


@pytest.fixture(scope="module")
def communes() -> dict[str, dict]:
    return {commune["code"]: commune for commune in geodata.iter_communes()}


@pytest.fixture(scope="module")
def departements() -> dict[str, dict]:
    return {departement["code"]: departement for departement in geodata.iter_departements()}


@pytest.fixture(scope="module")
def departement_boundaries() -> dict:
    return dict(geodata.iter_departement_boundaries())


def test_vintage_is_a_year() -> None:
    assert re.fullmatch(r"20\d\d", geodata.VINTAGE)


def test_commune_count_is_plausible(communes: dict[str, dict]) -> None:
    # The 2026 COG counts 34,875 communes in the 101 départements.
    assert 34_800 <= len(communes) <= 35_000


def test_montpellier(communes: dict[str, dict]) -> None:
    montpellier = communes["34172"]
    assert montpellier["name"] == "Montpellier"
    assert "34000" in montpellier["postal_codes"]
    assert montpellier["population"] > 250_000
    assert montpellier["departement_code"] == "34"
    assert montpellier["region_code"] == "76"
    assert montpellier["latitude"] == pytest.approx(43.61, abs=0.1)
    assert montpellier["longitude"] == pytest.approx(3.88, abs=0.1)


def test_brest_is_in_finistere(communes: dict[str, dict]) -> None:
    assert communes["29019"]["name"] == "Brest"
    assert communes["29019"]["departement_code"] == "29"


def test_cayenne_is_in_guyane_time(
    communes: dict[str, dict], departements: dict[str, dict]
) -> None:
    cayenne = communes["97302"]
    assert cayenne["departement_code"] == "973"
    assert departements["973"]["timezone"] == "America/Cayenne"


def test_paris_lyon_marseille_are_single_communes(communes: dict[str, dict]) -> None:
    assert {"75056", "69123", "13055"} <= communes.keys()
    assert "75101" not in communes


def test_corsica_is_split_in_2a_and_2b(
    communes: dict[str, dict], departements: dict[str, dict]
) -> None:
    assert {"2A", "2B"} <= departements.keys()
    assert communes["2A004"]["name"] == "Ajaccio"
    assert {commune["departement_code"] for commune in communes.values()} >= {"2A", "2B"}


def test_every_commune_has_coordinates_in_france(communes: dict[str, dict]) -> None:
    for commune in communes.values():
        assert -62 <= commune["longitude"] <= 56, commune
        assert -22 <= commune["latitude"] <= 52, commune


def test_every_commune_points_to_existing_departement_and_region(
    communes: dict[str, dict], departements: dict[str, dict]
) -> None:
    regions = {region["code"] for region in geodata.iter_regions()}
    assert {departement["region_code"] for departement in departements.values()} <= regions
    for commune in communes.values():
        assert commune["departement_code"] in departements, commune
        assert commune["region_code"] == departements[commune["departement_code"]]["region_code"]


def test_every_referenced_epci_exists(communes: dict[str, dict]) -> None:
    epcis = {epci["siren"]: epci for epci in geodata.iter_epcis()}
    assert all(re.fullmatch(r"\d{9}", siren) for siren in epcis)
    assert {epci["kind"] for epci in epcis.values()} <= {"CA", "CC", "CU", "METRO", "MET69"}
    for commune in communes.values():
        assert commune["epci_siren"] is None or commune["epci_siren"] in epcis, commune


def test_departements_have_timezones(departements: dict[str, dict]) -> None:
    assert len(departements) == 101
    assert departements["974"]["timezone"] == "Indian/Reunion"
    assert departements["67"]["timezone"] == "Europe/Paris"


def test_departement_boundaries_hold_their_communes(
    communes: dict[str, dict], departements: dict[str, dict], departement_boundaries: dict
) -> None:
    assert departement_boundaries.keys() == departements.keys()
    points_by_departement = defaultdict(list)
    for commune in communes.values():
        point = Point(commune["longitude"], commune["latitude"])
        points_by_departement[commune["departement_code"]].append(point)
    for code, boundary in departement_boundaries.items():
        assert boundary.is_valid and not boundary.is_empty, code
        inside = prep(boundary.buffer(TWO_KM_IN_DEGREES))
        points = points_by_departement[code]
        held = sum(1 for point in points if inside.contains(point))
        assert held >= 0.95 * len(points), code


def test_experiment_communes_all_have_boundaries(communes: dict[str, dict]) -> None:
    boundaries = dict(geodata.iter_commune_boundaries())
    for code, commune in communes.items():
        if commune["departement_code"] in EXPERIMENT_DEPARTEMENTS:
            assert code in boundaries, code
            assert boundaries[code].is_valid and not boundaries[code].is_empty, code
    assert boundaries["34172"].contains(Point(3.88, 43.61))
