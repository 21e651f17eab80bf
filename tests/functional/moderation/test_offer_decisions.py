"""Staff decide on held offers: the queue shows what matched, approve, reject with a reason the
pro reads, bulk approve, a decision already taken is refused, every decision is audited and told."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.audit.models import AuditEntry
from models.emails.models import OutboundEmail
from models.moderation.models import RuleKind
from models.offers.models import Offer, Validation
from models.users.models import StaffPermission
from tests import factories
from tests.functional.moderation.conftest import (
    held_offer,
    make_rule,
    reported_review,
    sign_in_staff,
)
from tests.helpers import counted_queries, csrf_token, html, login

QUEUE = "/admin/moderation/"


def fresh(session, model, id_):
    session.rollback()
    session.expire_all()
    return session.get(model, id_)


def audit_of(session, obj) -> list[AuditEntry]:
    session.rollback()
    return session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == type(obj).__tablename__,
        AuditEntry.object_id == str(obj.id)).order_by(AuditEntry.id)).all()


def emails_to(session, address) -> list[OutboundEmail]:
    session.rollback()
    return session.scalars(select(OutboundEmail).where(OutboundEmail.recipient == address)).all()


def member_of(offer):
    return next(m.user for m in offer.venue.structure.memberships)


def post(client, page, action, **data):
    return client.post(action, data={"csrf_token": csrf_token(client.get(page)), **data})


def test_the_queue_lists_held_offers_with_the_rule_structure_venue_and_price(
        client, db_session, moderator):
    rule = make_rule(db_session, RuleKind.WORDS, label="Vocabulaire douteux", words="arnaque")
    offer = held_offer(db_session, rule=rule, name="La grande arnaque", detail="arnaque")
    db_session.commit()
    page = html(client.get(QUEUE))
    row = page.find("a", string="La grande arnaque").find_parent("tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert "Vocabulaire douteux" in cells[2] and "arnaque" in cells[2]
    assert cells[3] == offer.venue.structure.name
    assert cells[4] == offer.venue.name
    assert cells[5] == "15,00\xa0€"


def test_the_queue_lists_the_oldest_first_and_leaves_decided_offers_out(
        client, db_session, moderator, frozen_clock):
    first = held_offer(db_session, name="Première offre")
    frozen_clock.shift(60)
    second = held_offer(db_session, name="Seconde offre")
    factories.offer(db_session, name="Offre publiée")
    db_session.commit()
    names = [link.get_text() for link in html(client.get(QUEUE)).select("tbody th a")]
    assert names == [first.name, second.name]


def test_approving_makes_the_offer_visible_to_young_people_and_tells_the_members(
        client, db_session, moderator):
    offer = held_offer(db_session, name="Visite guidée")
    member = member_of(offer)
    db_session.commit()
    assert client.get(f"/offres/{offer.id}").status_code == 404
    detail = f"/admin/moderation/offres/{offer.id}"
    response = post(client, detail, f"{detail}/valider")
    assert response.status_code == 303
    assert response.location.endswith(QUEUE)
    assert fresh(db_session, Offer, offer.id).validation is Validation.APPROVED
    assert client.get(f"/offres/{offer.id}").status_code == 200
    [email] = emails_to(db_session, member.email)
    assert "Visite guidée" in email.body_text


def test_rejecting_keeps_the_reason_the_pro_reads_on_the_offer_and_by_email(
        client, db_session, moderator):
    offer = held_offer(db_session, name="Stage douteux")
    member = member_of(offer)
    db_session.commit()
    detail = f"/admin/moderation/offres/{offer.id}"
    response = post(client, detail, f"{detail}/refuser",
                    reason="Le prix ne correspond pas à l'offre décrite.")
    assert response.status_code == 303
    rejected = fresh(db_session, Offer, offer.id)
    assert rejected.validation is Validation.REJECTED
    [email] = emails_to(db_session, member.email)
    assert "Le prix ne correspond pas à l'offre décrite." in email.body_text
    client.post("/deconnexion", data={"csrf_token": csrf_token(client.get("/admin/"))})
    login(client, member.email, factories.PASSWORD)
    page = html(client.get(f"/pro/offres/{offer.id}"))
    assert "Le prix ne correspond pas à l'offre décrite." in page.find("main").get_text()


def test_rejecting_without_a_reason_shows_the_message_beside_the_field(
        client, db_session, moderator):
    offer = held_offer(db_session)
    db_session.commit()
    detail = f"/admin/moderation/offres/{offer.id}"
    response = post(client, detail, f"{detail}/refuser", reason="   ")
    assert response.status_code == 422
    field = html(response).find("textarea", attrs={"name": "reason"})
    assert field["aria-invalid"] == "true"
    assert fresh(db_session, Offer, offer.id).validation is Validation.PENDING


@pytest.mark.parametrize("action", ["valider", "refuser"])
def test_a_decision_already_taken_by_another_member_of_staff_is_refused(
        client, db_session, moderator, action):
    offer = held_offer(db_session)
    db_session.commit()
    detail = f"/admin/moderation/offres/{offer.id}"
    token = csrf_token(client.get(detail))
    assert client.post(f"{detail}/refuser", data={"csrf_token": token,
                                                  "reason": "Refus"}).status_code == 303
    response = client.post(f"{detail}/{action}", data={"csrf_token": token, "reason": "Autre"},
                           follow_redirects=True)
    assert "un autre membre de l'équipe l'a déjà validée ou refusée" in html(response).get_text()
    assert fresh(db_session, Offer, offer.id).rejection_reason == "Refus"
    assert len(audit_of(db_session, offer)) == 1


def test_bulk_approval_approves_the_ticked_offers_and_counts_those_already_decided(
        client, db_session, moderator):
    ticked = [held_offer(db_session, name=f"Cochée {n}") for n in range(3)]
    untouched = held_offer(db_session, name="Pas cochée")
    ticked[2].validation = Validation.REJECTED
    db_session.commit()
    token = csrf_token(client.get(QUEUE))
    response = client.post(QUEUE + "valider", data={
        "csrf_token": token, "offer_ids": [str(offer.id) for offer in ticked]},
        follow_redirects=True)
    text = html(response).find("main").get_text()
    assert "2 offres validées." in text and "1 était déjà décidée" in text
    states = [fresh(db_session, Offer, offer.id).validation for offer in [*ticked, untouched]]
    assert states == [Validation.APPROVED, Validation.APPROVED, Validation.REJECTED,
                      Validation.PENDING]


def test_bulk_approval_with_nothing_ticked_asks_to_tick(client, db_session, moderator):
    response = client.post(QUEUE + "valider", data={"csrf_token": csrf_token(client.get(QUEUE))},
                           follow_redirects=True)
    assert "Coche au moins une offre à valider." in html(response).get_text()


def test_bulk_approval_refuses_ids_that_cannot_be_ids(client, db_session, moderator):
    response = client.post(QUEUE + "valider", data={
        "csrf_token": csrf_token(client.get(QUEUE)), "offer_ids": ["99999999999999"]},
        follow_redirects=True)
    assert response.status_code == 200
    assert "Cette sélection n'est pas valide." in html(response).get_text()


def test_every_decision_writes_who_what_when_which_and_why_in_the_audit(
        client, db_session, moderator):
    rule = make_rule(db_session, RuleKind.WORDS, label="Mots interdits", words="arnaque")
    approved, rejected = held_offer(db_session, rule=rule), held_offer(db_session, rule=rule)
    db_session.commit()
    for offer, action, data in [(approved, "valider", {}),
                                (rejected, "refuser", {"reason": "Hors charte"})]:
        detail = f"/admin/moderation/offres/{offer.id}"
        post(client, detail, f"{detail}/{action}", **data)
    [approval] = audit_of(db_session, approved)
    [rejection] = audit_of(db_session, rejected)
    assert (approval.actor_id, approval.action, approval.details) == (
        moderator.id, "offer.approve", {"rules": ["Mots interdits"]})
    assert (rejection.actor_id, rejection.action, rejection.details["reason"]) == (
        moderator.id, "offer.reject", "Hors charte")
    assert approval.at is not None


@pytest.mark.parametrize("path", [QUEUE, "/admin/moderation/regles",
                                  "/admin/moderation/structures", "/admin/avis/"])
def test_staff_without_the_moderation_permission_get_403(client, db_session, path):
    sign_in_staff(client, db_session, permissions=[p for p in StaffPermission
                                                    if p is not StaffPermission.MODERATE])
    assert client.get(path).status_code == 403


def test_staff_without_the_moderation_permission_cannot_approve(client, db_session):
    offer = held_offer(db_session)
    sign_in_staff(client, db_session, permissions=[StaffPermission.SUPPORT])
    token = csrf_token(client.get("/admin/courriels/"))
    response = client.post(f"/admin/moderation/offres/{offer.id}/valider",
                           data={"csrf_token": token})
    assert response.status_code == 403
    assert fresh(db_session, Offer, offer.id).validation is Validation.PENDING


def test_the_staff_home_links_its_counters_to_the_queues(client, db_session, moderator):
    held_offer(db_session)
    db_session.commit()
    links = {a["href"] for a in html(client.get("/admin/")).find("main").find_all("a")}
    assert {QUEUE, "/admin/avis/"} <= links


@pytest.mark.parametrize("path", [QUEUE, "/admin/avis/"])
def test_the_queues_send_as_many_queries_for_ten_items_as_for_one(
        app, client, db_session, moderator, path):
    def queries() -> int:
        with counted_queries(app) as statements:
            assert client.get(path).status_code == 200
        return len(statements)

    held_offer(db_session)
    reported_review(db_session)
    db_session.commit()
    one = queries()
    for _ in range(9):
        held_offer(db_session)
        reported_review(db_session, reporters=2)
    db_session.commit()
    assert queries() == one


def test_the_queue_is_paged_and_a_page_beyond_the_last_shows_the_last(
        client, db_session, moderator, monkeypatch):
    monkeypatch.setattr("webapp.views.admin.moderation.QUEUE_PAGE_SIZE", 2)
    names = [held_offer(db_session, name=f"Offre {n}").name for n in range(3)]
    db_session.commit()

    def listed(path):
        return [a.get_text() for a in html(client.get(path)).select("tbody th a")]

    assert listed(QUEUE) == names[:2]
    assert listed(QUEUE + "?page=2") == names[2:]
    assert listed(QUEUE + "?page=99999999999") == names[:2]
    assert listed(QUEUE + "?page=7") == names[2:]
    page = html(client.get(QUEUE))
    assert page.find("a", rel="next")["href"] == QUEUE + "?page=2"
