"""Each support action: what it changes, its audit line, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.bookings.api import book, validate_at_counter
from models.bookings.exceptions import AccountSuspended
from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.finance.api import issue_statements
from models.finance.models import LineKind, StatementLine
from models.finance.periods import Period
from models.unit_of_work import atomic
from models.users.models import User
from tests import factories
from tests.functional.finance.builders import paris, pricing_point, used_booking
from tests.functional.support.conftest import audit_of, post_form, reread
from tests.helpers import html, login


def booking_page(booking) -> str:
    return f"/admin/support/reservations/{booking.id}"


def person_page(person) -> str:
    return f"/admin/support/personnes/{person.id}"


def remaining(session, person) -> int:
    reread(session)
    return credit_summary(session, current_deposit(session, person.id, utcnow())).remaining_cents


def test_cancelling_gives_the_credit_back_and_writes_who_what_when_why(
    client, agent, db_session, booking, person
):
    before = remaining(db_session, person)
    response = post_form(client, booking_page(booking), booking_page(booking) + "/annuler",
                         {"kind": "fraud", "reason": "Revente de la contremarque"})
    assert response.status_code == 303
    reread(db_session)
    assert (booking.status, booking.cancellation_reason) == (BookingStatus.CANCELLED,
                                                             CancellationReason.FRAUD)
    assert remaining(db_session, person) == before + 1200
    [line] = audit_of(db_session, booking)
    assert (line.actor_id, line.action) == (agent.id, "booking.cancel")
    assert abs(line.at - utcnow()) < dt.timedelta(minutes=1)
    assert line.details["reason"] == "Revente de la contremarque"
    assert line.details["previous_status"] == "confirmed"
    page = html(client.get(booking_page(booking))).get_text(" ", strip=True)
    assert "Revente de la contremarque" in page


def test_a_cancellation_without_reason_is_refused_beside_the_field(client, agent, db_session,
                                                                   booking):
    response = post_form(client, booking_page(booking), booking_page(booking) + "/annuler",
                         {"kind": "staff", "reason": "  "})
    assert response.status_code == 422
    error = html(response).select_one("#reason-error")
    assert "Indique la raison" in error.get_text()
    reread(db_session)
    assert booking.status is BookingStatus.CONFIRMED
    assert audit_of(db_session, booking) == []


def test_a_cancelled_booking_cannot_be_cancelled_twice(client, agent, db_session, booking):
    for _ in range(2):
        post_form(client, booking_page(booking), booking_page(booking) + "/annuler",
                  {"kind": "staff", "reason": "Demande de la personne"})
    assert len(audit_of(db_session, booking)) == 1


def test_a_reimbursed_booking_is_cancelled_with_a_correction_on_the_next_statement(
    client, agent, db_session
):
    point = pricing_point(db_session)
    offer = factories.offer(db_session, venue=point, subcategory_id="SEANCE_CINE")
    owner = factories.young(db_session)
    booking = used_booking(db_session, offer, used_at=paris(2026, 2, 20), price_cents=800,
                           user=owner)
    db_session.commit()
    with atomic(db_session):
        issue_statements(db_session, Period(2026, 2, 2), utcnow())
    reread(db_session)
    assert booking.status is BookingStatus.REIMBURSED
    response = post_form(client, booking_page(booking), booking_page(booking) + "/annuler",
                         {"kind": "staff", "reason": "Séance jamais tenue"})
    assert response.status_code == 303
    reread(db_session)
    assert booking.status is BookingStatus.CANCELLED
    with atomic(db_session):
        issue_statements(db_session, Period(2026, 3, 1), paris(2026, 3, 16, 9))
    lines = db_session.scalars(select(StatementLine).where(
        StatementLine.booking_id == booking.id, StatementLine.kind == LineKind.CORRECTION)).all()
    assert [line.reimbursed_cents for line in lines] == [-800]
    [line] = audit_of(db_session, booking)
    assert (line.action, line.details["previous_status"]) == ("booking.cancel", "reimbursed")


def test_marking_used_follows_the_counters_rules_and_is_audited(client, agent, db_session,
                                                               booking, person):
    page = booking_page(booking)
    assert post_form(client, page, page + "/valider",
                     {"used-reason": "Guichet en panne"}).status_code == 303
    reread(db_session)
    assert booking.status is BookingStatus.USED
    [line] = audit_of(db_session, booking)
    assert (line.action, line.details["reason"]) == ("booking.mark_used", "Guichet en panne")

    event = factories.stock(db_session, price_cents=0,
                            offer=factories.offer(db_session, subcategory_id="SEANCE_CINE"),
                            beginning_at=utcnow() + dt.timedelta(days=5))
    early = book(db_session, person.id, event.id, 1, utcnow())
    db_session.commit()
    response = post_form(client, booking_page(early), booking_page(early) + "/valider",
                         {"used-reason": "Demande du lieu"})
    assert response.status_code == 303
    flashed = html(client.get(booking_page(early))).get_text(" ", strip=True)
    assert "pas encore" in flashed.lower() or "trop tôt" in flashed.lower()
    reread(db_session)
    assert early.status is BookingStatus.CONFIRMED
    assert audit_of(db_session, early) == []


def test_resending_queues_the_confirmation_to_the_person(client, agent, db_session, booking):
    page = booking_page(booking)
    assert post_form(client, page, page + "/renvoyer", {}).status_code == 303
    sent_at_booking, resent = db_session.scalars(select(OutboundEmail).where(
        OutboundEmail.recipient == "lou.martin@example.org").order_by(OutboundEmail.id)).all()
    assert resent.subject == sent_at_booking.subject
    assert booking.token in resent.body_text
    [line] = audit_of(db_session, booking)
    assert line.action == "booking.resend_confirmation"


def test_a_suspended_person_cannot_sign_in_or_book_but_their_bookings_stay_valid(
    app, client, agent, db_session, booking, person
):
    young_client = app.test_client()
    assert login(young_client, person.email, factories.PASSWORD).status_code == 303
    assert young_client.get("/reservations/").status_code == 200

    response = post_form(client, person_page(person), person_page(person) + "/suspendre",
                         {"reason": "Fraude à l'identité"})
    assert response.status_code == 303
    [line] = audit_of(db_session, person)
    assert (line.actor_id, line.action, line.details["reason"]) == (
        agent.id, "user.suspend", "Fraude à l'identité")

    # The session opened before is over at once.
    assert young_client.get("/reservations/").status_code == 302
    refused = login(young_client, person.email, factories.PASSWORD)
    assert refused.status_code == 422
    assert "Ce compte est suspendu" in refused.get_data(as_text=True)
    # A wrong password says nothing of the suspension.
    wrong = login(young_client, person.email, "not-the-password")
    assert "suspendu" not in wrong.get_data(as_text=True)

    stock = factories.stock(db_session, price_cents=500)
    db_session.commit()
    with pytest.raises(AccountSuspended), atomic(db_session):
        book(db_session, person.id, stock.id, 1, utcnow())
    with atomic(db_session):
        validate_at_counter(db_session, db_session.get(Booking, booking.id), utcnow())
    assert db_session.get(Booking, booking.id).status is BookingStatus.USED

    response = post_form(client, person_page(person), person_page(person) + "/reactiver",
                         {"reason": "Pièce vérifiée"})
    assert response.status_code == 303
    reread(db_session)
    assert db_session.get(User, person.id).suspended_at is None
    assert [line.action for line in audit_of(db_session, person)] == ["user.suspend",
                                                                       "user.unsuspend"]
    assert login(young_client, person.email, factories.PASSWORD).status_code == 303


def test_suspending_needs_a_reason(client, agent, db_session, person):
    response = post_form(client, person_page(person), person_page(person) + "/suspendre",
                         {"reason": ""})
    assert response.status_code == 422
    reread(db_session)
    assert person.suspended_at is None
    assert audit_of(db_session, person) == []


def test_staff_cannot_suspend_themselves(client, agent, db_session):
    page = person_page(agent)
    post_form(client, page, page + "/suspendre", {"reason": "Essai"})
    reread(db_session)
    assert db_session.get(User, agent.id).suspended_at is None
    assert "propre compte" in html(client.get(page)).get_text()
