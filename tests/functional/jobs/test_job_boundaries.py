"""docs/domain/jobs.md: each job at the edges of its rule, run twice to show it is idempotent.

Instants are relative to the test's clock, so the clock sweep (tests/clock.py) runs these at
late evenings, daylight-saving changes and overseas; the booking's person lives in Montpellier.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models.bookings.api import book
from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.credit.api import open_deposit
from models.credit.models import Deposit
from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.identity.models import IdentityCheck, IdentityCheckStatus, IdentityDocument
from models.users.models import User
from tests import factories

PARIS = ZoneInfo("Europe/Paris")
DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


def counts(runs: dict) -> dict:
    """The counts of the one job run, which must have been done."""
    [job_run] = runs.values()
    assert job_run.outcome.value == "done", job_run.detail
    return json.loads(job_run.summary)


def booking_of(session, subcategory_id: str, **stock_fields) -> Booking:
    person = factories.young(session)
    factories.deposit(session, person)
    offer = factories.offer(session, subcategory_id=subcategory_id)
    stock = factories.stock(session, offer=offer, price_cents=1500, **stock_fields)
    booking = book(session, person.id, stock.id, 1, utcnow())
    session.commit()
    return booking


def status_of(session, booking: Booking) -> BookingStatus:
    return session.get(Booking, booking.id).status


def test_a_dvd_is_still_booked_after_29_days_and_expired_after_31(db_session, run_at):
    booking = booking_of(db_session, "SUPPORT_PHYSIQUE_FILM")
    booked = booking.booked_at
    assert counts(run_at(booked + 29 * DAY, "expire_unused_bookings")) == {"bookings_expired": 0}
    assert status_of(db_session, booking) is BookingStatus.CONFIRMED
    assert counts(run_at(booked + 31 * DAY, "expire_unused_bookings")) == {"bookings_expired": 1}
    assert counts(run_at(booked + 31 * DAY + HOUR, "expire_unused_bookings")) == {
        "bookings_expired": 0}
    expired = db_session.get(Booking, booking.id)
    assert expired.cancellation_reason is CancellationReason.EXPIRED


def test_a_paper_book_is_still_booked_after_9_days_and_expired_after_11(db_session, run_at):
    booking = booking_of(db_session, "LIVRE_PAPIER")
    booked = booking.booked_at
    assert counts(run_at(booked + 9 * DAY, "expire_unused_bookings")) == {"bookings_expired": 0}
    assert counts(run_at(booked + 11 * DAY, "expire_unused_bookings")) == {"bookings_expired": 1}
    assert counts(run_at(booked + 11 * DAY + HOUR, "expire_unused_bookings")) == {
        "bookings_expired": 0}
    assert status_of(db_session, booking) is BookingStatus.CANCELLED


def test_expiry_gives_the_credit_back(db_session, run_at):
    booking = booking_of(db_session, "LIVRE_PAPIER")
    deposit = db_session.get(Deposit, booking.deposit_id)
    before = credit_summary(db_session, deposit).remaining_cents
    run_at(booking.booked_at + 11 * DAY, "expire_unused_bookings")
    assert credit_summary(db_session, deposit).remaining_cents == before + 1500


def test_an_event_is_marked_used_49_hours_after_its_start_not_47(db_session, run_at):
    start = utcnow() + 72 * HOUR
    booking = booking_of(db_session, "CONCERT", beginning_at=start)
    assert counts(run_at(start + 47 * HOUR, "mark_past_events_used")) == {"bookings_used": 0}
    assert status_of(db_session, booking) is BookingStatus.CONFIRMED
    assert counts(run_at(start + 49 * HOUR, "mark_past_events_used")) == {"bookings_used": 1}
    assert counts(run_at(start + 50 * HOUR, "mark_past_events_used")) == {"bookings_used": 0}
    assert status_of(db_session, booking) is BookingStatus.USED


def _birthday_in_two_days() -> tuple[dt.date, dt.date]:
    """The 18th birthday, two days from today in Paris, and the matching date of birth."""
    birthday = utcnow().astimezone(PARIS).date() + 2 * DAY
    if (birthday.month, birthday.day) == (2, 29):
        birthday += DAY
    return birthday, birthday.replace(year=birthday.year - 18)


def test_the_18th_birthday_top_up_comes_on_the_day_not_the_day_before(db_session, run_at):
    birthday, born = _birthday_in_two_days()
    person = factories.young(db_session, date_of_birth=born)
    deposit = open_deposit(db_session, person, utcnow())
    db_session.commit()
    noon_before = dt.datetime.combine(birthday - DAY, dt.time(12), tzinfo=PARIS)
    assert counts(run_at(noon_before, "birthday_top_ups")) == {"credits_changed": 0}
    just_after_midnight = dt.datetime.combine(birthday, dt.time(0, 30), tzinfo=PARIS)
    assert counts(run_at(just_after_midnight, "birthday_top_ups")) == {"credits_changed": 1}
    assert counts(run_at(just_after_midnight + HOUR, "birthday_top_ups")) == {
        "credits_changed": 0}
    current = current_deposit(db_session, person.id, just_after_midnight + HOUR)
    assert current.id == deposit.id
    assert credit_summary(db_session, current).remaining_cents == 5000 + 15000


def reminders_to(session, booking: Booking) -> list[OutboundEmail]:
    email = session.get(User, booking.user_id).email
    # The booking's own confirmation is not a reminder.
    return list(session.scalars(select(OutboundEmail).where(
        OutboundEmail.recipient == email, ~OutboundEmail.subject.contains("confirm"))))


def test_a_dvd_is_reminded_once_5_days_before_its_expiry(db_session, run_at):
    booking = booking_of(db_session, "SUPPORT_PHYSIQUE_FILM")
    window = booking.expires_at - 5 * DAY
    assert counts(run_at(window - HOUR, "expiry_reminders")) == {"reminders_sent": 0}
    assert counts(run_at(window + HOUR, "expiry_reminders")) == {"reminders_sent": 1}
    assert counts(run_at(window + 2 * HOUR, "expiry_reminders")) == {"reminders_sent": 0}
    [reminder] = reminders_to(db_session, booking)
    assert booking.offer.name in reminder.subject
    assert booking.token in reminder.body_text
    assert db_session.get(Booking, booking.id).reminded_at is not None


def test_a_paper_book_is_reminded_once_3_days_before_its_expiry(db_session, run_at):
    booking = booking_of(db_session, "LIVRE_PAPIER")
    window = booking.expires_at - 3 * DAY
    assert counts(run_at(window - HOUR, "expiry_reminders")) == {"reminders_sent": 0}
    assert counts(run_at(window + HOUR, "expiry_reminders")) == {"reminders_sent": 1}
    assert counts(run_at(window + 2 * DAY, "expiry_reminders")) == {"reminders_sent": 0}
    assert len(reminders_to(db_session, booking)) == 1


def test_a_booking_already_expired_or_used_is_not_reminded(db_session, run_at):
    late = booking_of(db_session, "LIVRE_PAPIER")
    used = booking_of(db_session, "LIVRE_PAPIER")
    db_session.get(Booking, used.id).status = BookingStatus.USED
    db_session.get(Booking, used.id).used_at = utcnow()
    db_session.commit()
    assert counts(run_at(late.expires_at + HOUR, "expiry_reminders")) == {"reminders_sent": 0}
    assert reminders_to(db_session, late) == reminders_to(db_session, used) == []


def unconfirmed_account(session, **fields) -> User:
    person = factories.young(session, email_confirmed_at=None, **fields)
    session.commit()
    return person


def test_an_unconfirmed_account_is_anonymised_after_30_days(db_session, run_at):
    person = unconfirmed_account(db_session)
    created = person.created_at
    job = "purge_unconfirmed_accounts"
    assert counts(run_at(created + 29 * DAY, job)) == {"accounts_anonymised": 0}
    assert counts(run_at(created + 31 * DAY, job)) == {"accounts_anonymised": 1}
    assert counts(run_at(created + 31 * DAY + HOUR, job)) == {"accounts_anonymised": 0}
    purged = db_session.get(User, person.id)
    assert purged.anonymised_at is not None
    assert purged.email.endswith("@invalid")


def test_confirmed_or_credited_or_recently_used_accounts_are_kept(db_session, run_at):
    confirmed = factories.young(db_session)
    credited = unconfirmed_account(db_session)
    factories.deposit(db_session, credited)
    signed_in = unconfirmed_account(db_session, last_login_at=utcnow() + 20 * DAY)
    db_session.commit()
    assert counts(run_at(utcnow() + 31 * DAY, "purge_unconfirmed_accounts")) == {
        "accounts_anonymised": 0}
    for person in (confirmed, credited, signed_in):
        assert db_session.get(User, person.id).anonymised_at is None


def identity_check(session, status: IdentityCheckStatus) -> IdentityCheck:
    person = factories.young(session)
    now = utcnow()
    document = IdentityDocument(content_type="image/png", filename="carte.png", size=4,
                                data=b"\x89PNG", uploaded_at=now)
    check = IdentityCheck(user_id=person.id, document=document, status=status,
                          honour_statement_at=now, submitted_at=now,
                          reviewed_at=None if status is IdentityCheckStatus.PENDING else now)
    session.add(check)
    session.commit()
    return check


def test_a_decided_check_left_with_its_file_has_it_erased_and_keeps_the_decision(
    db_session, run_at
):
    decided = identity_check(db_session, IdentityCheckStatus.REJECTED)
    pending = identity_check(db_session, IdentityCheckStatus.PENDING)
    job = "erase_decided_identity_documents"
    assert counts(run_at(utcnow() + HOUR, job)) == {"documents_erased": 1}
    assert counts(run_at(utcnow() + 2 * HOUR, job)) == {"documents_erased": 0}
    erased = db_session.get(IdentityCheck, decided.id)
    assert erased.status is IdentityCheckStatus.REJECTED
    assert erased.document.data is None and erased.document.erased_at is not None
    assert db_session.get(IdentityCheck, pending.id).document.data == b"\x89PNG"


def test_a_credit_ends_on_its_own_without_any_job(db_session):
    person = factories.young(db_session)
    deposit = factories.deposit(db_session, person)
    assert current_deposit(db_session, person.id, deposit.expires_at - HOUR).id == deposit.id
    assert current_deposit(db_session, person.id, deposit.expires_at) is None


def test_the_reminder_is_written_in_the_persons_language(db_session, run_at):
    booking = booking_of(db_session, "LIVRE_PAPIER")
    db_session.get(User, booking.user_id).locale = "en"
    db_session.commit()
    run_at(booking.expires_at - DAY, "expiry_reminders")
    [reminder] = reminders_to(db_session, booking)
    assert reminder.subject.startswith("Your booking")
    assert "The pass Culture team" in reminder.body_text
