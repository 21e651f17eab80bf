"""Completing and editing the profile: the commune picker without JavaScript, the postal code."""

from __future__ import annotations

import pytest

from models.db import utcnow
from models.identity.models import IdentityCheck, IdentityCheckStatus
from models.users.models import ActivityStatus, User
from tests import factories
from tests.helpers import csrf_token, html, login

COMPLETE = "/profil/completer"
EDIT = "/profil/modifier"


def signed_in_young(client, session, **fields):
    fields.setdefault("first_name", None)
    fields.setdefault("last_name", None)
    fields.setdefault("commune_code", None)
    fields.setdefault("postal_code", None)
    person = factories.young(session, **fields)
    session.commit()
    login(client, person.email, factories.PASSWORD)
    return person


def personal_data(**overrides) -> dict:
    data = {
        "first_name": "Inès",
        "last_name": "Benali",
        "address": "4 rue de la République",
        "commune_query": "Montpellier",
        "commune_code": "",
        "postal_code": "34000",
        "activity": "high_school",
    }
    data.update(overrides)
    return data


def submit(client, path, **overrides):
    token = csrf_token(client.get(path))
    return client.post(path, data={"csrf_token": token, **personal_data(**overrides)})


def reloaded(session, person) -> User:
    # Ends the session's transaction, whose snapshot may predate what the request wrote, and
    # forgets the values loaded before.
    session.rollback()
    session.expire_all()
    return session.get(User, person.id)


def field_error(page, field_id) -> str:
    error = page.find(id=f"{field_id}-error")
    return error.get_text(" ", strip=True) if error else ""


def test_the_completion_page_asks_for_each_field_with_a_label(client, db_session):
    signed_in_young(client, db_session)
    page = html(client.get(COMPLETE))
    labels = {label.get_text(strip=True) for label in page.select("form.stack label")}
    assert {"Prénom", "Nom", "Adresse", "Commune", "Code postal", "Ta situation"} <= labels
    options = [option.get_text(strip=True) for option in page.select("#activity option")]
    assert "Lycéen ou lycéenne" in options
    assert "En recherche d'emploi" in options


def test_a_typed_commune_that_designates_one_commune_completes_the_profile(client, db_session):
    person = signed_in_young(client, db_session)
    response = submit(client, COMPLETE)
    assert response.status_code == 303
    assert response.location.endswith("/profil/identite")
    saved = reloaded(db_session, person)
    assert (saved.first_name, saved.last_name) == ("Inès", "Benali")
    assert (saved.commune_code, saved.postal_code) == ("34172", "34000")
    assert saved.activity is ActivityStatus.HIGH_SCHOOL


def test_an_ambiguous_commune_without_javascript_asks_to_choose(client, db_session):
    person = signed_in_young(client, db_session)
    response = submit(client, COMPLETE, commune_query="Saint-Denis", postal_code="93200")
    assert response.status_code == 422
    page = html(response)
    choices = page.select("input[type=radio][name=commune_code]")
    assert {"93066", "97411"} <= {choice["value"] for choice in choices}
    assert not any(choice.has_attr("checked") for choice in choices)
    assert "choisis la tienne" in field_error(page, "commune_query")
    assert page.find("a", href="#commune_query")
    assert reloaded(db_session, person).commune_code is None


def test_choosing_one_of_the_candidates_completes_the_profile(client, db_session):
    person = signed_in_young(client, db_session)
    response = submit(
        client, COMPLETE, commune_query="Saint-Denis", commune_code="97411", postal_code="97400"
    )
    assert response.status_code == 303
    assert reloaded(db_session, person).commune_code == "97411"


def test_a_postal_code_of_another_commune_is_refused(client, db_session):
    person = signed_in_young(client, db_session)
    response = submit(client, COMPLETE, postal_code="75001")
    assert response.status_code == 422
    page = html(response)
    assert "ne correspond pas à la commune choisie" in field_error(page, "postal_code")
    assert page.find(id="postal_code")["aria-invalid"] == "true"
    # The commune found stays chosen, so the person only fixes the postal code.
    assert page.find("input", attrs={"type": "hidden", "name": "commune_code"})["value"] == "34172"
    assert reloaded(db_session, person).postal_code is None


def test_an_unknown_commune_is_reported(client, db_session):
    signed_in_young(client, db_session)
    response = submit(client, COMPLETE, commune_query="Zzyzx")
    assert response.status_code == 422
    assert "Aucune commune ne correspond" in field_error(html(response), "commune_query")


@pytest.mark.parametrize("missing", ["first_name", "last_name", "address", "postal_code",
                                     "activity"])
def test_every_field_is_required(client, db_session, missing):
    signed_in_young(client, db_session)
    response = submit(client, COMPLETE, **{missing: ""})
    assert response.status_code == 422
    assert field_error(html(response), missing).startswith("Erreur :")


def test_a_name_typed_over_the_previous_commune_wins_without_javascript(client, db_session):
    person = signed_in_young(client, db_session, commune_code="34172", postal_code="34000",
                             address="1 rue de la Loge", activity=ActivityStatus.STUDENT,
                             first_name="Inès", last_name="Benali")
    # Without JavaScript the old commune's code still travels in its hidden field.
    response = submit(client, EDIT, commune_query="Sète", commune_code="34172",
                      postal_code="34200")
    assert response.status_code == 303
    assert reloaded(db_session, person).commune_code == "34301"


def test_the_edit_page_shows_the_stored_data(client, db_session):
    signed_in_young(client, db_session, commune_code="34172", postal_code="34000",
                    address="1 rue de la Loge", activity=ActivityStatus.STUDENT,
                    first_name="Inès", last_name="Benali")
    page = html(client.get(EDIT))
    assert page.find(id="first_name")["value"] == "Inès"
    assert page.find(id="commune_query")["value"] == "Montpellier"
    assert page.find("input", attrs={"type": "hidden", "name": "commune_code"})["value"] == "34172"
    assert page.find(id="activity").find("option", selected=True)["value"] == "student"


def test_names_checked_with_an_id_document_cannot_be_changed(client, db_session):
    person = signed_in_young(client, db_session, commune_code="34172", postal_code="34000",
                             address="1 rue de la Loge", activity=ActivityStatus.STUDENT,
                             first_name="Inès", last_name="Benali")
    db_session.add(IdentityCheck(user_id=person.id, status=IdentityCheckStatus.APPROVED,
                                 honour_statement_at=utcnow(), reviewed_at=utcnow()))
    db_session.commit()
    response = submit(client, EDIT, first_name="Lina")
    assert response.status_code == 422
    assert "vérifiés avec ta pièce d'identité" in field_error(html(response), "first_name")
    assert reloaded(db_session, person).first_name == "Inès"
    assert submit(client, EDIT, address="8 rue Foch").status_code == 303
    assert reloaded(db_session, person).address == "8 rue Foch"


def test_completion_is_reserved_to_young_people(client, db_session):
    person = factories.pro(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    assert client.get(COMPLETE).status_code == 403
