"""docs/domain/6-structures.md: staff decide on structures, and may put a decided one back to
pending; its offers follow: shown once validated, hidden when rejected or pending again."""

from __future__ import annotations

from sqlalchemy import select

from models.audit.models import AuditEntry
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureMembership,
    StructureStatus,
)
from models.offers.models import Validation
from models.offers.repository import bookable_offers_query
from models.users.models import StaffPermission
from tests import factories
from tests.functional.discovery.deck_data import bookable_offer, venue_at
from tests.helpers import csrf_token, html, login

SEARCH = "/recherche/?lieu=Montpellier&commune=34172"


def page_of(structure) -> str:
    return f"/admin/structures/{structure.id}"


def sign_in_staff(client, session):
    staff = factories.staff(session, permissions=[StaffPermission.VALIDATE_STRUCTURES],
                            email="structures@example.org")
    session.commit()
    assert login(client, staff.email, factories.PASSWORD).status_code == 303
    return staff


def decided(session, status: StructureStatus, **fields):
    """A structure with one member and one bookable offer named "Roman de la Lune"."""
    structure = factories.structure(session, status=status, name="Librairie de la Lune",
                                    **fields)
    member = factories.pro(session, structure=structure, email="gerante@lune.example")
    offer = bookable_offer(session, venue=venue_at(session, 1, structure=structure),
                           name="Roman de la Lune")
    session.commit()
    return structure, member, offer


def put_back(client, structure, reason: str):
    token = csrf_token(client.get(page_of(structure)))
    return client.post(page_of(structure) + "/remettre-en-attente",
                       data={"csrf_token": token, "attente-reason": reason})


def found(client) -> list[str]:
    return [title.get_text(strip=True)
            for title in html(client.get(SEARCH)).select("#results-list .offer-card-title")]


def reread(session, structure) -> Structure:
    session.rollback()
    session.expire_all()
    return session.get(Structure, structure.id)


def test_putting_a_validated_structure_back_hides_its_offers_and_tells_its_members(
    client, db_session
):
    structure, member, offer = decided(db_session, StructureStatus.VALIDATED)
    assert "Roman de la Lune" in found(client)
    staff = sign_in_staff(client, db_session)

    response = put_back(client, structure, "SIREN radié depuis la validation.")
    assert response.status_code == 303
    structure = reread(db_session, structure)
    assert (structure.status, structure.validated_at) == (StructureStatus.PENDING, None)
    mail = db_session.scalars(select(OutboundEmail)
                              .where(OutboundEmail.recipient == member.email)).one()
    assert "attend à nouveau une décision" in mail.subject
    assert "SIREN radié depuis la validation." in mail.body_text
    [line] = db_session.scalars(select(AuditEntry).where(
        AuditEntry.action == "structure.pending_again")).all()
    assert (line.actor_id, line.object_id) == (staff.id, str(structure.id))
    assert line.details == {"reason": "SIREN radié depuis la validation.",
                            "previous_status": "validated"}

    assert "Roman de la Lune" not in found(client)
    assert offer.id not in {shown.id for shown in
                            db_session.scalars(bookable_offers_query(utcnow()))}


def test_validating_again_shows_the_offers_again_and_is_written_in_the_audit_log(
    client, db_session
):
    structure, _member, _offer = decided(db_session, StructureStatus.REJECTED,
                                         rejection_reason="Activité sans lien")
    staff = sign_in_staff(client, db_session)
    assert put_back(client, structure, "Nouvelles pièces reçues.").status_code == 303
    structure = reread(db_session, structure)
    assert (structure.status, structure.rejection_reason) == (StructureStatus.PENDING, None)
    assert "Roman de la Lune" not in found(client)

    token = csrf_token(client.get(page_of(structure)))
    assert client.post(page_of(structure) + "/valider",
                       data={"csrf_token": token}).status_code == 303
    assert reread(db_session, structure).status is StructureStatus.VALIDATED
    assert "Roman de la Lune" in found(client)
    actions = [(line.action, line.actor_id) for line in
               db_session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == [("structure.pending_again", staff.id), ("structure.validated", staff.id)]


def test_putting_back_needs_a_reason_and_a_decided_structure(client, db_session):
    structure, member, _offer = decided(db_session, StructureStatus.VALIDATED)
    waiting = factories.structure(db_session, status=StructureStatus.PENDING, name="En attente")
    db_session.commit()
    sign_in_staff(client, db_session)

    response = put_back(client, structure, "   ")
    assert response.status_code == 422
    error = html(response).find(id="attente-reason-error")
    assert error is not None and "Indique la raison" in error.get_text()
    assert reread(db_session, structure).status is StructureStatus.VALIDATED

    token = csrf_token(client.get(page_of(structure)))
    response = client.post(page_of(waiting) + "/remettre-en-attente",
                           data={"csrf_token": token, "attente-reason": "Pour voir"})
    assert response.status_code == 303
    assert "attend déjà une décision" in client.get(response.location).get_data(as_text=True)
    assert db_session.scalar(select(AuditEntry)) is None
    assert db_session.scalar(select(OutboundEmail)) is None


def test_the_detail_page_shows_who_asked_and_the_first_offers(client, db_session):
    structure, member, _offer = decided(db_session, StructureStatus.PENDING)
    factories.offer(db_session, venue=structure.venues[0], name="Brouillon de la Lune",
                    validation=Validation.DRAFT)
    asking = factories.young(db_session, email="libraire@lune.example")
    db_session.add(StructureMembership(user_id=asking.id, structure_id=structure.id,
                                       status=MembershipStatus.PENDING))
    db_session.commit()
    sign_in_staff(client, db_session)
    page = html(client.get(page_of(structure))).get_text(" ", strip=True)
    assert "gerante@lune.example, membre" in page and "(a déclaré la structure)" in page
    assert "libraire@lune.example, demande en attente" in page
    assert "Roman de la Lune Publiée" in page and "Brouillon de la Lune Brouillon" in page
    assert "aucune de ses offres n'est visible des jeunes" in page
    assert "Remettre en attente" not in page  # not decided yet


def test_the_queue_links_to_decided_structures(client, db_session):
    structure, _member, _offer = decided(db_session, StructureStatus.VALIDATED)
    sign_in_staff(client, db_session)
    queue = html(client.get("/admin/structures/"))
    link = queue.find("a", href=page_of(structure))
    assert link is not None and "validée" in link.parent.get_text()
    assert "Remettre en attente" in client.get(page_of(structure)).get_data(as_text=True)
