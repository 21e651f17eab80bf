"""What a person is told about their booking: made, cancelled by them, expired, its date moved
or cancelled by the pro.

docs/domain/5-bookings.md: "every person booked is notified". The e-mail and the in-app
notification are queued in the command's unit of work (`tell`, docs/domain/messages.md), so
nobody is told about a change that was rolled back. The texts are in the one catalogue
(`models.emails.messages`); dates are written in the person's own zone and language (French
unless they chose English).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime
from babel.numbers import format_currency
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.credit.api import person_timezone
from models.emails.messages import WHEN_LINES, Message
from models.notifications import links
from models.notifications.api import tell

DATE_PATTERNS = {"fr": "EEEE d MMMM y 'à' HH'h'mm", "en": "EEEE d MMMM y, h:mm a"}


def _language(booking: Booking) -> str:
    return "en" if booking.user.locale == "en" else "fr"


def _when(booking: Booking, moment: dt.datetime | None, language: str) -> str:
    if moment is None:
        return "?"
    zone = person_timezone(booking.user)
    return format_datetime(moment.astimezone(zone), DATE_PATTERNS[language], locale=language)


def _send(session: Session, booking: Booking, message: Message, **dates) -> None:
    if booking.user is None:  # an anonymised account has no address any more
        return
    language = _language(booking)
    values = {
        "offer": booking.offer.name,
        "venue": booking.offer.venue.display_name,
        "token": booking.token,
        **{name: moment if isinstance(moment, str) else _when(booking, moment, language)
           for name, moment in dates.items()},
    }
    tell(session, booking.user, message, page=links.booking(booking.id), **values)


def tell_date_changed(session: Session, booking: Booking, old_start: dt.datetime | None,
                      new_start: dt.datetime) -> None:
    """The new date, and until when the booking may still be cancelled."""
    _send(session, booking, Message.BOOKING_DATE_CHANGED, old=old_start, new=new_start,
          limit=booking.cancellation_limit_at)


def tell_cancelled(session: Session, booking: Booking, start: dt.datetime | None) -> None:
    """The date is cancelled and the price is back on the credit."""
    if start is None:
        _send(session, booking, Message.BOOKING_EVENT_CANCELLED, on="")
        return
    language = "en" if booking.user is not None and booking.user.locale == "en" else "fr"
    on = (" on " if language == "en" else " du ") + _when(booking, start, language)
    _send(session, booking, Message.BOOKING_EVENT_CANCELLED, on=on)


def _price(booking: Booking, language: str) -> str:
    return format_currency(booking.unit_price_cents * booking.quantity / 100, "EUR",
                           locale=language)


def tell_booked(session: Session, booking: Booking) -> None:
    """The confirmation, with the booking code and when to go or until when to collect."""
    if booking.user is None:
        return
    language = _language(booking)
    lines = WHEN_LINES[language]
    when = ""
    if booking.stock.beginning_at is not None:
        when = lines["event"].format(_when(booking, booking.stock.beginning_at, language))
    elif booking.expires_at is not None:
        last_day = booking.expires_at - dt.timedelta(microseconds=1)
        when = lines["collect"].format(_when(booking, last_day, language))
    _send(session, booking, Message.BOOKING_CONFIRMED, when=when,
          price=_price(booking, language))


def tell_cancelled_by_person(session: Session, booking: Booking) -> None:
    """The person's own cancellation, and the price back on the credit."""
    if booking.user is not None:
        _send(session, booking, Message.BOOKING_CANCELLED_BY_PERSON,
              price=_price(booking, _language(booking)))


def tell_expired(session: Session, booking: Booking) -> None:
    """The booking was not collected in time: cancelled, the price back on the credit."""
    if booking.user is not None:
        _send(session, booking, Message.BOOKING_EXPIRED,
              price=_price(booking, _language(booking)))


def tell_cancelled_by_staff(session: Session, booking: Booking, reason: str) -> None:
    """Support cancelled the booking: why, and the price back on the credit."""
    if booking.user is not None:
        _send(session, booking, Message.BOOKING_CANCELLED_BY_STAFF, reason=reason,
              price=_price(booking, _language(booking)))


def tell_marked_used_by_staff(session: Session, booking: Booking, reason: str) -> None:
    """Support marked the booking used: why, and that it can no longer be cancelled."""
    if booking.user is not None:
        _send(session, booking, Message.BOOKING_MARKED_USED_BY_STAFF, reason=reason)
