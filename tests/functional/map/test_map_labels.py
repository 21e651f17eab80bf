"""The map names its main communes and shows a scale, as decoration beside the listed venues."""

from __future__ import annotations

import re

from models.map import places
from models.territories.geodata import VINTAGE as GEOGRAPHY_VINTAGE
from tests.functional.map.test_map_page import choose_commune
from tests.helpers import counted_queries, html


def test_the_map_names_the_most_populated_communes_in_view_and_shows_a_scale(client):
    choose_commune(client)
    page = html(client.get("/carte"))
    names = [label.get_text() for label in page.select("svg text.map-label")]
    assert names[0] == "Montpellier"
    assert len(names) == len(set(names)) > 1
    scale = page.select_one("svg .map-scale text").get_text()
    assert re.fullmatch(r"(1|2|5)0* (km|m)", scale)
    decoration = page.select_one("svg g[aria-hidden=true]")
    assert decoration.select_one(".map-label") and decoration.select_one(".map-scale")


def test_a_closer_view_names_communes_of_that_view_with_a_shorter_scale(client):
    choose_commune(client)
    wide = html(client.get("/carte")).select_one(".map-scale text").get_text()
    close = html(client.get("/carte?lat=43.5670&lon=3.9080&z=13"))
    assert close.select_one(".map-scale text").get_text() != wide
    assert [label.get_text() for label in close.select(".map-label")][:1] == ["Lattes"]


def test_the_communes_of_a_view_are_read_once_per_geography_in_a_process(app, client):
    places._kept.clear()
    choose_commune(client)
    named = []
    for _ in range(2):
        with counted_queries(app) as statements:
            page = html(client.get("/carte"))
        named.append([label.get_text() for label in page.select("svg text.map-label")])
        read = [s for s in statements if "commune.population" in s and "ORDER BY" in s]
        assert len(read) == (1 if len(named) == 1 else 0)
    assert named[0] == named[1] and "Montpellier" in named[0]
    assert [key[0] for key in places._kept] == [GEOGRAPHY_VINTAGE]
