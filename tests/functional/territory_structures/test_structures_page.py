"""The territory's structures: officers list SIRENs, read each one's status, invite those not yet
partners, download the list; nobody else reads or changes it."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from models.emails.models import OutboundEmail
from models.offerers.models import StructureStatus
from models.offerers.validation import with_luhn_digit
from models.partnership_candidates.models import ListedStructure, PartnershipInvitation
from models.territories.models import TerritoryKind
from tests import factories
from tests.helpers import counted_queries, csrf_token, html, login

PATH = "/territoire/structures"
UNKNOWN = with_luhn_digit("31415926")
UNKNOWN_2 = with_luhn_digit("27182818")
WRITES = ("INSERT", "UPDATE", "DELETE")


def sign_in(client, person):
    login(client, person.email, factories.PASSWORD)
    return client


@pytest.fixture
def officer(db_session):
    person = factories.territory_officer(db_session, first_name="Claire", last_name="Vidal")
    db_session.commit()
    return person


@pytest.fixture
def officer_client(client, officer):
    return sign_in(client, officer)


def add(client, typed: str = "", file: tuple[bytes, str] | None = None):
    data = {"csrf_token": csrf_token(client.get(PATH)), "sirens": typed}
    if file is not None:
        data["file"] = (io.BytesIO(file[0]), file[1])
    return client.post(PATH, data=data, content_type="multipart/form-data")


def invite(client, siren: str):
    return client.post(f"{PATH}/inviter", data={"csrf_token": csrf_token(client.get(PATH)),
                                                "siren": siren})


def remove(client, siren: str, query: str = ""):
    return client.post(f"{PATH}/retirer{query}",
                       data={"csrf_token": csrf_token(client.get(PATH)), "siren": siren})


def rows(response) -> dict[str, dict[str, str]]:
    """The list's table, by SIREN: the status and the offers column as shown."""
    table = html(response).find("caption", id="structures-caption").find_parent("table")
    for hidden in table.select("[aria-hidden=true]"):
        hidden.decompose()
    found = {}
    for line in table.find("tbody").find_all("tr"):
        cells = line.find_all("td")
        found[cells[0].get_text(strip=True)] = {
            "name": line.find("th").get_text(strip=True), "status": cells[1]["data-status"],
            "offers": cells[2].get_text(strip=True),
            "invitation": cells[3].get_text(" ", strip=True),
        }
    return found


def said(response) -> str:
    """What the page says, as read: entities decoded, spaces collapsed."""
    return " ".join(html(response).get_text(" ").split())


def errors(response) -> list[str]:
    return [item.get_text(strip=True) for item in html(response).select(".field-error li")]


def listed_count(session) -> int:
    session.commit()
    return session.scalar(select(func.count()).select_from(ListedStructure))


def partner_with_offers(session, offers: int, **fields):
    structure = factories.structure(session, **fields)
    place = factories.venue(session, structure=structure)
    for _ in range(offers):
        factories.stock(session, offer=factories.offer(session, venue=place))
    return structure


def test_typed_sirens_are_listed_with_each_status_and_the_partners_bookable_offers(
        officer_client, db_session):
    partner = partner_with_offers(db_session, 2, name="Théâtre des Treize Vents")
    unbookable = factories.offer(db_session, venue=partner.venues[0])  # no stock: not bookable
    assert unbookable.id
    pending = factories.structure(db_session, status=StructureStatus.PENDING, name="Cinéma Nestor")
    rejected = factories.structure(db_session, status=StructureStatus.REJECTED, name="Refusée")
    db_session.commit()

    response = add(officer_client, f"{partner.siren}\n{pending.siren}, {rejected.siren} {UNKNOWN}")
    assert response.status_code == 303
    listed = rows(officer_client.get(PATH))
    assert listed[partner.siren] == {"name": "Théâtre des Treize Vents", "status": "partenaire",
                                     "offers": "2", "invitation": "sans objet"}
    assert listed[pending.siren]["status"] == "en_attente"
    assert listed[pending.siren]["offers"] == "sans objet"
    assert listed[rejected.siren]["status"] == "non_partenaire"
    assert listed[UNKNOWN] | {"invitation": ""} == {
        "name": "Nom inconnu", "status": "non_partenaire", "offers": "sans objet",
        "invitation": ""}


