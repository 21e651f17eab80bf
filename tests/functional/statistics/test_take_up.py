"""Take-up by age: the beneficiaries of each age over the territory's cohort, estimated from the
shipped populations or uploaded by the officer (docs/domain/7-territories.md, "Take-up by age").

The clock is frozen at 11 March 2026; ages are counted on the last day of the period, or today
when it is not over. Baillargues (34022) has 7,829 inhabitants in the shipped populations.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from models.db import utcnow
from models.statistics.cohorts import CohortUpload
from models.statistics.dashboard import build_dashboard
from models.statistics.figures import Reason
from models.statistics.indicators import Selection
from models.statistics.noise import KEY_RANGE, noise
from models.statistics.periods import Period
from models.statistics.scopes import Level, Scope
from models.statistics.take_up import (
    beneficiaries_by_age,
    birth_bound,
    estimated_cohort,
    population_of,
)
from models.statistics.take_up_aggregates import (
    TakeUpDay,
    count_by_age_for,
    due_days,
    kept_by_age,
    refresh_take_up,
)
from models.territories.models import LocalGovernmentMandate, MandateStatus, TerritoryKind
from tests import factories
from tests.functional.statistics.statistics_data import BAILLARGUES, BEZIERS, resident
from tests.helpers import counted_queries, csrf_token, html, login

BAILLARGUES_SCOPE = Scope(Level.COMMUNE, BAILLARGUES)
BAILLARGUES_PEOPLE = 7829
DASHBOARD = "/territoire/?periode=2026-03"
COHORTS = "/territoire/effectifs/"
# 11 March 2026, the frozen today: the period of March is not over.
TODAY = dt.date(2026, 3, 11)
EIGHTEEN = 22


def quiet_key(count: int) -> int:
    """A cell key whose noise is 0 for `count`, so that the published count is the true one."""
    return next(key for key in range(KEY_RANGE) if noise(count, key) == 0)


def born_aged(age: int) -> dt.date:
    """A date of birth giving `age` today, the birthday some months ago."""
    return dt.date(TODAY.year - age, 1, 15)


@pytest.fixture
def eighteens(db_session):
    """22 credited 18-year-olds of Baillargues whose keys give no noise; beside them people
    the take-up must not count: too old, without credit, living elsewhere."""
    keys = [1] * (EIGHTEEN - 1)
    keys.append(quiet_key(EIGHTEEN) - sum(keys) % KEY_RANGE + KEY_RANGE)
    for index, key in enumerate(keys):
        resident(db_session, BAILLARGUES, key=key, date_of_birth=born_aged(18),
                 email=f"dix-huit{index}@exemple.fr")
    # Credited at 18, then found older: past the ages the take-up follows.
    resident(db_session, BAILLARGUES, date_of_birth=born_aged(18),
             email="vieux@exemple.fr").date_of_birth = born_aged(23)
    resident(db_session, BAILLARGUES, credit=False, date_of_birth=born_aged(18),
             email="sans-credit@exemple.fr")
    resident(db_session, BEZIERS, date_of_birth=born_aged(18), email="biterrois@exemple.fr")
    db_session.commit()


def sign_in_officer(client, db_session, code: str = BAILLARGUES, **fields):
    kind = TerritoryKind.COMMUNE if len(code) == 5 else TerritoryKind.DEPARTEMENT
    officer = factories.territory_officer(db_session, territory_kind=kind, territory_code=code,
                                          **fields)
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)
    return officer


@pytest.fixture
def officer(client, db_session, eighteens):
    return sign_in_officer(client, db_session)


def sign_out(client):
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get(COHORTS))})


def upload(client, content: bytes, filename: str = "effectifs.csv"):
    token = csrf_token(client.get(COHORTS))
    return client.post(COHORTS, data={"csrf_token": token,
                                      "file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


def rate_cells(page) -> dict[tuple[str, str], str]:
    return {(cell["data-indicator"], cell["data-scope"]): cell.get_text(" ", strip=True)
            for cell in page.select("td[data-indicator^='taux_recours']")}


def detail_row(page, age: int) -> list[str]:
    row = page.select_one(f"#take-up-detail-caption ~ tbody tr[data-age='{age}']")
    return [cell.get_text(" ", strip=True) for cell in row.select("td")]


def uploads(db_session) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(CohortUpload))


# The cohort estimate


def test_the_population_of_a_scope_is_the_sum_of_its_shipped_communes(db_session):
    assert population_of(db_session, BAILLARGUES_SCOPE) == BAILLARGUES_PEOPLE


def test_the_estimated_cohort_is_the_population_times_the_national_share_of_the_age():
    assert estimated_cohort(BAILLARGUES_PEOPLE, 18) == 97  # 7,829 × 1.237 % = 96.8
    assert estimated_cohort(BAILLARGUES_PEOPLE, 20) == 88  # 7,829 × 1.119 % = 87.6
    assert estimated_cohort(0, 17) == 0


# Who is counted


def test_someone_born_on_29_february_turns_a_year_older_on_1_march():
    assert birth_bound(dt.date(2026, 2, 28), 18) == dt.date(2008, 2, 28)
    assert birth_bound(dt.date(2028, 2, 29), 18) == dt.date(2010, 2, 28)


def test_beneficiaries_are_counted_at_their_age_on_the_last_day_of_the_period(db_session):
    birthday_in_march = dt.date(2008, 3, 20)
    resident(db_session, BAILLARGUES, key=5, date_of_birth=birthday_in_march,
             email="a@exemple.fr")
    resident(db_session, BAILLARGUES, key=7, date_of_birth=dt.date(2009, 1, 2),
             email="b@exemple.fr")
    db_session.commit()
    march = Selection(BAILLARGUES_SCOPE, Period.month(2026, 3))
    counts, population = beneficiaries_by_age(db_session, march, utcnow())
    assert population == BAILLARGUES_PEOPLE
    assert (counts[17].count, counts[17].key_sum) == (2, 12)
    after_march = dt.datetime(2026, 4, 2, 12, tzinfo=dt.UTC)
    counts, _ = beneficiaries_by_age(db_session, march, after_march)
    assert (counts[17].count, counts[18].count) == (1, 1)
    assert counts[18].key_sum == 5


def test_only_residents_credited_by_the_end_of_the_period_are_counted(db_session, eighteens):
    march = Selection(BAILLARGUES_SCOPE, Period.month(2026, 3))
    counts, _ = beneficiaries_by_age(db_session, march, utcnow())
    assert counts[18].count == EIGHTEEN
    assert sum(each.count for each in counts.values()) == EIGHTEEN
    counts, _ = beneficiaries_by_age(
        db_session, Selection(BAILLARGUES_SCOPE, Period.year(2025)), utcnow())
    assert sum(each.count for each in counts.values()) == 0


# The dashboard


def test_the_dashboard_shows_the_take_up_of_each_age_beside_the_departement(officer, client):
    page = html(client.get(DASHBOARD))
    rates = rate_cells(page)
    assert rates["taux_recours.18", "commune-34022"] == "22,7 %"  # 22 ÷ 97
    assert rates["taux_recours.17", "commune-34022"] == "0,0 %"
    assert {scope for _, scope in rates} == {"commune-34022", "departement-34", "region-76",
                                             "pays-FR"}
    assert detail_row(page, 18) == ["22", "97", "Estimation", "22,7 %"]


def test_the_take_up_has_a_chart_whose_figures_are_in_the_table_that_follows(officer, client):
    page = html(client.get(DASHBOARD))
    section = page.find("h2", string="Taux de recours par âge").find_parent("section")
    chart = section.select_one("figure.bar-chart svg[role=img]")
    assert len(chart.select("rect.bar")) == 6
    assert section.select_one("table.figures thead th").get_text(strip=True) == "Âge"
    assert [row.th.get_text(strip=True) for row in section.select("table.figures")[0].select(
        "tbody tr")] == ["15 ans", "16 ans", "17 ans", "18 ans", "19 ans", "20 ans"]


def test_the_method_is_written_on_the_page(officer, client):
    page = html(client.get(DASHBOARD))
    method = page.find(id="take-up-method").find_next("p").find_next("p").get_text()
    assert "population" in method and "1,237 %" in method and "Insee" in method


def test_a_rate_is_secret_under_a_cohort_of_20(officer, client, db_session):
    assert upload(client, b"age;effectif\n18;19\n").status_code == 303
    page = html(client.get(DASHBOARD))
    assert rate_cells(page)["taux_recours.18", "commune-34022"] == Reason.SMALL_DENOMINATOR
    assert detail_row(page, 18)[:2] == ["22", "19"]


def test_the_csv_has_the_rates_with_their_numerator_and_denominator(officer, client):
    response = client.get("/territoire/indicateurs.csv?periode=2026-03")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    line = next(row for row in rows if row["indicateur"] == "taux_recours.18"
                and row["code_territoire"] == BAILLARGUES)
    assert (line["numerateur"], line["denominateur"], line["valeur"], line["statut"]) == (
        "22", "97", "22.7", "publie")
    assert {row["niveau"] for row in rows if row["indicateur"] == "taux_recours.18"} == {
        "commune", "departement", "region", "pays"}


# Uploaded figures


def test_uploaded_figures_replace_the_estimate_and_the_page_says_since_when(officer, client):
    response = upload(client, "âge;année;effectif\n18;2026;44\n18;;50\n17;;60\n".encode())
    assert response.status_code == 303
    page = html(client.get(DASHBOARD))
    assert detail_row(page, 18) == ["22", "44", "Chiffre fourni par la collectivité", "50,0 %"]
    assert detail_row(page, 20)[1:3] == ["88", "Estimation"]
    source = page.select_one(".take-up-source").get_text(" ", strip=True)
    assert "chiffres fournis par la collectivité le 11 mars 2026" in source
    last_year = html(client.get("/territoire/?periode=2025"))
    assert detail_row(last_year, 18)[1] == "50"


def test_uploaded_figures_leave_the_compared_territories_on_the_estimate(officer, client,
                                                                          db_session):
    upload(client, b"age;effectif\n18;44\n")
    csv_text = client.get("/territoire/indicateurs.csv?periode=2026-03").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    herault = next(row for row in rows if row["indicateur"] == "taux_recours.18"
                   and row["niveau"] == "departement")
    assert herault["denominateur"] == str(estimated_cohort(1230289, 18))
    other = factories.territory_officer(db_session, email="herault@exemple.fr")
    db_session.commit()
    sign_out(client)
    login(client, other.email, factories.PASSWORD)
    page = html(client.get("/territoire/?periode=2026-03"))
    assert page.select_one(".take-up-source") is None


def test_the_figures_can_be_removed_to_go_back_to_the_estimate(officer, client, db_session):
    upload(client, b"age;effectif\n18;44\n")
    token = csrf_token(client.get(COHORTS))
    response = client.post(COHORTS + "supprimer", data={"csrf_token": token})
    assert response.status_code == 303 and uploads(db_session) == 0
    assert detail_row(html(client.get(DASHBOARD)), 18)[1:3] == ["97", "Estimation"]


def test_a_new_file_replaces_the_previous_one_whole(officer, client, db_session):
    upload(client, b"age;effectif\n18;44\n17;60\n")
    upload(client, b"age;effectif\n18;45\n")
    page = html(client.get(COHORTS))
    assert [row["data-age"] for row in page.select("#uploaded-caption ~ tbody tr")] == ["18"]
    assert uploads(db_session) == 1


def test_the_model_file_has_the_header_and_one_line_per_age(officer, client):
    response = client.get(COHORTS + "modele.csv")
    assert response.mimetype == "text/csv"
    lines = response.get_data().decode("utf-8-sig").splitlines()
    assert lines[0] == "age;annee;effectif"
    assert [line.split(";")[0] for line in lines[1:]] == ["15", "16", "17", "18", "19", "20"]


BAD_LINES = [
    (b"age;effectif\n18;40\n25;30\n", "Ligne 3 : âge 25 inconnu"),
    (b"age;effectif\ndix-huit;40\n", "Ligne 2 : l'âge « dix-huit » n'est pas un nombre entier."),
    (b"age;effectif\n18;quarante\n",
     "Ligne 2 : l'effectif « quarante » n'est pas un nombre entier."),
    (b"age;effectif\n18;-4\n", "Ligne 2 : l'effectif ne peut pas être négatif (-4)."),
    (b"age;effectif\n18;40\n17;30\n18;41\n",
     "Ligne 4 : l'âge 18 figure déjà ligne 2 pour la même année."),
    (b"age;effectif\n18;\n", "Ligne 2 : effectif manquant."),
    (b"age;annee;effectif\n18;1990;40\n", "Ligne 2 : l'année « 1990 » n'est pas une année"),
    (b"age;effectif\n18;40\n\n17;30\n", "Ligne 3 : ligne vide."),
]


@pytest.mark.parametrize(("content", "message"), BAD_LINES)
def test_a_bad_line_is_named_and_nothing_is_saved(officer, client, db_session, content,
                                                  message):
    response = upload(client, content)
    assert response.status_code == 422
    page = html(response)
    refused = [item.get_text(" ", strip=True) for item in page.select(
        "#refused-title ~ ul li")]
    assert any(line.startswith(message) for line in refused), refused
    assert "rien n'a été enregistré" in page.select_one("#file-error").get_text()
    assert uploads(db_session) == 0


BAD_FILES = [
    (b"", "Le fichier est vide."),
    (b"\n\n", "Le fichier est vide."),
    (b"18;40\n17;30\n", "En-tête manquant"),
    (b"age|effectif\n18|40\n", "Séparateur non reconnu"),
    ("age;effectif\n18;40\n".encode("utf-16")[:-1], "Ce fichier n'est pas un fichier texte"),
    (b"PK\x03\x04rest-of-a-workbook", "classeur Excel"),
    (b"age;effectif\n" + b"18;40\n" * 12000, "Le fichier dépasse 64 Ko"),
    (b"age;effectif\n", "aucune ligne"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_file_that_cannot_be_read_says_why(officer, client, db_session, content, message):
    response = upload(client, content)
    assert response.status_code == 422
    assert message in html(response).select_one("#file-error").get_text()
    assert uploads(db_session) == 0


def test_a_windows_file_with_an_accented_header_is_read(officer, client, db_session):
    assert upload(client, "âge;année;effectif\r\n18;;44\r\n".encode("cp1252")).status_code == 303


def test_a_utf16_file_as_spreadsheets_save_unicode_text_is_read(officer, client, db_session):
    assert upload(client, "âge\teffectif\r\n18\t44\r\n".encode("utf-16")).status_code == 303
    assert uploads(db_session) == 1


def test_a_bad_file_keeps_the_figures_already_there(officer, client, db_session):
    upload(client, b"age;effectif\n18;44\n")
    assert upload(client, b"age;effectif\n18;-1\n").status_code == 422
    assert detail_row(html(client.get(DASHBOARD)), 18)[1] == "44"


def test_no_file_chosen_is_told_beside_the_field(officer, client):
    token = csrf_token(client.get(COHORTS))
    response = client.post(COHORTS, data={"csrf_token": token},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choisis le fichier CSV" in html(response).select_one("#file-error").get_text()


# Who may


def test_an_officer_waiting_for_validation_may_neither_read_nor_upload(client, db_session):
    officer = factories.territory_officer(db_session, territory_kind=TerritoryKind.COMMUNE,
                                          territory_code=BAILLARGUES)
    mandate = db_session.scalars(select(LocalGovernmentMandate).where(
        LocalGovernmentMandate.user_id == officer.id)).one()
    mandate.status = MandateStatus.PENDING
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)
    assert client.get(COHORTS).status_code == 403
    token = csrf_token(client.get("/", follow_redirects=True))
    assert client.post(COHORTS, data={"csrf_token": token,
                                      "file": (io.BytesIO(b"age;effectif\n18;44\n"), "e.csv")},
                       content_type="multipart/form-data").status_code == 403
    assert client.post(COHORTS + "supprimer", data={"csrf_token": token}).status_code == 403
    assert client.get(COHORTS + "modele.csv").status_code == 403
    assert uploads(db_session) == 0


def test_a_young_person_may_not_open_the_cohorts(client, db_session):
    person = factories.young(db_session, email="jeune@exemple.fr")
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    assert client.get(COHORTS).status_code in (403, 404)
    assert client.post(COHORTS, data={}).status_code in (400, 403, 404)


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(COHORTS)
    assert response.status_code in (302, 303) and "connexion" in response.headers["Location"]


def test_the_figures_of_one_territory_never_reach_another_officer(client, db_session,
                                                                 eighteens):
    sign_in_officer(client, db_session, BEZIERS, email="beziers@exemple.fr")
    upload(client, b"age;effectif\n18;44\n")
    sign_out(client)
    sign_in_officer(client, db_session, email="baillargues@exemple.fr")
    page = html(client.get(DASHBOARD))
    assert detail_row(page, 18)[1:3] == ["97", "Estimation"]
    assert html(client.get(COHORTS)).select_one("#uploaded-caption") is None


def test_the_open_data_page_keeps_the_estimate(officer, client, db_session):
    sign_in_officer(client, db_session, "34", email="herault-open@exemple.fr")
    upload(client, b"age;effectif\n18;44\n")
    sign_out(client)
    page = html(client.get("/donnees/departement/34?periode=2026-03"))
    assert page.select_one(".take-up-source") is None
    assert page.find("h2", string="Taux de recours par âge") is not None
    assert page.find(id="take-up-method") is not None
    assert detail_row(page, 18)[1:3] == [f"{estimated_cohort(1230289, 18):,}".replace(
        ",", "\u202f"), "Estimation"]


def test_reading_the_pages_never_writes(officer, client, app):
    upload(client, b"age;effectif\n18;44\n")
    for path in (DASHBOARD, COHORTS, COHORTS + "modele.csv",
                 "/territoire/indicateurs.csv?periode=2026-03"):
        with counted_queries(app) as statements:
            assert client.get(path).status_code == 200
        assert not [each for each in statements
                    if each.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_the_peers_get_their_take_up_beside_the_departement(client, db_session, eighteens):
    sign_in_officer(client, db_session, "34", email="herault-peers@exemple.fr")
    page = html(client.get("/territoire/?periode=2026-03&pairs=auto"))
    scopes = {scope for _, scope in rate_cells(page)}
    assert len(scopes) == 3 + 3 and "departement-34" in scopes
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/territoire/indicateurs.csv?periode=2026-03&pairs=auto").get_data(
        as_text=True).lstrip("\ufeff"))))
    assert {row["code_territoire"] for row in rows
            if row["indicateur"] == "taux_recours.18"} == {scope.split("-")[1]
                                                           for scope in scopes}


# The numerators kept by the statistics_take_up job


def test_the_kept_numerators_give_the_figures_counted_from_the_people(db_session, eighteens):
    now = utcnow()
    refresh_take_up(db_session, now)
    db_session.commit()
    for period in (Period.month(2026, 3), Period.year(2026), Period.rolling(12, 2026, 2)):
        assert count_by_age_for(db_session, period, now) is kept_by_age
        kept = build_dashboard(db_session, BAILLARGUES_SCOPE, period, now)
        raw = build_dashboard(db_session, BAILLARGUES_SCOPE, period, now, raw=True)
        assert kept.take_up == raw.take_up
    march = kept_by_age(db_session, Selection(BAILLARGUES_SCOPE, Period.month(2026, 3)), now)
    assert march[0][18].count == EIGHTEEN and march[1] == BAILLARGUES_PEOPLE


def test_numerators_counted_before_a_period_ended_are_not_read_for_it(db_session, eighteens):
    march_31 = dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC)
    refresh_take_up(db_session, march_31)
    db_session.commit()
    after = dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)
    march = Period.month(2026, 3)
    assert count_by_age_for(db_session, march, march_31) is kept_by_age
    assert count_by_age_for(db_session, march, after) is beneficiaries_by_age
    assert count_by_age_for(db_session, Period.month(2026, 4), after) is beneficiaries_by_age
    refresh_take_up(db_session, after)
    assert count_by_age_for(db_session, march, after) is kept_by_age
    assert count_by_age_for(db_session, Period.month(2026, 4), after) is kept_by_age


def test_a_run_counts_today_and_the_last_days_of_the_previous_periods_until_kept(db_session):
    now = utcnow()
    first = due_days(db_session, now)
    assert [day for day, _ in first] == [dt.date(2026, 3, 11), dt.date(2026, 2, 28),
                                         dt.date(2025, 12, 31)]
    assert first[1][1] == dt.datetime(2026, 2, 28, 23, tzinfo=dt.UTC)
    assert refresh_take_up(db_session, now) == 3
    assert due_days(db_session, now) == [(dt.date(2026, 3, 11), now)]


def test_the_days_no_period_reads_are_dropped(db_session):
    refresh_take_up(db_session, dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC))
    refresh_take_up(db_session, utcnow())
    kept = db_session.scalars(select(TakeUpDay.day).order_by(TakeUpDay.day)).all()
    assert kept == [dt.date(2025, 12, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 11)]
