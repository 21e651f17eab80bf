"""The officer's dashboard page and its CSV: what they show, that they agree, what they refuse."""

from __future__ import annotations

import csv
import io
import re

import pytest

from models.statistics.figures import Reason
from models.territories.models import TerritoryKind
from tests import factories
from tests.functional.statistics.statistics_data import (
    BEZIERS,
    MONTPELLIER,
    herault_readers,
    resident,
    rolling_slugs,
)
from tests.helpers import counted_queries, html, login


@pytest.fixture
def data(db_session):
    """25 residents of the Hérault; books sold by 5 structures, films by a single one."""
    herault_readers(db_session)


@pytest.fixture
def officer_client(client, db_session, data):
    officer = factories.territory_officer(db_session)
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)
    return client


def cells(page) -> dict[tuple[str, str], str]:
    return {(cell["data-indicator"], cell["data-scope"]): cell.get_text(" ", strip=True)
            for cell in page.select("td[data-indicator]")}


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_dashboard_shows_the_territory_beside_its_region_and_the_country(officer_client):
    page = html(officer_client.get("/territoire/"))
    assert "Hérault" in page.h1.get_text()
    headers = [th.get_text(strip=True) for th in page.select("table.figures")[0].select(
        "thead th")]
    assert headers == ["Indicateur", "Hérault", "Occitanie", "France"]


def test_published_counts_are_never_between_1_and_4(officer_client):
    for text in cells(html(officer_client.get("/territoire/"))).values():
        if text.isdigit():
            assert int(text) not in {1, 2, 3, 4}


def test_money_made_by_a_single_partner_says_why_it_is_secret(officer_client):
    shown = cells(html(officer_client.get("/territoire/?periode=2026")))
    assert shown["montant_euros.CINEMA", "departement-34"] == Reason.FEW_PARTNERS


def test_the_other_money_cell_is_hidden_so_the_total_does_not_give_the_secret_one_away(
        officer_client):
    shown = cells(html(officer_client.get("/territoire/?periode=2026")))
    assert shown["montant_euros.LIVRE", "departement-34"] == Reason.COMPLEMENT
    assert "€" in shown["montant_euros", "departement-34"]


def test_the_period_is_read_from_the_url_and_selected_in_the_form(officer_client):
    page = html(officer_client.get("/territoire/?periode=2026-02"))
    assert page.select_one("#periode option[selected]")["value"] == "2026-02"
    assert "Février 2026" in page.select_one("table.figures caption").get_text()
    shown = cells(page)
    assert shown["reservations.LIVRE", "departement-34"] == "0"


def test_the_officer_may_open_the_region_the_dashboard_compares_with(officer_client):
    page = html(officer_client.get("/territoire/?territoire=region-76"))
    assert "Occitanie" in page.h1.get_text()


@pytest.mark.parametrize("query", ["territoire=departement-30", "territoire=commune-34172",
                                   "territoire=nulle-part", "periode=2026-13",
                                   "periode=1990", "periode=2031"])
def test_another_territory_or_a_period_that_does_not_exist_is_not_found(officer_client, query):
    assert officer_client.get(f"/territoire/?{query}").status_code == 404


def test_the_csv_holds_every_figure_of_the_page_and_they_agree(officer_client):
    page = cells(html(officer_client.get("/territoire/?periode=2026-T1")))
    response = officer_client.get("/territoire/indicateurs.csv?periode=2026-T1")
    rows = csv_rows(response)
    assert len(rows) == len(page)
    for row in rows:
        shown = page[row["indicateur"], f"{row['niveau']}-{row['code_territoire']}"]
        assert row["periode"] == "2026-T1"
        if row["statut"] == "secret":
            assert row["valeur"] == "" and shown == row["raison"]
        else:
            assert row["statut"] == "publie"
            assert re.sub(r"\D", "", shown) == re.sub(r"\D", "", row["valeur"])


def test_the_csv_is_a_download_in_the_long_format(officer_client):
    response = officer_client.get("/territoire/indicateurs.csv?periode=2026")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert list(csv_rows(response)[0]) == [
        "periode", "niveau", "code_territoire", "indicateur", "numerateur", "denominateur",
        "valeur", "statut", "raison"]


def test_a_share_in_the_csv_carries_its_published_numerator_and_denominator(officer_client):
    rows = csv_rows(officer_client.get("/territoire/indicateurs.csv?periode=2026"))
    share = next(row for row in rows if row["indicateur"] == "part_3_categories"
                 and row["niveau"] == "departement")
    assert share["statut"] == "publie"
    assert int(share["denominateur"]) >= 20 and share["numerateur"] != ""