def test_a_pending_structure_has_no_bookable_offers_until_validated(officer_client, db_session):
    waiting = partner_with_offers(db_session, 1, status=StructureStatus.PENDING)
    db_session.commit()
    add(officer_client, waiting.siren)
    assert rows(officer_client.get(PATH))[waiting.siren]["status"] == "en_attente"
    waiting.status = StructureStatus.VALIDATED
    db_session.commit()
    assert rows(officer_client.get(PATH))[waiting.siren] | {"invitation": ""} == {
        "name": waiting.name, "status": "partenaire", "offers": "1", "invitation": ""}


def test_one_bad_siren_refuses_the_whole_submission_and_keeps_what_was_typed(
        officer_client, db_session):
    typed = f"{UNKNOWN}\n12345678\nMJC"
    response = add(officer_client, typed)
    assert response.status_code == 422
    assert errors(response) == [
        "Ligne 2 : 12345678 compte 8 chiffres, un SIREN en compte 9.",
        "Ligne 3 : « MJC » n'est pas un SIREN : un SIREN s'écrit avec 9 chiffres.",
    ]
    page = html(response)
    textarea = page.find("textarea", id="sirens")
    assert textarea.get_text() == typed
    assert textarea["aria-invalid"] == "true"
    assert "sirens-error" in textarea["aria-describedby"]
    assert page.find("h2", id="error-summary-title") is not None
    assert listed_count(db_session) == 0


def test_a_bad_checksum_is_told_as_a_misread_digit(officer_client, db_session):
    wrong = UNKNOWN[:-1] + str((int(UNKNOWN[-1]) + 1) % 10)
    response = add(officer_client, wrong)
    assert response.status_code == 422
    assert errors(response) == [f"Ligne 1 : le SIREN {wrong} n'existe pas, sa clé de contrôle "
                                "est fausse : un chiffre est sans doute mal recopié."]


def test_nothing_typed_nor_uploaded_is_refused_with_a_sentence(officer_client, db_session):
    response = add(officer_client, "   \n ")
    assert response.status_code == 422
    assert "Indique au moins un SIREN, ou choisis un fichier CSV." in said(response)


def test_a_csv_file_adds_names_and_addresses_and_its_bad_lines_are_told_on_the_file_field(
        officer_client, db_session):
    bad = add(officer_client, file=(f"siren;nom;email\n{UNKNOWN};MJC;mjc@\n".encode(), "a.csv"))
    assert bad.status_code == 422
    assert errors(bad) == ["Ligne 2 : « mjc@ » n'est pas une adresse e-mail valide, par exemple "
                           "contact@exemple.fr."]
    assert html(bad).find("input", id="file")["aria-invalid"] == "true"

    good = add(officer_client, file=(f"siren;nom;email\n{UNKNOWN};MJC de Lodève;mjc@lodeve.fr\n"
                                     .encode("utf-8-sig"), "a.csv"))
    assert good.status_code == 303
    listed = db_session.scalars(select(ListedStructure)).one()
    assert (listed.siren, listed.name, listed.email) == (UNKNOWN, "MJC de Lodève", "mjc@lodeve.fr")


def test_a_workbook_uploaded_instead_of_a_csv_is_refused(officer_client, db_session):
    response = add(officer_client, file=(b"PK\x03\x04xlsx", "liste.xlsx"))
    assert response.status_code == 422
    assert errors(response)[0].startswith("Ce fichier est un classeur Excel")


