"""What the people booked on a date are told when the pro moves or cancels it.

docs/domain/5-bookings.md: "every person booked is notified". The e-mail and the in-app
notification are queued in the command's unit of work (`tell`, docs/domain/messages.md), so
nobody is told about a change that was rolled back. The texts are in the one catalogue
(`models.emails.messages`); dates are written in the person's own zone and language (French
unless they chose English).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.credit.api import person_timezone
from models.emails.messages import Message
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
