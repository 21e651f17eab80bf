"""Joining the pro side: sign-up, declaring or joining a structure, and the decisions on both."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import select

from models.emails.models import OutboundEmail
from models.offerers.models import MembershipStatus, Structure, StructureMembership, StructureStatus
from models.offerers.validation import with_luhn_digit
from models.users.capacities import Capacity, capacities_of
from models.users.models import StaffPermission, User
from tests import factories
from tests.functional.account.steps import STRONG_PASSWORD, submit
from tests.helpers import html, login

NEW_SIREN = with_luhn_digit("98765432")
DECLARE_PATH = "/pro/structures/nouvelle"


def declaration(**overrides) -> dict:
    data = {
        "siren": NEW_SIREN, "name": "Théâtre de la Lune", "address": "3 rue des Étoiles",
        "commune_query": "34172", "commune_code": "34172", "venue_name": "Salle de la Lune",
        "venue_type": "performing_arts",
    }
    data.update(overrides)
    return data


def signed_in_as(client, person) -> None:
    assert login(client, person.email, factories.PASSWORD).status_code == 303


def mail_to(db_session, address: str) -> OutboundEmail:
    return db_session.scalars(select(OutboundEmail).where(OutboundEmail.recipient == address)
                              .order_by(OutboundEmail.id.desc())).first()


def membership_of(db_session, person) -> StructureMembership:
    db_session.expire_all()
    return db_session.scalars(select(StructureMembership)
                              .where(StructureMembership.user_id == person.id)).one()


def test_a_pro_signs_up_confirms_and_is_led_to_declare_a_structure(client, db_session):
    response = submit(client, "/pro/inscription", {
        "email": "directrice@theatre.example", "password": STRONG_PASSWORD, "accept_terms": "y",
    })
    assert response.status_code == 303
    person = db_session.scalars(
        select(User).where(User.email == "directrice@theatre.example")).one()
    assert not person.is_beneficiary
    link = re.search(r"https?://\S+", mail_to(db_session, person.email).body_text).group(0)
    confirmed = submit(client, urlsplit(link).path, {})
    assert urlsplit(confirmed.location).path == DECLARE_PATH


def test_pro_signup_with_a_known_address_answers_as_for_a_new_one(client, db_session):
    young = factories.young(db_session)
    db_session.commit()
    response = submit(client, "/pro/inscription", {
        "email": young.email, "password": STRONG_PASSWORD, "accept_terms": "y",
    })
    assert urlsplit(response.location).path == "/inscription/lien-envoye"
    assert "déjà un compte" in mail_to(db_session, young.email).subject


def test_pro_signup_refuses_a_weak_password_beside_its_field(client):
    response = submit(client, "/pro/inscription", {
        "email": "a@theatre.example", "password": "court", "accept_terms": "y",
    })
    assert response.status_code == 422
    field = html(response).find(id="password")
    assert "password-error" in field["aria-describedby"]


def test_declaring_creates_a_pending_structure_its_declarant_is_member_of(client, db_session):
    person = _bare_account(db_session)
    signed_in_as(client, person)
    response = submit(client, DECLARE_PATH, declaration())
    assert urlsplit(response.location).path == "/pro/structures"
    structure = db_session.scalars(select(Structure).where(Structure.siren == NEW_SIREN)).one()
    assert structure.status is StructureStatus.PENDING
    assert [venue.name for venue in structure.venues] == ["Salle de la Lune"]
    assert membership_of(db_session, person).status is MembershipStatus.VALIDATED
    assert Capacity.PRO in capacities_of(db_session, person)


def _bare_account(db_session) -> User:
    """A confirmed account holding no capacity yet, as a pro just after sign-up."""
    person = factories.users._account(db_session, factories.Role.PRO)
    db_session.commit()
    return person


def test_a_wrong_siren_is_refused_with_a_french_message_on_its_field(client, db_session):
    signed_in_as(client, _bare_account(db_session))
    wrong_check_digit = NEW_SIREN[:-1] + str((int(NEW_SIREN[-1]) + 1) % 10)
    response = submit(client, DECLARE_PATH, declaration(siren=wrong_check_digit))
    assert response.status_code == 422
    error = html(response).find(id="siren-error").get_text()
    assert "Ce SIREN n'existe pas" in error
    assert "siren-error" in html(response).find(id="siren")["aria-describedby"]


def test_a_siren_of_eight_digits_is_refused(client, db_session):
    signed_in_as(client, _bare_account(db_session))
    response = submit(client, DECLARE_PATH, declaration(siren="12345678"))
    assert "9 chiffres" in html(response).find(id="siren-error").get_text()
    assert db_session.scalars(select(Structure)).all() == []


def test_a_known_siren_becomes_a_pending_request_to_join(client, db_session):
    structure = factories.structure(db_session)
    person = _bare_account(db_session)
    signed_in_as(client, person)
    submit(client, DECLARE_PATH, declaration(siren=structure.siren))
    membership = membership_of(db_session, person)
    assert (membership.structure_id, membership.status) == (structure.id, MembershipStatus.PENDING)
    assert capacities_of(db_session, person) == ()


def test_asking_twice_to_join_is_refused(client, db_session):
    structure = factories.structure(db_session)
    person = _bare_account(db_session)
    signed_in_as(client, person)
    submit(client, DECLARE_PATH, declaration(siren=structure.siren))
    response = submit(client, DECLARE_PATH, declaration(siren=structure.siren),
                      follow_redirects=True)
    assert "déjà membre" in html(response).select_one(".flash-error").get_text()


def test_a_young_person_declares_a_structure_and_holds_both_capacities(client, db_session):
    young = factories.young(db_session)
    db_session.commit()
    signed_in_as(client, young)
    submit(client, DECLARE_PATH, declaration())
    assert capacities_of(db_session, young) == (Capacity.BENEFICIARY, Capacity.PRO)


def _request(db_session, structure):
    requester = factories.users._account(db_session, factories.Role.PRO)
    membership = StructureMembership(user=requester, structure=structure,
                                     status=MembershipStatus.PENDING)
    db_session.add(membership)
    db_session.commit()
    return membership


def test_a_member_accepts_a_request_to_join(client, db_session):
    structure = factories.structure(db_session)
    member = factories.pro(db_session, structure=structure)
    membership = _request(db_session, structure)
    signed_in_as(client, member)
    response = submit(client, "/pro/demandes", {},
                      action=f"/pro/demandes/{membership.id}/accepter")
    assert response.status_code == 303
    assert membership_of(db_session, membership.user).status is MembershipStatus.VALIDATED
    assert "est acceptée" in mail_to(db_session, membership.user.email).subject


def test_a_member_refuses_a_request_with_a_reason_the_person_reads(client, db_session):
    structure = factories.structure(db_session)
    member = factories.pro(db_session, structure=structure)
    membership = _request(db_session, structure)
    signed_in_as(client, member)
    submit(client, "/pro/demandes", {f"demande-{membership.id}-reason": "Inconnu chez nous."},
           action=f"/pro/demandes/{membership.id}/refuser")
    assert membership_of(db_session, membership.user).status is MembershipStatus.REJECTED
    assert "Inconnu chez nous." in mail_to(db_session, membership.user.email).body_text


def test_a_member_of_another_structure_cannot_accept(client, db_session):
    membership = _request(db_session, factories.structure(db_session))
    stranger = factories.pro(db_session)
    db_session.commit()
    signed_in_as(client, stranger)
    response = submit(client, "/pro/demandes", {},
                      action=f"/pro/demandes/{membership.id}/accepter")
    assert response.status_code == 404
    assert membership_of(db_session, membership.user).status is MembershipStatus.PENDING


def test_members_of_a_pending_structure_leave_requests_to_staff(client, db_session):
    structure = factories.structure(db_session, status=StructureStatus.PENDING)
    member = factories.pro(db_session, structure=structure)
    membership = _request(db_session, structure)
    signed_in_as(client, member)
    response = submit(client, "/pro/demandes", {},
                      action=f"/pro/demandes/{membership.id}/accepter", follow_redirects=True)
    assert "en attente de validation" in html(response).select_one(".flash-error").get_text()
    assert membership_of(db_session, membership.user).status is MembershipStatus.PENDING


def _staff(db_session):
    person = factories.staff(db_session, permissions=[StaffPermission.VALIDATE_STRUCTURES])
    db_session.commit()
    return person


def test_staff_validate_a_structure_and_its_members_are_told(client, db_session):
    structure = factories.structure(db_session, status=StructureStatus.PENDING)
    member = factories.pro(db_session, structure=structure)
    signed_in_as(client, _staff(db_session))
    queue = client.get("/admin/structures/")
    assert structure.siren in queue.get_data(as_text=True)
    submit(client, f"/admin/structures/{structure.id}", {},
           action=f"/admin/structures/{structure.id}/valider")
    db_session.expire_all()
    assert db_session.get(Structure, structure.id).status is StructureStatus.VALIDATED
    assert "validée" in mail_to(db_session, member.email).subject


def test_staff_reject_a_structure_with_a_reason(client, db_session):
    structure = factories.structure(db_session, status=StructureStatus.PENDING)
    member = factories.pro(db_session, structure=structure)
    signed_in_as(client, _staff(db_session))
    submit(client, f"/admin/structures/{structure.id}", {"reason": "SIREN d'une banque."},
           action=f"/admin/structures/{structure.id}/refuser")
    db_session.expire_all()
    assert db_session.get(Structure, structure.id).status is StructureStatus.REJECTED
    assert "SIREN d'une banque." in mail_to(db_session, member.email).body_text


def test_rejecting_without_a_reason_shows_the_error_on_the_field(client, db_session):
    structure = factories.structure(db_session, status=StructureStatus.PENDING)
    signed_in_as(client, _staff(db_session))
    response = submit(client, f"/admin/structures/{structure.id}", {"reason": ""},
                      action=f"/admin/structures/{structure.id}/refuser")
    assert response.status_code == 422
    assert "reason-error" in html(response).find(id="reason")["aria-describedby"]


def test_staff_accept_a_request_to_join_a_pending_structure(client, db_session):
    membership = _request(db_session, factories.structure(db_session,
                                                          status=StructureStatus.PENDING))
    signed_in_as(client, _staff(db_session))
    submit(client, "/admin/structures/", {},
           action=f"/admin/structures/demandes/{membership.id}/accepter")
    assert membership_of(db_session, membership.user).status is MembershipStatus.VALIDATED


def test_staff_without_the_permission_get_403(client, db_session):
    structure = factories.structure(db_session, status=StructureStatus.PENDING)
    person = factories.staff(db_session, permissions=[StaffPermission.SUPPORT])
    db_session.commit()
    signed_in_as(client, person)
    assert client.get("/admin/structures/").status_code == 403
    assert client.get(f"/admin/structures/{structure.id}").status_code == 403