def test_a_siren_listed_again_keeps_one_row_and_takes_the_new_address(officer_client, db_session):
    add(officer_client, UNKNOWN)
    response = add(officer_client, f"{UNKNOWN};MJC;mjc@lodeve.fr\n{UNKNOWN_2}")
    assert response.status_code == 303
    assert listed_count(db_session) == 2
    page = officer_client.get(PATH)
    assert "1 structure(s) ajoutée(s) à la liste, 1 mise(s) à jour, 0 déjà présente(s)." in \
        said(page)
    assert rows(page)[UNKNOWN]["name"] == "MJC"


def test_the_list_is_shared_by_the_officers_of_a_territory_and_no_other(
        client, officer, db_session):
    colleague = factories.territory_officer(db_session)
    elsewhere = factories.territory_officer(db_session, territory_kind=TerritoryKind.COMMUNE,
                                            territory_code="34172")
    db_session.commit()
    add(sign_in(client, officer), UNKNOWN)
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get(PATH))})
    assert UNKNOWN in rows(sign_in(client, colleague).get(PATH))
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get(PATH))})
    page = sign_in(client, elsewhere).get(PATH)
    assert UNKNOWN not in said(page)
    assert UNKNOWN not in client.get(f"{PATH}.csv").get_data(as_text=True)


@pytest.mark.parametrize("kind", ["young", "pro", "staff"])
def test_people_without_a_territory_mandate_are_refused(client, db_session, kind):
    person = {"young": factories.young, "pro": factories.pro, "staff": factories.staff}[kind](
        db_session)
    db_session.commit()
    sign_in(client, person)
    token = csrf_token(client.get("/notifications/"))
    for path in (PATH, f"{PATH}.csv", f"{PATH}/modele.csv"):
        assert client.get(path).status_code == 403, path
    for path in (PATH, f"{PATH}/inviter", f"{PATH}/retirer"):
        assert client.post(path, data={"csrf_token": token, "siren": UNKNOWN,
                                       "sirens": UNKNOWN}).status_code == 403, path
    assert listed_count(db_session) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(PATH).status_code == 302


def test_an_invitation_is_sent_with_the_signup_link_and_recorded(officer_client, db_session):
    add(officer_client, f"{UNKNOWN};MJC de Lodève;mjc@lodeve.fr")
    response = invite(officer_client, UNKNOWN)
    assert response.status_code == 303
    page = officer_client.get(PATH)
    assert "L'invitation est envoyée à mjc@lodeve.fr." in said(page)
    assert rows(page)[UNKNOWN]["invitation"].startswith("Invitée le 11 mars 2026 par Claire Vidal "
                                                        "(mjc@lodeve.fr).")
    mail = db_session.scalars(select(OutboundEmail)).one()
    assert mail.recipient == "mjc@lodeve.fr"
    assert mail.subject == "Hérault t'invite à proposer tes offres sur pass Culture"
    assert f"/pro/inscription?siren={UNKNOWN}" in mail.body_text
    assert "MJC de Lodève, SIREN" in mail.body_text and "Claire Vidal" in mail.body_text
    assert f'href="http://localhost/pro/inscription?siren={UNKNOWN}"' in mail.body_html
    sent = db_session.scalars(select(PartnershipInvitation)).one()
    assert (sent.sent_by.full_name, sent.email) == ("Claire Vidal", "mjc@lodeve.fr")


def test_a_second_invitation_within_30_days_is_refused_with_both_dates(
        officer_client, officer, db_session, frozen_clock):
    add(officer_client, f"{UNKNOWN};MJC;mjc@lodeve.fr")
    invite(officer_client, UNKNOWN)
    frozen_clock.shift(dt.timedelta(days=29))
    invite(officer_client, UNKNOWN)
    page = officer_client.get(PATH)
    assert ("Cette structure a déjà reçu une invitation le 11 mars 2026 : tu pourras l'inviter à "
            "nouveau à partir du 10 avril 2026.") in said(page)
    assert db_session.scalar(select(func.count()).select_from(OutboundEmail)) == 1
    assert "Nouvelle invitation possible à partir du 10 avril 2026." in rows(page)[UNKNOWN][
        "invitation"]

    frozen_clock.shift(dt.timedelta(days=2))
    # A month later the session has ended: the officer signs in again.
    invite(sign_in(officer_client, officer), UNKNOWN)
    db_session.commit()
    assert db_session.scalar(select(func.count()).select_from(PartnershipInvitation)) == 2


