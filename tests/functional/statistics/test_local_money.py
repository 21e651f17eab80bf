"""Money that stays local: the two shares and the flow tables on the officer's page and in its
CSV, on a small data set whose answers are worked out by hand (docs/domain/local-money.md)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from models.bookings.models import BookingStatus
from models.statistics.figures import Reason
from models.statistics.local_money import local_money
from models.statistics.periods import Period
from models.statistics.scopes import COUNTRY, Level, Scope
from models.territories.models import TerritoryKind
from tests import factories
from tests.functional.pro.bookings_data import add_booking
from tests.functional.statistics.statistics_data import (
    BEZIERS,
    MONTPELLIER,
    PARIS_COMMUNE,
    paris_time,
    resident,
    rolling_slugs,
)
from tests.helpers import html, login

PATH = "/territoire/argent-local"
QUARTER = "periode=2026-T1"
NIMES = "30189"
MARSEILLE = "13055"
IN_QUARTER = paris_time(2026, 2, 10)


def spend(session, person, structure, commune: str, cents: int, *, online: bool = False,
          booked_at=IN_QUARTER, status: BookingStatus = BookingStatus.CONFIRMED):
    """A booking of `cents` by `person` at a venue of `structure` in `commune` (an online
    offer, with an access link, when `online`)."""
    venue = factories.venue(session, structure=structure, commune_code=commune)
    offer = factories.offer(session, venue=venue,
                            subcategory_id="LIVRE_NUMERIQUE" if online else "LIVRE_PAPIER",
                            url="https://lire.exemple.fr/livre" if online else None)
    stock = factories.stock(session, offer=offer, price_cents=cents, quantity=None)
    return add_booking(session, stock, person=person, booked_at=booked_at, status=status)


@pytest.fixture
def data(db_session):
    """What the Hérault's residents spent in the first quarter of 2026, and where:

    - 200 € at 5 partners of the Hérault (40 € each: 4 bookings of 10 €), 3 in Montpellier
      and 2 in Béziers;
    - 40 € at 4 partners of the Gard (10 € each);
    - 30 € at a single partner of the Bouches-du-Rhône: secret, pooled as "elsewhere";
    - 20 € online at 4 partners (5 € each).
    Total 290 €, of which 200 € in the territory: 69.0 %.

    And at the Hérault's venues, beside the residents' 200 €: 40 € from 4 residents of the Gard
    (10 € at each of 4 local partners) and 60 € from one Parisian (secret, pooled): 300 €,
    of which 200 € from residents: 66.7 %.

    Not counted: a cancelled booking, one made after the quarter.
    """
    local = [factories.structure(db_session) for _ in range(5)]
    gard = [factories.structure(db_session, commune_code=NIMES) for _ in range(4)]
    marseille = factories.structure(db_session, commune_code=MARSEILLE)
    online = [factories.structure(db_session) for _ in range(4)]
    people = [resident(db_session, MONTPELLIER if index % 2 else BEZIERS) for index in range(4)]
    for index, structure in enumerate(local):
        for person in people:
            spend(db_session, person, structure, MONTPELLIER if index < 3 else BEZIERS, 1000)
    for person, structure in zip(people, gard, strict=True):
        spend(db_session, person, structure, NIMES, 1000)
    spend(db_session, people[0], marseille, MARSEILLE, 3000)
    for person, structure in zip(people, online, strict=True):
        spend(db_session, person, structure, MONTPELLIER, 500, online=True)
    for structure in local[:4]:
        spend(db_session, resident(db_session, NIMES), structure, MONTPELLIER, 1000)
    spend(db_session, resident(db_session, PARIS_COMMUNE), local[0], MONTPELLIER, 6000)
    spend(db_session, people[1], local[1], MONTPELLIER, 9900, status=BookingStatus.CANCELLED)
    spend(db_session, people[2], local[2], MONTPELLIER, 9900,
          booked_at=paris_time(2026, 4, 2))
    db_session.commit()


@pytest.fixture
def officer(client, db_session, data):
    person = factories.territory_officer(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    return client


def table(page, caption_id: str) -> dict[str, str]:
    rows = page.find("caption", id=caption_id).find_parent("table").select("tr")
    return {row.th.get_text(" ", strip=True): row.td.get_text(" ", strip=True)
            for row in rows if row.td is not None}


def shares(page) -> dict[tuple[str, str], str]:
    return {(cell["data-indicator"], cell["data-scope"]): cell.get_text(" ", strip=True)
            for cell in page.select("td[data-scope]")}


def csv_rows(response) -> dict[tuple[str, str, str], dict[str, str]]:
    text = response.get_data(as_text=True).removeprefix("\ufeff")
    return {(row["niveau"], row["code_territoire"], row["indicateur"]): row
            for row in csv.DictReader(io.StringIO(text))}


def euros(text: str) -> str:
    return re.sub(r"[^\d,]", "", text)


def test_the_shares_of_money_that_stays_local(officer):
    page = html(officer.get(f"{PATH}?{QUARTER}"))
    assert "Hérault" in page.h1.get_text()
    shown = shares(page)
    assert shown["part_depenses_locales", "departement-34"] == "69,0 %"
    assert shown["part_recettes_locales", "departement-34"] == "66,7 %"
    rows = csv_rows(officer.get(f"{PATH}.csv?{QUARTER}"))
    spending = rows["departement", "34", "part_depenses_locales"]
    assert (spending["numerateur"], spending["denominateur"], spending["valeur"],
            spending["statut"]) == ("200.00", "290.00", "69.0", "publie")
    revenue = rows["departement", "34", "part_recettes_locales"]
    assert (revenue["numerateur"], revenue["denominateur"], revenue["valeur"]) == (
        "200.00", "300.00", "66.7")


def test_where_the_residents_money_goes_with_the_secret_flow_kept_secret(officer):
    flows = table(html(officer.get(f"{PATH}?{QUARTER}")), "outflows-caption")
    assert euros(flows["Dans le territoire"]) == "200,00"
    assert euros(flows["Gard (30)"]) == "40,00"
    # One partner in the Bouches-du-Rhône: pooled, secret, and never named.
    assert flows["Autres départements regroupés, ou lieu sans commune connue"] == (
        Reason.FEW_PARTNERS)
    assert not any("Bouches" in line for line in flows)
    # The smallest other line is hidden, so that the total does not give the pooled one away.
    assert flows["En ligne (offres numériques)"] == Reason.COMPLEMENT
    assert euros(flows["Total"]) == "290,00"

    rows = csv_rows(officer.get(f"{PATH}.csv?{QUARTER}"))
    pooled = rows["departement", "34", "flux_sortant.ailleurs"]
    assert (pooled["valeur"], pooled["statut"], pooled["raison"]) == (
        "", "secret", Reason.FEW_PARTNERS)
    assert rows["departement", "34", "flux_sortant.en_ligne"]["statut"] == "secret"
    assert not any("departement-13" in key[2] for key in rows)
    assert "30.00" not in {row["valeur"] for key, row in rows.items() if key[1] == "34"}


def test_where_the_money_spent_locally_comes_from(officer):
    flows = table(html(officer.get(f"{PATH}?{QUARTER}")), "inflows-caption")
    assert euros(flows["Jeunes habitant le territoire"]) == "200,00"
    assert flows["Jeunes d'autres départements regroupés"] == Reason.FEW_PARTNERS
    assert flows["Gard (30)"] == Reason.COMPLEMENT
    assert euros(flows["Total"]) == "300,00"


def test_the_page_and_the_csv_agree(officer):
    page = html(officer.get(f"{PATH}?{QUARTER}"))
    rows = csv_rows(officer.get(f"{PATH}.csv?{QUARTER}"))
    shown = {("departement", "34", f"flux_sortant.{cell['data-indicator']}"):
             cell.get_text(" ", strip=True)
             for cell in page.find("caption", id="outflows-caption").find_parent(
                 "table").select("td")}
    shown |= {("departement", "34", f"flux_entrant.{cell['data-indicator']}"):
              cell.get_text(" ", strip=True)
              for cell in page.find("caption", id="inflows-caption").find_parent(
                  "table").select("td")}
    shown |= {(scope.split("-")[0], scope.split("-", 1)[1], code): text
              for (code, scope), text in shares(page).items()}
    assert set(shown) == set(rows)
    for key, text in shown.items():
        row = rows[key]
        if row["statut"] == "secret":
            assert text == row["raison"]
        else:
            assert re.sub(r"\D", "", text) == re.sub(r"\D", "", row["valeur"]), key


def test_a_commune_reads_the_rest_of_its_departement_as_a_line(client, db_session, data):
    montpellier = resident(db_session, MONTPELLIER)
    for _ in range(4):
        spend(db_session, montpellier, factories.structure(db_session), BEZIERS, 1000)
    person = factories.territory_officer(db_session, territory_kind=TerritoryKind.COMMUNE,
                                         territory_code=MONTPELLIER)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    page = html(client.get(f"{PATH}?{QUARTER}"))
    flows = table(page, "outflows-caption")
    # Montpellier's residents spent 60 € at the 3 partners of Montpellier: too few partners.
    assert flows["Dans le territoire"] == Reason.FEW_PARTNERS
    # And 40 € at the 2 partners of Béziers seen above, 40 € at 4 more: 80 € at 6 partners in
    # the rest of the Hérault.
    assert euros(flows["Hérault (34)"]) == "80,00"
    # 20 € in the Gard at 2 partners, 10 € online at 2: both secret.
    assert flows["Autres départements regroupés, ou lieu sans commune connue"] == (
        Reason.FEW_PARTNERS)
    assert flows["En ligne (offres numériques)"] == Reason.FEW_PARTNERS
    assert euros(flows["Total"]) == "170,00"
    assert [th.get_text(strip=True) for th in page.find(
        "caption", id="shares-caption").find_parent("table").select("thead th")] == [
        "Indicateur", "Montpellier", "Hérault", "Occitanie", "France"]
    assert shares(page)["part_depenses_locales", "commune-34172"] == Reason.SECRET_PART


def test_the_period_and_the_territory_come_from_the_url(officer):
    assert officer.get(f"{PATH}?periode=2026-13").status_code == 404
    assert officer.get(f"{PATH}?territoire=departement-30").status_code == 404
    assert officer.get(f"{PATH}.csv?territoire=commune-34172").status_code == 404
    response = officer.get(f"{PATH}.csv?territoire=pays-FR&{QUARTER}")
    assert response.status_code == 200
    assert 'filename="argent-local-pays-FR-2026-T1.csv"' in response.headers[
        "Content-Disposition"]
    # Outside the quarter, nothing was spent: nothing to hide, and no share to compute.
    empty = shares(html(officer.get(f"{PATH}?periode=2025")))
    assert empty["part_depenses_locales", "departement-34"] == (
        Reason.SMALL_DENOMINATOR)


def test_only_officers_read_it(client, db_session):
    young = factories.young(db_session)
    db_session.commit()
    login(client, young.email, factories.PASSWORD)
    assert client.get(PATH).status_code in (403, 404)


@pytest.mark.parametrize("scope", [Scope(Level.DEPARTEMENT, "34"), Scope(Level.DEPARTEMENT, "30"),
                                   Scope(Level.REGION, "76"), COUNTRY])
def test_one_reading_for_every_departement_gives_each_scope_its_own_figures(db_session, data,
                                                                            scope):
    period = Period.quarter(2026, 1)
    shared = list(local_money(db_session, scope, period).cells())
    own = list(local_money(db_session, scope, period, raw=True).cells())
    assert shared == own
    assert any(not figure.is_secret and figure.value for _, _, figure, _ in shared)


def test_money_hidden_in_one_table_is_hidden_in_the_other(client, db_session):
    """The residents' money spent in the territory is a line of both tables: 40 € at 4 local
    partners, beside 200 € at 5 partners of the Gard and 30 € at a single one of the
    Bouches-du-Rhône (secret). The outflow table hides the 40 € so that 270 € minus the other
    lines does not give the 30 € away; the inflow table, where 40 € would be published on its
    own rules, must hide it too, and then its total, which is nothing else."""
    people = [resident(db_session, MONTPELLIER) for _ in range(5)]
    for person in people[:4]:
        spend(db_session, person, factories.structure(db_session), MONTPELLIER, 1000)
    for person in people:
        spend(db_session, person, factories.structure(db_session, commune_code=NIMES), NIMES,
              4000)
    spend(db_session, people[0], factories.structure(db_session), MARSEILLE, 3000)
    officer = factories.territory_officer(db_session)
    db_session.commit()
    login(client, officer.email, factories.PASSWORD)

    page = html(client.get(f"{PATH}?{QUARTER}"))
    outflows = table(page, "outflows-caption")
    assert outflows["Dans le territoire"] == Reason.COMPLEMENT
    assert euros(outflows["Gard (30)"]) == "200,00"
    assert euros(outflows["Total"]) == "270,00"
    inflows = table(page, "inflows-caption")
    assert inflows["Jeunes habitant le territoire"] == Reason.COMPLEMENT
    assert inflows["Total"] == Reason.COMPLEMENT
    assert shares(page)["part_recettes_locales", "departement-34"] == Reason.SECRET_PART
    assert shares(page)["part_depenses_locales", "departement-34"] == Reason.SECRET_PART
    rows = csv_rows(client.get(f"{PATH}.csv?{QUARTER}"))
    assert {row["valeur"] for key, row in rows.items() if key[1] == "34"} >= {"200.00", "270.00"}
    assert "40.00" not in {row["valeur"] for key, row in rows.items() if key[1] == "34"}
    assert "40.00" not in {row["numerateur"] for key, row in rows.items() if key[1] == "34"}


def test_an_old_link_to_a_rolling_period_leads_to_the_current_one(officer):
    old, current = rolling_slugs(12)
    response = officer.get(f"{PATH}?periode={old}")
    assert response.location == f"{PATH}?periode={current}&depuis={old}"
    assert html(officer.get(response.location)).select_one("p.notice") is not None
