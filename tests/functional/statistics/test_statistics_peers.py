"""Peers: départements comparable with the officer's, picked by population and density or named
in the URL, every indicator shown beside theirs under the same secrecy rules."""

from __future__ import annotations

import csv
import io
import math

from sqlalchemy import func, select

from models.statistics.peers import _departement_areas, automatic_peers, chosen_peers
from models.statistics.scopes import Level, Scope
from models.territories.models import Commune
from tests import factories
from tests.helpers import html, login

HERAULT = Scope(Level.DEPARTEMENT, "34")


def _population(session, code: str) -> int:
    return session.scalar(select(func.sum(Commune.population))
                          .where(Commune.departement_code == code))


def test_automatic_peers_are_departements_of_similar_population_and_density(db_session):
    peers = automatic_peers(db_session, HERAULT)
    assert len(peers) == 3 and all(peer.level is Level.DEPARTEMENT for peer in peers)
    assert HERAULT not in peers and Scope(Level.DEPARTEMENT, "75") not in peers
    areas = _departement_areas()
    population = _population(db_session, "34")
    density = population / areas["34"]
    for peer in peers:
        other = _population(db_session, peer.code)
        assert abs(math.log(other / population)) < math.log(1.5)
        assert abs(math.log(other / areas[peer.code] / density)) < math.log(1.5)


def test_peers_named_in_the_url_keep_only_departements_that_exist(db_session):
    asked = [Scope(Level.DEPARTEMENT, "13"), Scope(Level.COMMUNE, "34172"),
             Scope(Level.DEPARTEMENT, "999"), HERAULT, Scope(Level.DEPARTEMENT, "13")]
    assert chosen_peers(db_session, HERAULT, asked) == [Scope(Level.DEPARTEMENT, "13")]


def test_a_commune_has_no_automatic_peers(db_session):
    assert automatic_peers(db_session, Scope(Level.COMMUNE, "34172")) == []


def _officer(client, db_session):
    officer = factories.territory_officer(db_session)
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)


def test_the_page_and_the_csv_show_every_indicator_beside_the_peers_named(client, db_session):
    _officer(client, db_session)
    page = html(client.get("/territoire/?periode=2026&pairs=departement-13"))
    headers = [cell.get_text(strip=True) for cell in page.select("table.figures")[0].select(
        "thead th")]
    assert headers == ["Indicateur", "Hérault", "Occitanie", "France", "Bouches-du-Rhône"]
    indicators = {cell["data-indicator"] for cell in page.select("td[data-indicator]")}
    peer_cells = {cell["data-indicator"] for cell in page.select(
        "td[data-scope=departement-13]")}
    assert peer_cells == indicators
    link = page.find("a", string="Télécharger tous les indicateurs (CSV)")
    assert "pairs=departement-13" in link["href"]
    rows = list(csv.DictReader(io.StringIO(
        client.get(link["href"]).get_data(as_text=True).lstrip("\ufeff"))))
    assert {row["indicateur"] for row in rows if row["code_territoire"] == "13"} == indicators


def test_the_automatic_peers_are_one_link_away(client, db_session):
    _officer(client, db_session)
    page = html(client.get("/territoire/?periode=2026"))
    link = page.find("a", string="Comparer avec les territoires de population et de densité "
                                 "semblables")
    compared = html(client.get(link["href"]))
    headers = compared.select("table.figures")[0].select("thead th")
    assert len(headers) == 1 + 3 + 3
    assert compared.find("a", string="Ne plus comparer") is not None