def test_another_territory_inviting_the_same_siren_waits_too(client, officer, db_session):
    elsewhere = factories.territory_officer(db_session, territory_kind=TerritoryKind.COMMUNE,
                                            territory_code="34172")
    db_session.commit()
    add(sign_in(client, officer), f"{UNKNOWN};MJC;mjc@lodeve.fr")
    invite(client, UNKNOWN)
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get(PATH))})
    sign_in(client, elsewhere)
    invite(client, UNKNOWN)
    assert "Cette structure n'est pas dans la liste de ton territoire." in said(client.get(PATH))
    add(client, f"{UNKNOWN};MJC;autre@lodeve.fr")
    invite(client, UNKNOWN)
    assert "Cette structure a déjà reçu une invitation le 11 mars 2026" in said(client.get(PATH))
    assert db_session.scalar(select(func.count()).select_from(OutboundEmail)) == 1


def test_partners_and_structures_without_address_are_not_invited(officer_client, db_session):
    partner = factories.structure(db_session)
    db_session.commit()
    add(officer_client, f"{partner.siren};X;x@x.fr\n{UNKNOWN}")
    invite(officer_client, partner.siren)
    assert "Cette structure est déjà inscrite sur le pass Culture : inutile de l'inviter." in \
        said(officer_client.get(PATH))
    invite(officer_client, UNKNOWN)
    page = officer_client.get(PATH)
    assert "Cette structure n'a pas d'adresse e-mail dans la liste" in said(page)
    assert f"http://localhost/pro/inscription?siren={UNKNOWN}" in rows(page)[UNKNOWN]["invitation"]
    assert db_session.scalar(select(func.count()).select_from(OutboundEmail)) == 0


def test_an_invitation_without_siren_is_answered_with_a_sentence(officer_client, db_session):
    response = invite(officer_client, "")
    assert response.status_code == 303
    assert "Choisis dans la liste la structure à inviter." in said(officer_client.get(PATH))


def test_the_pages_read_only_and_send_a_fixed_number_of_statements(app, officer_client,
                                                                   db_session):
    partners = [partner_with_offers(db_session, 1) for _ in range(3)]
    db_session.commit()
    add(officer_client, " ".join(structure.siren for structure in partners[:1]))
    counts = []
    for listed in (partners[1:2], partners[2:]):
        with counted_queries(app) as statements:
            for path in (PATH, f"{PATH}.csv", f"{PATH}?statut=partenaire&tri=offres"):
                assert officer_client.get(path).status_code == 200
        assert [s for s in statements if s.lstrip().upper().startswith(WRITES)] == []
        counts.append(len(statements))
        add(officer_client, " ".join(structure.siren for structure in listed))
    assert counts[0] == counts[1]


def test_the_filter_and_the_sort_order_the_table(officer_client, db_session):
    few = partner_with_offers(db_session, 1, name="Alpha")
    many = partner_with_offers(db_session, 3, name="Zêta")
    db_session.commit()
    add(officer_client, f"{UNKNOWN} {few.siren} {many.siren}")
    assert list(rows(officer_client.get(f"{PATH}?tri=offres"))) == [many.siren, few.siren,
                                                                      UNKNOWN]
    assert list(rows(officer_client.get(f"{PATH}?statut=non_partenaire"))) == [UNKNOWN]
    assert officer_client.get(f"{PATH}?statut=n%27importe&tri=%3Cx%3E").status_code == 200


