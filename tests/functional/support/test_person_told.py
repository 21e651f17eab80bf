"""What support's actions tell the person (docs/domain/support.md): a cancellation and a booking
marked used come with staff's reason, by e-mail and in the app; nothing is told of a refusal."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from models.bookings.api import book
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.notifications import links
from models.notifications.models import Notification
from tests import factories
from tests.functional.support.conftest import post_form, reread


def booking_page(booking) -> str:
    return f"/admin/support/reservations/{booking.id}"


def messages_to(session, person) -> tuple[list[OutboundEmail], list[Notification]]:
    reread(session)
    emails = session.scalars(select(OutboundEmail).where(OutboundEmail.recipient == person.email)
                             .order_by(OutboundEmail.id)).all()
    notes = session.scalars(select(Notification).where(Notification.user_id == person.id)
                            .order_by(Notification.id)).all()
    return emails, notes


def test_a_cancellation_by_staff_tells_the_person_why_and_gives_the_price_back(
        client, agent, db_session, booking, person):
    page = booking_page(booking)
    post_form(client, page, page + "/annuler", {"kind": "staff", "reason": "Offre <retirée>"})
    emails, notes = messages_to(db_session, person)
    cancelled = emails[-1]
    assert cancelled.subject == f"Ta réservation « {booking.offer.name} » est annulée par " \
                                "l'équipe pass Culture"
    assert "Offre <retirée>" in cancelled.body_text and "12,00" in cancelled.body_text
    assert "Offre &lt;retirée&gt;" in cancelled.body_html
    assert (notes[-1].kind, notes[-1].link) == ("booking_cancelled_by_staff",
                                                links.booking(booking.id))


def test_an_english_speaking_person_reads_the_cancellation_in_english(
        client, agent, db_session, booking, person):
    person.locale = "en"
    db_session.commit()
    page = booking_page(booking)
    post_form(client, page, page + "/annuler", {"kind": "fraud", "reason": "Resale"})
    emails, _notes = messages_to(db_session, person)
    assert emails[-1].subject.endswith("was cancelled by the pass Culture team")
    assert "€12.00" in emails[-1].body_text


def test_a_refused_cancellation_tells_nobody(client, agent, db_session, booking, person):
    page = booking_page(booking)
    post_form(client, page, page + "/annuler", {"kind": "staff", "reason": "Une fois"})
    before = messages_to(db_session, person)
    post_form(client, page, page + "/annuler", {"kind": "staff", "reason": "Deux fois"})
    after = messages_to(db_session, person)
    assert [len(part) for part in after] == [len(part) for part in before]


def test_a_booking_marked_used_by_staff_tells_the_person_why(
        client, agent, db_session, booking, person):
    page = booking_page(booking)
    post_form(client, page, page + "/valider", {"used-reason": "Retiré, guichet en panne"})
    emails, notes = messages_to(db_session, person)
    assert emails[-1].subject.endswith("est marquée comme utilisée")
    assert "Retiré, guichet en panne" in emails[-1].body_text
    assert notes[-1].kind == "booking_marked_used_by_staff"


def test_a_mark_used_refused_by_the_counters_rules_tells_nobody(
        client, agent, db_session, person, frozen_clock):
    event = factories.stock(db_session, price_cents=0,
                            offer=factories.offer(db_session, subcategory_id="SEANCE_CINE"),
                            beginning_at=utcnow() + dt.timedelta(days=5))
    early = book(db_session, person.id, event.id, 1, utcnow())
    db_session.commit()
    before = messages_to(db_session, person)
    page = booking_page(early)
    post_form(client, page, page + "/valider", {"used-reason": "Demande du lieu"})
    after = messages_to(db_session, person)
    assert [len(part) for part in after] == [len(part) for part in before]


def test_resending_the_confirmation_sends_the_same_message_and_notification(
        client, agent, db_session, booking, person):
    page = booking_page(booking)
    post_form(client, page, page + "/renvoyer", {})
    emails, notes = messages_to(db_session, person)
    assert [n.kind for n in notes] == ["booking_confirmed", "booking_confirmed"]
    assert emails[0].subject == emails[1].subject
