"""Staff review identity checks: the queue, the document, approval opening the credit, refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from sqlalchemy import select

from models.audit.models import AuditEntry
from models.credit.models import Deposit
from models.credit.repository import credit_summary
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.identity.models import IdentityCheck, IdentityCheckStatus, IdentityDocument
from models.users.models import ActivityStatus
from tests import factories
from tests.factories.users import Role
from tests.functional.identity import sample_documents
from tests.helpers import csrf_token, html, login
from webapp.views import register_blueprints

QUEUE = "/admin/identite/"


def pending_check(session, *, age=18, content=None, submitted_at=None, **fields):
    """A young person with a complete profile and a pending check with its document."""
    fields.setdefault("address", "4 rue de la République")
    fields.setdefault("activity", ActivityStatus.STUDENT)
    person = factories.young(session, age=age, **fields)
    now = submitted_at or utcnow()
    document = IdentityDocument(content_type="image/jpeg", filename="carte.jpg",
                                data=content or sample_documents.jpeg(), size=125,
                                uploaded_at=now)
    check = IdentityCheck(user_id=person.id, document=document, honour_statement_at=now,
                          submitted_at=now)
    session.add(check)
    session.commit()
    return check


def signed_in_admin(client, session):
    staff = factories.admin(session)
    session.commit()
    login(client, staff.email, factories.PASSWORD)
    return staff


def decide(client, check, action, **data):
    detail = f"/admin/identite/{check.id}"
    token = csrf_token(client.get(detail))
    return client.post(f"{detail}/{action}", data={"csrf_token": token, **data})


def fresh(session, model, id_):
    session.rollback()
    session.expire_all()
    return session.get(model, id_)


def deposit_of(session, person_id) -> Deposit | None:
    session.rollback()
    return session.scalars(select(Deposit).where(Deposit.user_id == person_id)).first()


@pytest.mark.parametrize(("age", "amount_cents"), [(17, 5000), (18, 15000)])
def test_approval_opens_the_credit_of_the_age_under_the_2025_programme(
    client, db_session, age, amount_cents
):
    check = pending_check(db_session, age=age)
    signed_in_admin(client, db_session)
    response = decide(client, check, "valider")
    assert response.status_code == 303
    assert response.location.endswith(QUEUE)
    deposit = deposit_of(db_session, check.user_id)
    assert deposit.programme.code == "reform_2025"
    assert credit_summary(db_session, deposit).granted_cents == amount_cents
    assert fresh(db_session, IdentityCheck, check.id).status is IdentityCheckStatus.APPROVED


def test_approval_erases_the_document_records_an_audit_entry_and_emails_the_person(
    client, db_session
):
    check = pending_check(db_session, age=17, first_name="Yanis")
    staff = signed_in_admin(client, db_session)
    decide(client, check, "valider")
    document = fresh(db_session, IdentityDocument, check.document_id)
    assert document.data is None and document.erased_at is not None
    entry = db_session.scalars(
        select(AuditEntry).where(AuditEntry.action == "identity_check.approved")
    ).one()
    assert (entry.actor_id, entry.object_id) == (staff.id, str(check.id))
    email = db_session.scalars(
        select(OutboundEmail).where(OutboundEmail.recipient == check.user.email)
    ).one()
    assert email.subject == "Ton crédit pass Culture est ouvert"
    assert "Bonjour Yanis" in email.body_text
    assert "50,00\xa0€" in email.body_text


def test_the_young_person_sees_the_credit_after_approval(client, app: Flask, db_session):
    check = pending_check(db_session, age=18)
    signed_in_admin(client, db_session)
    decide(client, check, "valider")
    young_client = app.test_client()
    login(young_client, check.user.email, factories.PASSWORD)
    page = html(young_client.get("/profil/"))
    facts = {term.get_text(strip=True): term.find_next("dd").get_text(strip=True)
             for term in page.select("dl.facts dt")}
    assert facts["Crédit restant"] == "150,00\xa0€"
    assert facts["Reste pour les offres numériques"] == "100,00\xa0€"
    assert page.select_one(".check-status").get_text(" ", strip=True).startswith("Validée")
    identity_page = html(young_client.get("/profil/identite"))
    assert identity_page.select_one(".check-status").get_text(strip=True).startswith("Validée")
    assert identity_page.find("input", attrs={"name": "document"}) is None


def test_rejection_keeps_no_deposit_and_the_profile_shows_the_reason(
    client, app: Flask, db_session
):
    check = pending_check(db_session)
    signed_in_admin(client, db_session)
    response = decide(client, check, "refuser", reason="Photo floue : le nom est illisible.")
    assert response.status_code == 303
    assert deposit_of(db_session, check.user_id) is None
    rejected = fresh(db_session, IdentityCheck, check.id)
    assert rejected.status is IdentityCheckStatus.REJECTED
    assert rejected.document.data is None and rejected.document.erased_at is not None
    young_client = app.test_client()
    login(young_client, check.user.email, factories.PASSWORD)
    status = html(young_client.get("/profil/")).select_one(".check-status")
    assert status.get_text(" ", strip=True) == "Refusée : Photo floue : le nom est illisible."
    email = db_session.scalars(select(OutboundEmail)).one()
    assert "Photo floue : le nom est illisible." in email.body_text


def test_a_rejected_person_may_send_a_new_document(client, app: Flask, db_session):
    check = pending_check(db_session)
    signed_in_admin(client, db_session)
    decide(client, check, "refuser", reason="Document expiré.")
    young_client = app.test_client()
    login(young_client, check.user.email, factories.PASSWORD)
    page = html(young_client.get("/profil/identite"))
    assert page.find("input", attrs={"name": "document"}) is not None


def test_rejection_requires_a_reason(client, db_session):
    check = pending_check(db_session)
    signed_in_admin(client, db_session)
    response = decide(client, check, "refuser", reason="  ")
    assert response.status_code == 422
    assert "Indique la raison du refus." in html(response).find(id="reason-error").get_text()
    assert fresh(db_session, IdentityCheck, check.id).status is IdentityCheckStatus.PENDING


def test_approving_someone_outside_the_ages_shows_why_and_keeps_the_check(client, db_session):
    check = pending_check(db_session, age=20)
    signed_in_admin(client, db_session)
    response = decide(client, check, "valider")
    assert response.location.endswith(f"/admin/identite/{check.id}")
    page = html(client.get(response.location))
    refusal = page.select_one(".flash-error").get_text()
    assert "Validation impossible : Le crédit pass Culture est ouvert de tes 15 ans" in refusal
    assert fresh(db_session, IdentityCheck, check.id).status is IdentityCheckStatus.PENDING
    assert deposit_of(db_session, check.user_id) is None


def test_approving_someone_who_already_has_a_credit_shows_why(client, db_session):
    check = pending_check(db_session, age=18)
    factories.deposit(db_session, check.user)
    db_session.commit()
    signed_in_admin(client, db_session)
    response = decide(client, check, "valider")
    page = html(client.get(response.location))
    assert "Tu as déjà reçu ton crédit" in page.select_one(".flash-error").get_text()


def test_a_check_is_decided_only_once(client, db_session):
    check = pending_check(db_session)
    signed_in_admin(client, db_session)
    token = csrf_token(client.get(f"/admin/identite/{check.id}"))
    client.post(f"/admin/identite/{check.id}/valider", data={"csrf_token": token})
    response = client.post(f"/admin/identite/{check.id}/refuser",
                           data={"csrf_token": token, "reason": "Doublon"})
    assert "Cette demande a déjà été traitée." in html(client.get(response.location)).get_text()
    assert fresh(db_session, IdentityCheck, check.id).status is IdentityCheckStatus.APPROVED


def test_the_queue_lists_pending_checks_oldest_first_with_name_age_and_commune(
    client, db_session
):
    now = utcnow()
    newer = pending_check(db_session, age=17, first_name="Zoé", last_name="Kerouac",
                          commune_code="29019", postal_code="29200", submitted_at=now)
    older = pending_check(db_session, age=18, first_name="Adam", last_name="Roux",
                          submitted_at=now - dt.timedelta(days=2))
    signed_in_admin(client, db_session)
    rows = html(client.get(QUEUE)).select("tbody tr")
    cells = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
             for row in rows]
    assert [row[:3] for row in cells] == [
        ["Adam Roux", "18 ans", "Montpellier"],
        ["Zoé Kerouac", "17 ans", "Brest"],
    ]
    links = [row.find("a")["href"] for row in rows]
    assert links == [f"/admin/identite/{older.id}", f"/admin/identite/{newer.id}"]


def test_the_detail_page_shows_the_personal_data_and_the_image_with_its_alt_text(
    client, db_session
):
    check = pending_check(db_session, first_name="Adam", last_name="Roux")
    signed_in_admin(client, db_session)
    page = html(client.get(f"/admin/identite/{check.id}"))
    assert page.h1.get_text(strip=True) == "Demande de Adam Roux"
    image = page.select_one("figure img")
    assert image["src"] == f"/admin/identite/{check.id}/document"
    assert image["alt"] == "Pièce d'identité envoyée par Adam Roux"
    assert "effacé dès que la demande est validée ou refusée" in page.get_text()


def test_the_document_is_served_to_staff_inline_with_its_type_and_never_cached(
    client, db_session
):
    check = pending_check(db_session)
    signed_in_admin(client, db_session)
    response = client.get(f"/admin/identite/{check.id}/document")
    assert response.status_code == 200
    assert response.data == sample_documents.jpeg()
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("inline;")


def test_a_pdf_is_offered_as_a_link(client, db_session):
    check = pending_check(db_session, content=sample_documents.pdf())
    check.document.content_type = "application/pdf"
    db_session.commit()
    signed_in_admin(client, db_session)
    page = html(client.get(f"/admin/identite/{check.id}"))
    assert page.select_one("figure img") is None
    link = page.find("a", href=f"/admin/identite/{check.id}/document")
    assert link.get_text().startswith("Ouvrir le PDF de la pièce d'identité")


def test_the_document_is_erased_once_reviewed(client, db_session):
    check = pending_check(db_session)
    signed_in_admin(client, db_session)
    decide(client, check, "refuser", reason="Document expiré.")
    assert client.get(f"/admin/identite/{check.id}/document").status_code == 404
    page = html(client.get(f"/admin/identite/{check.id}"))
    assert "Le document a été effacé le" in page.get_text()
    assert page.find("form", action=f"/admin/identite/{check.id}/valider") is None


@pytest.mark.parametrize("role", [Role.YOUNG, Role.PRO, Role.TERRITORY], ids=str)
def test_other_roles_see_neither_the_queue_nor_the_document(client, db_session, role):
    check = pending_check(db_session)
    person = factories.user(db_session, role)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    for path in (QUEUE, f"/admin/identite/{check.id}", f"/admin/identite/{check.id}/document"):
        assert client.get(path).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, db_session):
    check = pending_check(db_session)
    response = client.get(f"/admin/identite/{check.id}/document")
    assert response.status_code in (302, 303)
    assert response.location.startswith("/connexion")


def _every_get_path(check: IdentityCheck) -> list[str]:
    """Every GET URL of the app, with the check's and its document's ids in every slot."""
    app = Flask(__name__, static_folder=None)
    register_blueprints(app)
    paths = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        for number in {check.id, check.document_id}:
            values = {name: number if type(conv).__name__ == "IntegerConverter" else "x"
                      for name, conv in rule._converters.items()}
            paths.add(rule.build(values, append_unknown=False)[1])
    return sorted(paths)


def test_the_document_is_never_served_at_a_public_url_nor_to_its_owner(
    client, app: Flask, db_session
):
    # A page failing for an unrelated reason answers 500 here instead of stopping the walk.
    app.config["PROPAGATE_EXCEPTIONS"] = False
    marker = b"NEVER-PUBLIC-" * 4
    check = pending_check(db_session, content=sample_documents.jpeg()[:-2] + marker + b"\xff\xd9")
    owner = app.test_client()
    login(owner, check.user.email, factories.PASSWORD)
    for path in _every_get_path(check):
        for visitor in (client, owner):
            assert marker not in visitor.get(path).get_data(), path