def test_the_csv_export_lists_every_structure_with_its_status(officer_client, db_session):
    partner = partner_with_offers(db_session, 2, name="=HYPERLINK()")
    db_session.commit()
    add(officer_client, f"{partner.siren}\n{UNKNOWN};MJC;mjc@lodeve.fr")
    invite(officer_client, UNKNOWN)
    response = officer_client.get(f"{PATH}.csv")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True).removeprefix("\ufeff")
    lines = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert lines == [
        {"siren": partner.siren, "nom": "'=HYPERLINK()", "email": "",
         "statut": "partenaire", "offres_reservables": "2", "derniere_invitation": ""},
        {"siren": UNKNOWN, "nom": "MJC", "email": "mjc@lodeve.fr", "statut": "non_partenaire",
         "offres_reservables": "", "derniere_invitation": "2026-03-11"},
    ]


def test_the_template_names_the_three_columns(officer_client):
    response = officer_client.get(f"{PATH}/modele.csv")
    assert response.get_data(as_text=True) == "\ufeffsiren;nom;email\r\n"


def test_the_pro_signup_reads_the_siren_of_the_link_and_the_declaration_fills_it(
        client, db_session):
    page = html(client.get(f"/pro/inscription?siren={UNKNOWN}"))
    assert f"SIREN {UNKNOWN}" in page.get_text()
    assert page.find("form", method="post")["action"].endswith(f"?siren={UNKNOWN}")
    assert "SIREN 12345" not in html(client.get("/pro/inscription?siren=12345")).get_text()

    person = factories.pro(db_session)
    db_session.commit()
    sign_in(client, person)
    response = client.get(f"/pro/inscription?siren={UNKNOWN}")
    assert response.location.endswith(f"/pro/structures/nouvelle?siren={UNKNOWN}")
    declared = html(client.get(response.location)).find("input", attrs={"name": "siren"})
    assert declared["value"] == UNKNOWN


def test_the_declaration_fills_the_siren_a_territory_invited_this_address_with(
        client, officer, db_session):
    add(sign_in(client, officer), f"{UNKNOWN};MJC;mjc@lodeve.fr")
    invite(client, UNKNOWN)
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get(PATH))})
    invited = factories.pro(db_session, email="mjc@lodeve.fr")
    db_session.commit()
    sign_in(client, invited)
    field = html(client.get("/pro/structures/nouvelle")).find("input", attrs={"name": "siren"})
    assert field["value"] == UNKNOWN


def test_a_long_list_comes_a_hundred_rows_a_page(officer_client, db_session):
    sirens = [with_luhn_digit(f"{60000000 + number}") for number in range(120)]
    add(officer_client, "\n".join(sirens))
    first, second = officer_client.get(PATH), officer_client.get(f"{PATH}?page=2")
    assert len(rows(first)) == 100 and len(rows(second)) == 20
    assert "Structures 101 à 120 sur 120." in said(second)
    assert html(first).find("a", string="Page suivante")["href"] == f"{PATH}?page=2"
    assert set(rows(first)) | set(rows(second)) == set(sirens)
    for wrong in ("0", "-1", "abc", "99", "9" * 40):
        assert list(rows(officer_client.get(f"{PATH}?page={wrong}"))) in (
            list(rows(first)), list(rows(second)))


def test_an_invitation_leads_back_to_the_filtered_list_it_was_sent_from(officer_client,
                                                                       db_session):
    add(officer_client, f"{UNKNOWN};MJC;mjc@lodeve.fr")
    page = officer_client.get(f"{PATH}?statut=non_partenaire&tri=nom")
    action = html(page).select_one("form[action*=inviter]")["action"]
    response = officer_client.post(action, data={"csrf_token": csrf_token(page), "siren": UNKNOWN})
    assert response.location == f"{PATH}?statut=non_partenaire&tri=nom#structure-{UNKNOWN}"


