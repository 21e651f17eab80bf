"""A rejected offer, edited by its structure, is submitted again to staff: it waits in the queue
whatever the rules say, the reason stays shown until the new decision, and the offer's history
keeps the refusal (docs/domain/moderation.md)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.db import utcnow
from models.moderation import api as moderation
from models.moderation.models import ModerationMatch, RuleKind
from models.offers.api import resubmit_offer, update_details
from models.offers.exceptions import NotRejected
from models.offers.models import Offer, OfferChange, Validation
from models.offers.validation import OfferDetails
from models.users.models import StaffPermission
from tests import factories
from tests.functional.moderation.conftest import held_offer, make_rule
from tests.helpers import csrf_token, html, login


def rejected_offer(session, reason="Le prix ne correspond pas."):
    rule = make_rule(session, RuleKind.WORDS, label="Vocabulaire", words="arnaque")
    offer = held_offer(session, rule=rule, name="La grande arnaque",
                       subcategory_id="SUPPORT_PHYSIQUE_FILM")
    staff = factories.staff(session, permissions=[StaffPermission.MODERATE])
    moderation.reject(session, staff, offer.id, reason, utcnow())
    return offer, staff, rule


def member_of(offer):
    return next(m.user for m in offer.venue.structure.memberships)


def history(session, offer) -> list[tuple]:
    session.flush()
    return [(c.field, c.old, c.new) for c in session.scalars(
        select(OfferChange).where(OfferChange.offer_id == offer.id).order_by(OfferChange.id))]


def test_a_rejected_offer_submitted_again_waits_for_staff_with_its_reason_kept(db_session):
    offer, _staff, _rule = rejected_offer(db_session)
    member = member_of(offer)
    update_details(db_session, offer, OfferDetails(name="La grande aventure"), person=member,
                   now=utcnow())
    assert offer.validation is Validation.REJECTED
    resubmit_offer(db_session, offer, person=member, now=utcnow())
    assert offer.validation is Validation.PENDING
    assert offer.rejection_reason == "Le prix ne correspond pas."
    assert ("validation", "rejected", "pending") in history(db_session, offer)


def test_it_waits_for_staff_even_when_no_rule_matches_any_more_and_keeps_the_old_match(
        db_session):
    offer, _staff, rule = rejected_offer(db_session)
    offer.name = "Un titre sage"
    resubmit_offer(db_session, offer, person=None, now=utcnow())
    assert offer.validation is Validation.PENDING
    assert [m.rule_id for m in db_session.scalars(select(ModerationMatch))] == [rule.id]


def test_the_rules_matched_now_replace_the_old_record(db_session):
    offer, _staff, _rule = rejected_offer(db_session)
    price_rule = make_rule(db_session, RuleKind.PRICE, price_threshold_cents=1000)
    offer.name = "Un titre sage"
    resubmit_offer(db_session, offer, person=None, now=utcnow())
    assert [(m.rule_id, m.detail) for m in db_session.scalars(select(ModerationMatch))] == [
        (price_rule.id, "1500")]


@pytest.mark.parametrize("validation", [Validation.DRAFT, Validation.PENDING,
                                        Validation.APPROVED])
def test_only_a_rejected_offer_can_be_submitted_again(db_session, validation):
    offer = factories.offer(db_session, validation=validation)
    with pytest.raises(NotRejected):
        resubmit_offer(db_session, offer, person=None, now=utcnow())
    assert offer.validation is validation


def test_a_new_decision_replaces_the_reason_and_the_history_keeps_both(db_session):
    offer, staff, _rule = rejected_offer(db_session)
    resubmit_offer(db_session, offer, person=member_of(offer), now=utcnow())
    moderation.approve(db_session, staff, offer.id, utcnow())
    assert (offer.validation, offer.rejection_reason) == (Validation.APPROVED, None)
    assert history(db_session, offer) == [
        ("validation", "pending", "rejected"),
        ("rejection_reason", None, "Le prix ne correspond pas."),
        ("validation", "rejected", "pending"),
        ("validation", "pending", "approved"),
        ("rejection_reason", "Le prix ne correspond pas.", None),
    ]


def test_the_pro_edits_submits_again_and_reads_the_former_reason_until_the_decision(
        client, db_session):
    offer, _staff, _rule = rejected_offer(db_session)
    member = member_of(offer)
    db_session.commit()
    login(client, member.email, factories.PASSWORD)
    page = f"/pro/offres/{offer.id}"
    shown = html(client.get(page))
    assert "Motif du refus : Le prix ne correspond pas." in shown.main.get_text(" ", strip=True)
    button = shown.find("button", string="Soumettre à nouveau")
    form = button.find_parent("form")
    response = client.post(form["action"], data={"csrf_token": csrf_token(client.get(page))},
                           follow_redirects=True)
    assert "Offre soumise à nouveau" in html(response).get_text()
    db_session.rollback()
    db_session.expire_all()
    assert db_session.get(Offer, offer.id).validation is Validation.PENDING
    text = html(client.get(page)).main.get_text(" ", strip=True)
    assert "Motif du refus précédent : Le prix ne correspond pas." in text
    assert "Soumettre à nouveau" not in text
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in html(client.get(page)).select("table tbody tr")]
    assert rows[-1][1:] == \
        ["Équipe pass Culture", "Validation", "En attente de validation", "Refusée"]
    assert [member.email, "Validation", "Refusée", "En attente de validation"] == rows[0][1:]


def test_submitting_again_an_offer_not_rejected_is_refused_with_a_message(client, db_session):
    offer = held_offer(db_session)
    member = member_of(offer)
    db_session.commit()
    login(client, member.email, factories.PASSWORD)
    page = f"/pro/offres/{offer.id}"
    response = client.post(f"{page}/soumettre-a-nouveau",
                           data={"csrf_token": csrf_token(client.get(page))},
                           follow_redirects=True)
    assert "Seule une offre refusée peut être soumise à nouveau" in html(response).get_text()


def test_another_structures_offer_cannot_be_submitted_again(client, db_session):
    offer, _staff, _rule = rejected_offer(db_session)
    stranger = factories.pro(db_session)
    db_session.commit()
    login(client, stranger.email, factories.PASSWORD)
    page = "/pro/offres/"
    response = client.post(f"/pro/offres/{offer.id}/soumettre-a-nouveau",
                           data={"csrf_token": csrf_token(client.get(page))})
    assert response.status_code == 404


def test_staff_read_in_the_queue_that_the_offer_comes_back_after_a_refusal(client, db_session):
    offer, _staff, _rule = rejected_offer(db_session)
    resubmit_offer(db_session, offer, person=None, now=utcnow())
    moderator = factories.staff(db_session, permissions=[StaffPermission.MODERATE])
    db_session.commit()
    login(client, moderator.email, factories.PASSWORD)
    row = html(client.get("/admin/moderation/")).find("a", string=offer.name).find_parent("tr")
    assert "Soumise à nouveau après un refus" in row.get_text(" ", strip=True)
    detail = html(client.get(f"/admin/moderation/offres/{offer.id}")).main.get_text(" ",
                                                                                     strip=True)
    assert "après un refus pour ce motif : Le prix ne correspond pas." in detail
