"""Sending an ID document: who may, which files are accepted, one request at a time."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import undefer

from models.identity.models import IdentityCheck, IdentityCheckStatus, IdentityDocument
from models.users.models import ActivityStatus
from tests import factories
from tests.functional.identity import sample_documents
from tests.helpers import csrf_token, html, login

IDENTITY = "/profil/identite"
TEN_MB = 10 * 1024 * 1024


def signed_in_young(client, session, age=18, **fields):
    """A young person whose profile is complete, signed in."""
    fields.setdefault("address", "4 rue de la République")
    fields.setdefault("activity", ActivityStatus.HIGH_SCHOOL)
    person = factories.young(session, age=age, **fields)
    session.commit()
    login(client, person.email, factories.PASSWORD)
    return person


def upload(client, content: bytes, filename: str = "carte.jpg", honour: bool = True):
    data = {"csrf_token": csrf_token(client.get(IDENTITY)),
            "document": (io.BytesIO(content), filename)}
    if honour:
        data["honour_statement"] = "y"
    return client.post(IDENTITY, data=data, content_type="multipart/form-data")


def checks_of(session, person) -> list[IdentityCheck]:
    session.rollback()
    return list(session.scalars(select(IdentityCheck).where(IdentityCheck.user_id == person.id)))


def document_error(response) -> str:
    error = html(response).find(id="document-error")
    return error.get_text(" ", strip=True) if error else ""


@pytest.mark.parametrize(
    ("build", "filename", "content_type"),
    [
        (sample_documents.jpeg, "carte.jpg", "image/jpeg"),
        (sample_documents.png, "carte.png", "image/png"),
        (sample_documents.webp, "carte.webp", "image/webp"),
        (sample_documents.pdf, "scan.pdf", "application/pdf"),
    ],
    ids=["jpeg", "png", "webp", "pdf"],
)
def test_a_real_photo_or_pdf_is_accepted_and_waits_for_staff(
    client, db_session, build, filename, content_type
):
    person = signed_in_young(client, db_session)
    response = upload(client, build(), filename)
    assert response.status_code == 303
    assert response.location.endswith("/profil/")
    [check] = checks_of(db_session, person)
    assert check.status is IdentityCheckStatus.PENDING
    assert check.honour_statement_at is not None
    document = db_session.scalars(
        select(IdentityDocument).where(IdentityDocument.id == check.document_id)
        .options(undefer(IdentityDocument.data))
    ).one()
    assert (document.content_type, document.data) == (content_type, build())


def test_the_type_comes_from_the_content_not_from_the_name(client, db_session):
    person = signed_in_young(client, db_session)
    upload(client, sample_documents.pdf(), "photo.jpg")
    [check] = checks_of(db_session, person)
    assert db_session.get(IdentityDocument, check.document_id).content_type == "application/pdf"


def test_a_text_file_renamed_jpg_is_refused(client, db_session):
    person = signed_in_young(client, db_session)
    response = upload(client, sample_documents.text_renamed(), "carte.jpg")
    assert response.status_code == 422
    assert "n'est ni une photo (JPEG, PNG ou WebP) ni un PDF" in document_error(response)
    assert checks_of(db_session, person) == []


def test_a_file_over_10_mb_is_refused(client, db_session):
    person = signed_in_young(client, db_session)
    too_big = sample_documents.jpeg()[:-2] + b"\x00" * (TEN_MB) + b"\xff\xd9"
    response = upload(client, too_big)
    assert response.status_code == 422
    assert "dépasse 10 Mo" in document_error(response)
    assert checks_of(db_session, person) == []


def test_a_request_over_the_upload_limit_gets_the_french_413_page(client, db_session):
    signed_in_young(client, db_session)
    response = upload(client, b"\xff\xd8\xff" + b"\x00" * (13 * 1024 * 1024))
    assert response.status_code == 413
    assert html(response).h1.get_text(strip=True) == "Fichier trop lourd"


def test_an_empty_file_is_refused(client, db_session):
    signed_in_young(client, db_session)
    response = upload(client, b"", "vide.jpg")
    assert response.status_code == 422


def test_the_honour_statement_must_be_signed(client, db_session):
    person = signed_in_young(client, db_session)
    response = upload(client, sample_documents.jpeg(), honour=False)
    assert response.status_code == 422
    page = html(response)
    assert "déclaration sur l'honneur" in page.find(id="honour_statement-error").get_text()
    assert page.find(id="honour_statement")["aria-describedby"] == "honour_statement-error"
    assert checks_of(db_session, person) == []


def test_the_honour_statement_is_a_labelled_checkbox(client, db_session):
    signed_in_young(client, db_session)
    page = html(client.get(IDENTITY))
    box = page.find("input", attrs={"type": "checkbox", "name": "honour_statement"})
    label = page.find("label", attrs={"for": box["id"]}).get_text(strip=True)
    assert label.startswith("Je certifie sur l'honneur l'exactitude des informations")


def test_one_request_at_a_time(client, db_session):
    person = signed_in_young(client, db_session)
    upload(client, sample_documents.jpeg())
    page = html(client.get(IDENTITY))
    assert page.find("input", attrs={"name": "document"}) is None
    assert "En cours de vérification" in page.get_text()
    response = upload(client, sample_documents.pdf())
    assert response.status_code == 303
    assert "déjà en cours de vérification" in html(client.get(response.location)).get_text()
    assert len(checks_of(db_session, person)) == 1


def test_the_page_explains_who_can_get_the_credit_from_the_programme_in_force(
    client, db_session
):
    signed_in_young(client, db_session, age=17)
    text = html(client.get(IDENTITY)).get_text(" ", strip=True)
    assert "de tes 15 ans à la veille de tes 19 ans" in text
    assert "50,00 € à 17 ans" in text.replace("\xa0", " ")
    assert "150,00 € à 18 ans" in text.replace("\xa0", " ")
    assert "tu recevras 50,00 €" in text.replace("\xa0", " ")


def test_a_16_year_old_may_ask_for_the_0_euro_credit(client, db_session):
    signed_in_young(client, db_session, age=16)
    page = html(client.get(IDENTITY))
    assert "ton crédit s'ouvre à 0 €" in page.get_text()
    assert page.find("input", attrs={"name": "document"}) is not None


def test_a_19_year_old_is_told_the_credit_is_closed(client, db_session):
    signed_in_young(client, db_session, age=19)
    page = html(client.get(IDENTITY))
    assert "le crédit n'est plus ouvert à ton âge" in page.get_text()
    assert page.find("input", attrs={"name": "document"}) is None


def test_an_incomplete_profile_is_sent_to_the_completion_page(client, db_session):
    person = factories.young(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    response = client.get(IDENTITY)
    assert response.status_code == 303
    assert response.location.endswith("/profil/completer")


def test_the_profile_shows_the_pending_status(client, db_session):
    signed_in_young(client, db_session)
    upload(client, sample_documents.jpeg())
    status = html(client.get("/profil/")).select_one(".check-status")
    assert status.get_text(" ", strip=True).startswith("En cours de vérification")


def test_a_person_who_already_has_a_credit_sends_nothing(client, db_session):
    person = signed_in_young(client, db_session)
    factories.deposit(db_session, person)
    db_session.commit()
    page = html(client.get(IDENTITY))
    assert "Tu as déjà ton crédit pass Culture" in page.get_text()
    assert page.find("input", attrs={"name": "document"}) is None
    response = upload(client, sample_documents.jpeg())
    assert "Ton identité a déjà été vérifiée" in html(client.get(response.location)).get_text()
    assert checks_of(db_session, person) == []
