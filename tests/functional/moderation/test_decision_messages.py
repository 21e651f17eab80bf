"""Moderation decisions are told with the one catalogue and `tell`: an e-mail in the person's
language (text and HTML) and an in-app notification leading to the offer
(docs/domain/messages.md, docs/domain/moderation.md)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from models.emails.models import OutboundEmail
from models.moderation import api, reviews
from models.notifications import links
from models.notifications.models import Notification
from models.users.models import StaffPermission
from tests import factories
from tests.functional.moderation.conftest import held_offer, reported_review
from tests.helpers import html, login

NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)


def told(session, person) -> tuple[list[OutboundEmail], list[Notification]]:
    session.flush()
    emails = session.scalars(select(OutboundEmail).where(OutboundEmail.recipient == person.email)
                             .order_by(OutboundEmail.id)).all()
    notes = session.scalars(select(Notification).where(Notification.user_id == person.id)
                            .order_by(Notification.id)).all()
    return emails, notes


def staff(session):
    return factories.staff(session, permissions=[StaffPermission.MODERATE])


def the_member(offer):
    return next(m.user for m in offer.venue.structure.memberships)


def test_a_rejection_is_emailed_and_notified_with_its_reason_and_the_offers_page(db_session):
    offer = held_offer(db_session, name="Stage douteux")
    member = the_member(offer)
    api.reject(db_session, staff(db_session), offer.id, "Prix <b>incohérent</b>", NOW)
    [email], [note] = told(db_session, member)
    assert email.subject == "Offre refusée : Stage douteux"
    assert "Prix <b>incohérent</b>" in email.body_text
    assert "Prix &lt;b&gt;incohérent&lt;/b&gt;" in email.body_html
    assert (note.kind, note.link, note.values["reason"]) == (
        "offer_rejected", links.pro_offer(offer.id), "Prix <b>incohérent</b>")


def test_an_english_speaking_member_reads_the_rejection_in_english(db_session):
    offer = held_offer(db_session, name="Workshop")
    member = the_member(offer)
    member.locale = "en"
    api.reject(db_session, staff(db_session), offer.id, "Wrong price", NOW)
    [email], _notes = told(db_session, member)
    assert email.subject == "Offer rejected: Workshop"
    assert email.body_text.rstrip().endswith("The pass Culture team")


def test_an_approval_lists_the_offers_and_leads_to_the_offer(db_session):
    offer = held_offer(db_session, name="Visite guidée")
    member = the_member(offer)
    api.approve(db_session, staff(db_session), offer.id, NOW)
    [email], [note] = told(db_session, member)
    assert "- Visite guidée" in email.body_text and email.body_html
    assert (note.kind, note.link) == ("offers_approved", links.pro_offer(offer.id))


def test_a_bulk_approval_tells_each_member_once_and_leads_to_the_list(db_session):
    structure = factories.structure(db_session)
    first = held_offer(db_session, structure=structure, name="Premier")
    second = held_offer(db_session, structure=structure, name="Second")
    member = the_member(first)
    api.bulk_approve(db_session, staff(db_session), [first.id, second.id], NOW)
    [email], [note] = told(db_session, member)
    assert "- Premier" in email.body_text and "- Second" in email.body_text
    assert note.link == links.PRO_OFFERS


def test_hiding_a_review_tells_the_author_and_each_reporter_by_email_and_in_the_app(db_session):
    review, author, reporters = reported_review(db_session, reporters=2)
    reviews.hide_review(db_session, staff(db_session), review.id, "Propos injurieux", NOW)
    emails, notes = told(db_session, author)
    assert [n.kind for n in notes if n.kind == "review_hidden"] == ["review_hidden"]
    assert "Propos injurieux" in emails[-1].body_text and emails[-1].body_html
    hidden = next(n for n in notes if n.kind == "review_hidden")
    assert hidden.link == links.offer(review.offer_id)
    for reporter in reporters:
        [email], [note] = told(db_session, reporter)
        assert email.subject == "Ton signalement a été pris en compte"
        assert note.kind == "report_upheld"


def test_keeping_a_review_notifies_the_reporters_only(db_session):
    review, author, [reporter] = reported_review(db_session)
    reviews.keep_review(db_session, staff(db_session), review.id, NOW)
    _emails, notes = told(db_session, author)
    assert "review_hidden" not in [n.kind for n in notes]
    [_email], [note] = told(db_session, reporter)
    assert note.kind == "report_dismissed"


def test_an_anonymised_reporter_is_told_nothing(db_session):
    review, _author, [reporter] = reported_review(db_session)
    reporter.anonymised_at = NOW
    reviews.hide_review(db_session, staff(db_session), review.id, "Propos injurieux", NOW)
    assert told(db_session, reporter) == ([], [])


def test_the_offer_links_of_notifications_lead_to_their_pages(app):
    adapter = app.url_map.bind("localhost")
    assert adapter.match(links.offer(3))[0] == "offers.detail"
    assert adapter.match(links.pro_offer(3))[0] == "pro_offers.show"
    assert adapter.match(links.PRO_OFFERS)[0] == "pro_offers.index"


def test_the_member_reads_the_rejection_on_the_notifications_page(client, db_session):
    offer = held_offer(db_session, name="Stage douteux")
    member = the_member(offer)
    api.reject(db_session, staff(db_session), offer.id, "Prix incohérent", NOW)
    db_session.commit()
    login(client, member.email, factories.PASSWORD)
    page = html(client.get("/notifications/"))
    [entry] = [item for item in page.select(".notification-list li")
               if "Offre refusée : Stage douteux" in item.h2.get_text(" ", strip=True)]
    assert "Prix incohérent" in entry.get_text(" ", strip=True)
    assert entry.find("a", href=links.pro_offer(offer.id)) is not None