def test_no_personal_data_reaches_the_page_or_the_csv(officer_client):
    for path in ("/territoire/?periode=2026", "/territoire/indicateurs.csv?periode=2026"):
        text = officer_client.get(path).get_data(as_text=True)
        assert "Zéphyrine" not in text and "Quasimodo" not in text and "@exemple.fr" not in text


def test_an_officer_of_a_commune_compares_it_with_its_departement(client, db_session, data):
    officer = factories.territory_officer(db_session, territory_kind=TerritoryKind.COMMUNE,
                                          territory_code=MONTPELLIER)
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)
    page = html(client.get("/territoire/"))
    headers = [th.get_text(strip=True) for th in page.select("table.figures")[0].select(
        "thead th")]
    assert headers == ["Indicateur", "Montpellier", "Hérault", "Occitanie", "France"]


def test_the_bar_chart_is_named_and_its_figures_are_in_the_table_that_follows(officer_client):
    page = html(officer_client.get("/territoire/"))
    chart = page.select_one("figure.bar-chart svg[role=img]")
    caption = page.select_one("#" + chart["aria-labelledby"])
    assert "tableau" in caption.get_text()
    table = chart.find_parent("figure").find_next("table")
    assert len(chart.select("rect.bar")) == len(table.select("tbody tr"))


def test_a_year_shows_its_bookings_month_by_month_and_a_month_does_not(officer_client):
    year = html(officer_client.get("/territoire/?periode=2026"))
    monthly = year.find("h2", string="Réservations par mois").find_parent("section")
    rows = [row.th.get_text(strip=True) for row in monthly.select("tbody tr")]
    assert len(rows) == 12 and rows[2] == "Mars 2026"
    assert monthly.select_one("figure.bar-chart svg[role=img]") is not None
    month = html(officer_client.get("/territoire/?periode=2026-03"))
    assert month.find("h2", string="Réservations par mois") is None


def queries_of(app, client, path: str) -> int:
    with counted_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_page_takes_a_fixed_number_of_queries_whatever_the_data(officer_client, app,
                                                                      db_session):
    """Twelve queries per territory shown at most (none per commune, category, month or age),
    and a handful for the session, the mandate, its cohort figures, whether the take-up is kept,
    the names, the top lists and the supply."""
    first = queries_of(app, officer_client, "/territoire/?periode=2026")
    for _ in range(3):
        resident(db_session, BEZIERS)
    db_session.commit()
    assert queries_of(app, officer_client, "/territoire/?periode=2026-T1") == first
    assert first <= 12 * 3 + 16


def test_a_period_beyond_the_choices_offered_is_shown_by_its_name(officer_client):
    page = html(officer_client.get("/territoire/?periode=2019-05"))
    assert "Mai 2019" in page.select_one("table.figures caption").get_text()
    assert page.select_one("#periode option[selected]")["value"] == "2019-05"


def test_an_old_link_to_a_rolling_period_leads_to_the_same_months_ending_now(officer_client):
    """Only the rolling periods ending this month are kept: an older one is not counted from the
    raw tables at each request, the link leads to the current one and the page says so."""
    old, current = rolling_slugs(12)
    response = officer_client.get(f"/territoire/?territoire=departement-34&periode={old}")
    assert response.status_code == 302
    assert response.location == (f"/territoire/?territoire=departement-34&periode={current}"
                                 f"&depuis={old}")
    page = html(officer_client.get(response.location))
    notice = page.select_one("p.notice").get_text(" ", strip=True)
    assert notice.startswith("Le lien demandait : 12 mois jusqu'à")
    assert "Seules les périodes glissantes qui finissent ce mois-ci sont tenues à jour" in notice
    assert page.select_one("#periode option[selected]")["value"] == current
    csv_link = officer_client.get(f"/territoire/indicateurs.csv?periode={old}")
    assert csv_link.location == f"/territoire/indicateurs.csv?periode={current}&depuis={old}"


@pytest.mark.parametrize("asked", ["", "n'importe", "2026", "12m-2019-01x", "24m-2026-01"])
def test_a_notice_is_shown_only_for_the_rolling_period_it_replaced(officer_client, asked):
    _old, current = rolling_slugs(12)
    response = officer_client.get(f"/territoire/?periode={current}&depuis={asked}")
    assert response.status_code == 200
    assert html(response).select_one("p.notice") is None
