"""Open data: the public page and CSV of a région or département, with no account; the same
secrecy as the officers' dashboard, page and CSV agreeing, and responses any cache may keep."""

from __future__ import annotations

import re

import pytest

from models.statistics.figures import Reason
from tests import factories
from tests.functional.statistics.statistics_data import (
    BEZIERS,
    Catalogue,
    book,
    herault_readers,
    paris_time,
    resident,
    rolling_slugs,
)
from tests.functional.statistics.test_territory_dashboard_page import cells, csv_rows
from tests.helpers import html, login


@pytest.fixture
def data(db_session):
    """25 residents of the Hérault; books sold by 5 structures, films by a single one."""
    herault_readers(db_session)


HERAULT = "/donnees/departement/34"


def test_the_index_lists_regions_and_departements_without_an_account(client, data):
    page = html(client.get("/donnees/"))
    links = {link.get_text(strip=True): link["href"] for link in page.select("main a")}
    assert links["Occitanie"] == "/donnees/region/76"
    assert links["Hérault (34)"] == HERAULT


def test_the_home_footer_links_to_the_open_data(client):
    page = html(client.get("/"))
    link = page.select_one("footer").find("a", string="Données ouvertes")
    assert link["href"] == "/donnees/"


def test_a_departement_page_shows_it_beside_its_region_and_the_country(client, data):
    page = html(client.get(f"{HERAULT}?periode=2026"))
    assert "Hérault" in page.h1.get_text()
    headers = [th.get_text(strip=True)
               for th in page.select("table.figures")[0].select("thead th")]
    assert headers == ["Indicateur", "Hérault", "Occitanie", "France"]
    assert cells(page)["reservations.LIVRE", "departement-34"].isdigit()


def test_a_secret_cell_stays_secret_on_the_public_page_and_in_its_csv(client, data):
    shown = cells(html(client.get(f"{HERAULT}?periode=2026")))
    assert shown["montant_euros.CINEMA", "departement-34"] == Reason.FEW_PARTNERS
    assert shown["montant_euros.LIVRE", "departement-34"] == Reason.COMPLEMENT
    rows = csv_rows(client.get(f"{HERAULT}.csv?periode=2026"))
    cinema = next(row for row in rows if row["indicateur"] == "montant_euros.CINEMA"
                  and row["niveau"] == "departement")
    assert cinema["statut"] == "secret" and cinema["valeur"] == ""
    assert cinema["numerateur"] == "" and cinema["raison"] == Reason.FEW_PARTNERS


def test_the_csv_holds_every_figure_of_the_public_page_and_they_agree(client, data):
    page = cells(html(client.get(f"{HERAULT}?periode=2026-T1")))
    rows = csv_rows(client.get(f"{HERAULT}.csv?periode=2026-T1"))
    assert len(rows) == len(page)
    for row in rows:
        shown = page[row["indicateur"], f"{row['niveau']}-{row['code_territoire']}"]
        if row["statut"] == "secret":
            assert row["valeur"] == "" and shown == row["raison"]
        else:
            assert re.sub(r"\D", "", shown) == re.sub(r"\D", "", row["valeur"])


def test_the_public_figures_are_those_the_officer_reads(client, db_session, data):
    public = client.get(f"{HERAULT}.csv?periode=2026").get_data(as_text=True)
    officer = factories.territory_officer(db_session)
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)
    assert client.get("/territoire/indicateurs.csv?periode=2026").get_data(as_text=True) == public


def test_no_personal_data_reaches_the_public_page_or_csv(client, data):
    for path in (f"{HERAULT}?periode=2026", f"{HERAULT}.csv?periode=2026"):
        text = client.get(path).get_data(as_text=True)
        assert "Zéphyrine" not in text and "Quasimodo" not in text and "@exemple.fr" not in text


@pytest.mark.parametrize("path", ["/donnees/commune/34172", "/donnees/epci/243400017",
                                  "/donnees/departement/00", "/donnees/region/99",
                                  "/donnees/pays/FR", "/donnees/departement/34?periode=2026-13",
                                  "/donnees/departement/34.csv?periode=1990"])
def test_other_levels_unknown_codes_and_periods_are_not_found(client, data, path):
    assert client.get(path).status_code == 404


def test_the_page_and_csv_may_be_kept_by_any_cache_and_revalidated(client, data):
    for path, cache in ((HERAULT, "public, no-cache"), (f"{HERAULT}.csv", "public, max-age=3600")):
        first = client.get(path)
        assert first.headers["Cache-Control"] == cache
        etag = first.headers["ETag"]
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b""


def test_a_new_booking_changes_the_tag(client, db_session, data):
    etag = client.get(f"{HERAULT}.csv?periode=2026").headers["ETag"]
    structures = [factories.structure(db_session) for _ in range(5)]
    catalogue = Catalogue(db_session)
    for index in range(12):
        person = resident(db_session, BEZIERS)
        book(db_session, catalogue, person, structures[index % 5], "MUSEE",
             paris_time(2026, 4, 2))
    db_session.commit()
    response = client.get(f"{HERAULT}.csv?periode=2026", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag


def test_a_signed_in_visitor_gets_the_page_but_no_cache_keeps_it(client, db_session, data):
    young = factories.young(db_session)
    db_session.commit()
    login(client, young.email, factories.PASSWORD)
    response = client.get(HERAULT)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_an_old_link_to_a_rolling_period_leads_to_the_current_one(client, data):
    old, current = rolling_slugs(24)
    response = client.get(f"{HERAULT}?periode={old}")
    assert response.location == f"{HERAULT}?periode={current}&depuis={old}"
    assert html(client.get(response.location)).select_one("p.notice") is not None
    assert client.get(f"{HERAULT}.csv?periode={old}").location == (
        f"{HERAULT}.csv?periode={current}&depuis={old}")


def test_an_old_rolling_link_with_odd_query_names_is_still_led_on(client, data):
    old, current = rolling_slugs(24)
    response = client.get(f"{HERAULT}?code=99&level=pays&_external=1&_anchor=x&periode={old}")
    assert response.status_code == 302
    assert response.location.startswith(f"{HERAULT}?")
    assert "#" not in response.location and "_external" not in response.location
