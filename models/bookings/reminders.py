"""The reminder sent a few days before an unused booking expires (docs/domain/jobs.md).

A booking of a subcategory that expires when unused (docs/domain/5-bookings.md) is reminded once:
5 days before its expiry for the 30-day delay, 3 days before for the 10-day delay of paper books.
`booking.reminded_at` records it, set with a conditional UPDATE, so two runs at once, or a run
that comes late or twice, never send it twice. The message is queued in the caller's unit of
work and leaves only if the reminder is committed; the person is also notified in the app
(`tell`, docs/domain/messages.md).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime
from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from models.bookings.models import Booking, BookingStatus
from models.credit.api import person_timezone
from models.emails.messages import Message
from models.notifications import links
from models.notifications.api import tell
from models.offers.catalogue import SUBCATEGORIES, unused_booking_expiry_days
from models.offers.models import Offer

# How long before the expiry the reminder leaves, by the delay of the subcategory (in days).
REMINDER_LEAD_BY_DELAY = {30: dt.timedelta(days=5), 10: dt.timedelta(days=3)}

PATTERNS = {"fr": ("EEEE d MMMM y", "d MMMM y 'à' HH'h'mm"),
            "en": ("EEEE d MMMM y", "d MMMM y 'at' h:mm a")}


def reminder_lead(subcategory_id: str) -> dt.timedelta | None:
    """How long before its expiry a booking of this subcategory is reminded; None: never."""
    days = unused_booking_expiry_days(SUBCATEGORIES[subcategory_id])
    return REMINDER_LEAD_BY_DELAY.get(days) if days is not None else None


def _subcategories_by_lead() -> dict[dt.timedelta, list[str]]:
    grouped: dict[dt.timedelta, list[str]] = {}
    for subcategory_id in SUBCATEGORIES:
        lead = reminder_lead(subcategory_id)
        if lead is not None:
            grouped.setdefault(lead, []).append(subcategory_id)
    return grouped


def bookings_to_remind(session: Session, now: dt.datetime) -> list[Booking]:
    """Confirmed bookings inside their reminder window, not reminded yet, not expired yet."""
    found: list[Booking] = []
    for lead, subcategory_ids in _subcategories_by_lead().items():
        found += session.scalars(
            select(Booking)
            .join(Offer, Offer.id == Booking.offer_id)
            .where(
                Booking.status == BookingStatus.CONFIRMED,
                Booking.reminded_at.is_(None),
                Booking.expires_at.is_not(None),
                Booking.expires_at > now,
                Booking.expires_at <= now + lead,
                Offer.subcategory_id.in_(subcategory_ids),
            )
            .options(joinedload(Booking.user), joinedload(Booking.offer).joinedload(Offer.venue))
            .order_by(Booking.id)
        ).all()
    return found


def send_expiry_reminders(session: Session, now: dt.datetime) -> int:
    """Remind each booking due for it, once; return how many reminders were queued."""
    sent = 0
    for booking in bookings_to_remind(session, now):
        claimed = session.execute(
            update(Booking)
            .where(Booking.id == booking.id, Booking.reminded_at.is_(None),
                   Booking.status == BookingStatus.CONFIRMED)
            .values(reminded_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1 or booking.user is None or booking.user.anonymised_at is not None:
            continue
        _queue_reminder(session, booking)
        sent += 1
    return sent


def _queue_reminder(session: Session, booking: Booking) -> None:
    user = booking.user
    language = "en" if user.locale == "en" else "fr"
    zone = person_timezone(user)
    day_pattern, moment_pattern = PATTERNS[language]
    # The last day is the day before the expiry's midnight, as the ticket shows it.
    last_day = (booking.expires_at - dt.timedelta(microseconds=1)).astimezone(zone)
    values = {
        "offer": booking.offer.name,
        "venue": booking.offer.venue.display_name,
        "token": booking.token,
        "last_day": format_datetime(last_day, day_pattern, locale=language),
        "expiry": format_datetime(booking.expires_at.astimezone(zone), moment_pattern,
                                  locale=language),
    }
    tell(session, user, Message.BOOKING_EXPIRY_REMINDER, page=links.booking(booking.id),
         **values)
