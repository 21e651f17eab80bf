"""A person's own data: the JSON export, and the deletion of the account."""

from __future__ import annotations

import json

from sqlalchemy import select

from models.bookings.api import book
from models.bookings.models import Booking
from models.db import utcnow
from models.identity.models import IdentityCheck, IdentityDocument
from models.registry import metadata
from models.social.api import add_favorite
from models.social.models import Favorite
from models.users.models import ActivityStatus, User
from models.users.privacy import ERASED_REFERENCES, KEPT_REFERENCES
from tests import factories
from tests.helpers import csrf_token, html, login

EXPORT = "/profil/mes-donnees.json"
DELETE = "/profil/supprimer"


def beneficiary_with_history(client, session):
    """A signed-in 18-year-old with a credit, a booking, a favorite and an identity check."""
    person = factories.young(session, address="4 rue de la République",
                             activity=ActivityStatus.STUDENT, first_name="Inès",
                             last_name="Benali")
    factories.deposit(session, person)
    offer = factories.offer(session, name="Manga papier")
    stock = factories.stock(session, offer=offer, price_cents=1250)
    session.add(IdentityCheck(
        user_id=person.id, status="approved", honour_statement_at=utcnow(),
        document=IdentityDocument(content_type="image/jpeg", filename="carte.jpg", size=3,
                                  data=None, erased_at=utcnow()),
    ))
    session.commit()
    booking = book(session, person.id, stock.id, 1, utcnow())
    add_favorite(session, person.id, factories.offer(session, name="Concert").id, utcnow())
    session.commit()
    login(client, person.email, factories.PASSWORD)
    return person, booking


def delete_account(client, password):
    token = csrf_token(client.get(DELETE))
    return client.post(DELETE, data={"csrf_token": token, "password": password})


def test_the_export_is_a_json_attachment_with_the_bookings(client, db_session):
    person, booking = beneficiary_with_history(client, db_session)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.data)
    assert data["account"]["email"] == person.email
    assert data["profile"]["commune"] == {"code": "34172", "name": "Montpellier"}
    [exported] = data["bookings"]
    assert (exported["offer"], exported["amount_cents"], exported["token"]) == (
        "Manga papier", 1250, booking.token
    )
    assert [favorite["offer"] for favorite in data["favorites"]] == ["Concert"]
    assert data["deposits"][0]["grants"] == [
        {"age": 18, "amount_cents": 15000, "granted_at": data["deposits"][0]["opened_at"]}
    ]
    assert data["identity_checks"][0]["status"] == "approved"


def test_the_export_holds_no_password_hash_and_no_document(client, db_session):
    person, _booking = beneficiary_with_history(client, db_session)
    body = client.get(EXPORT).get_data(as_text=True)
    assert person.password_hash not in body
    assert "password" not in body
    document = json.loads(body)["identity_checks"][0]["document"]
    assert set(document) == {"content_type", "size", "erased_at"}


def test_deletion_asks_for_the_password(client, db_session):
    person, _booking = beneficiary_with_history(client, db_session)
    response = delete_account(client, "pas le bon mot de passe")
    assert response.status_code == 422
    assert "Le mot de passe est incorrect." in html(response).find(id="password-error").get_text()
    db_session.rollback()
    assert db_session.get(User, person.id).anonymised_at is None


def test_deletion_anonymises_the_account_and_keeps_the_bookings(client, db_session):
    person, booking = beneficiary_with_history(client, db_session)
    response = delete_account(client, factories.PASSWORD)
    assert response.status_code == 303
    db_session.rollback()
    db_session.expire_all()
    gone = db_session.get(User, person.id)
    assert gone.anonymised_at is not None
    assert gone.email == f"supprime-{person.id}@invalid"
    assert (gone.first_name, gone.last_name, gone.address, gone.date_of_birth) == (
        None, None, None, None
    )
    assert gone.password_hash is None
    kept = db_session.get(Booking, booking.id)
    assert (kept.user_id, kept.amount_cents, kept.token) == (person.id, 1250, booking.token)
    assert db_session.scalars(select(Favorite).where(Favorite.user_id == person.id)).all() == []
    assert db_session.scalars(
        select(IdentityCheck).where(IdentityCheck.user_id == person.id)
    ).all() == []


def test_deletion_signs_out_and_login_fails_afterwards(client, db_session):
    person, _booking = beneficiary_with_history(client, db_session)
    delete_account(client, factories.PASSWORD)
    assert client.get("/profil/").status_code in (302, 303)
    response = login(client, person.email, factories.PASSWORD)
    assert response.status_code == 422
    assert client.get("/profil/").status_code in (302, 303)


def test_the_confirmation_page_says_what_is_kept_and_warns_about_current_bookings(
    client, db_session
):
    beneficiary_with_history(client, db_session)
    page = html(client.get(DELETE))
    assert page.h1.get_text(strip=True) == "Supprimer mon compte"
    assert "Tu as 1 réservation en cours" in page.get_text()
    assert page.find("label", attrs={"for": "password"}).get_text(strip=True) == "Mot de passe"


def test_every_reference_to_an_account_is_either_erased_or_kept_on_purpose():
    references = {
        (table.name, key.parent.name)
        for table in metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name == "user_account"
    }
    assert references == ERASED_REFERENCES | KEPT_REFERENCES
    assert not ERASED_REFERENCES & KEPT_REFERENCES