def test_a_structure_taken_off_the_list_leaves_the_page_the_csv_and_the_counts(
        officer_client, db_session):
    partner = partner_with_offers(db_session, 1, name="Théâtre des Treize Vents")
    db_session.commit()
    add(officer_client, f"{partner.siren}\n{UNKNOWN};MJC de Lodève;mjc@lodeve.fr")
    page = officer_client.get(f"{PATH}?statut=non_partenaire&tri=nom")
    form = html(page).select_one(f"tr#structure-{UNKNOWN} form[action*=retirer]")
    assert form.find("button").get_text(" ", strip=True) == \
        "Retirer Retirer MJC de Lodève de la liste"
    response = officer_client.post(form["action"], data={"csrf_token": csrf_token(page),
                                                         "siren": UNKNOWN})
    assert response.status_code == 303
    assert response.location == f"{PATH}?statut=non_partenaire&tri=nom"

    page = officer_client.get(PATH)
    assert ("MJC de Lodève est retirée de la liste. Pour l'y remettre, ajoute à nouveau son "
            "SIREN.") in said(page)
    assert list(rows(page)) == [partner.siren]
    assert "Pas encore partenaire : 0" in said(page)
    assert UNKNOWN not in officer_client.get(f"{PATH}.csv").get_data(as_text=True)
    # The row stays, marked removed, without what the officers typed about the structure.
    listed = db_session.scalars(select(ListedStructure).filter_by(siren=UNKNOWN)).one()
    assert (listed.name, listed.email, listed.removed_by_id) == (None, None, listed.added_by_id)
    assert listed.removed_at is not None


def test_listing_a_removed_structure_again_brings_it_back_with_its_invitations(
        officer_client, officer, db_session, frozen_clock):
    add(officer_client, f"{UNKNOWN};MJC;mjc@lodeve.fr")
    invite(officer_client, UNKNOWN)
    remove(officer_client, UNKNOWN)
    frozen_clock.shift(dt.timedelta(days=3))
    response = add(sign_in(officer_client, officer), f"{UNKNOWN};MJC;autre@lodeve.fr")
    assert response.status_code == 303
    page = officer_client.get(PATH)
    assert "1 structure(s) ajoutée(s) à la liste, 0 mise(s) à jour" in said(page)
    assert listed_count(db_session) == 1
    # Removing and listing again does not shorten the 30 days between two invitations.
    assert rows(page)[UNKNOWN]["invitation"].startswith("Invitée le 11 mars 2026")
    invite(officer_client, UNKNOWN)
    assert "Cette structure a déjà reçu une invitation le 11 mars 2026" in said(
        officer_client.get(PATH))
    assert db_session.scalar(select(func.count()).select_from(OutboundEmail)) == 1


def test_removing_a_structure_not_on_the_list_is_answered_with_a_sentence(
        client, officer, db_session):
    elsewhere = factories.territory_officer(db_session, territory_kind=TerritoryKind.COMMUNE,
                                            territory_code="34172")
    db_session.commit()
    add(sign_in(client, officer), UNKNOWN)
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get(PATH))})
    sign_in(client, elsewhere)
    add(client, UNKNOWN_2)
    remove(client, UNKNOWN)
    assert "Cette structure n'est pas dans la liste de ton territoire." in said(client.get(PATH))
    remove(client, "")
    assert "Choisis dans la liste la structure à retirer." in said(client.get(PATH))
    remove(client, UNKNOWN_2)
    remove(client, UNKNOWN_2)
    assert "Cette structure n'est pas dans la liste de ton territoire." in said(client.get(PATH))
    db_session.commit()
    # The other territory's row is untouched.
    listed = db_session.scalars(select(ListedStructure).filter_by(siren=UNKNOWN)).one()
    assert listed.removed_at is None


def test_a_removal_without_its_csrf_token_changes_nothing(officer_client, db_session):
    add(officer_client, UNKNOWN)
    response = officer_client.post(f"{PATH}/retirer", data={"siren": UNKNOWN})
    assert response.status_code in (303, 400)
    assert UNKNOWN in rows(officer_client.get(PATH))
