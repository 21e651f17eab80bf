"""What the people booked on a date are told when the pro moves or cancels it.

docs/domain/5-bookings.md: "every person booked is notified". The messages are queued in the
command's unit of work (`queue_email`), so nobody is told about a change that was rolled back.
Dates are written in the person's own zone and language (French unless they chose English).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.credit.api import person_timezone
from models.emails.api import queue_email
from models.emails.messages import SIGNATURE

DATE_PATTERNS = {"fr": "EEEE d MMMM y 'à' HH'h'mm", "en": "EEEE d MMMM y, h:mm a"}

TEXTS = {
    "moved": {
        "fr": (
            "Nouvelle date pour « {offer} »",
            "Bonjour,\n\n"
            "L'organisateur a changé la date de « {offer} » ({venue}).\n"
            "Ancienne date : {old}\nNouvelle date : {new}\n\n"
            "Ta réservation {token} reste valable pour la nouvelle date. Si elle ne te convient "
            "plus, tu peux l'annuler depuis tes réservations jusqu'au {limit} ; ton crédit te "
            "sera rendu.",
        ),
        "en": (
            "New date for “{offer}”",
            "Hello,\n\n"
            "The organiser changed the date of “{offer}” ({venue}).\n"
            "Former date: {old}\nNew date: {new}\n\n"
            "Your booking {token} stays valid for the new date. If it no longer suits you, you "
            "can cancel it from your bookings until {limit}; your credit will be given back.",
        ),
    },
    "cancelled": {
        "fr": (
            "« {offer} » est annulé",
            "Bonjour,\n\n"
            "L'organisateur a annulé « {offer} » ({venue}){on}.\n"
            "Ta réservation {token} est annulée et son prix est rendu à ton crédit pass Culture.",
        ),
        "en": (
            "“{offer}” is cancelled",
            "Hello,\n\n"
            "The organiser cancelled “{offer}” ({venue}){on}.\n"
            "Your booking {token} is cancelled and its price is given back to your pass Culture "
            "credit.",
        ),
    },
}


def _language(booking: Booking) -> str:
    return "en" if booking.user.locale == "en" else "fr"


def _when(booking: Booking, moment: dt.datetime | None, language: str) -> str:
    if moment is None:
        return "?"
    zone = person_timezone(booking.user)
    return format_datetime(moment.astimezone(zone), DATE_PATTERNS[language], locale=language)


def _send(session: Session, booking: Booking, kind: str, **dates) -> None:
    if booking.user is None:  # an anonymised account has no address any more
        return
    language = _language(booking)
    subject, body = TEXTS[kind][language]
    values = {
        "offer": booking.offer.name,
        "venue": booking.offer.venue.display_name,
        "token": booking.token,
        **{name: moment if isinstance(moment, str) else _when(booking, moment, language)
           for name, moment in dates.items()},
    }
    queue_email(session, booking.user.email, subject.format(**values),
                f"{body.format(**values)}\n\n-- \n{SIGNATURE[language]}\n")


def tell_date_changed(session: Session, booking: Booking, old_start: dt.datetime | None,
                      new_start: dt.datetime) -> None:
    """The new date, and until when the booking may still be cancelled."""
    _send(session, booking, "moved", old=old_start, new=new_start,
          limit=booking.cancellation_limit_at)


def tell_cancelled(session: Session, booking: Booking, start: dt.datetime | None) -> None:
    """The date is cancelled and the price is back on the credit."""
    if start is None:
        _send(session, booking, "cancelled", on="")
        return
    language = "en" if booking.user is not None and booking.user.locale == "en" else "fr"
    _send(session, booking, "cancelled", on=(" on " if language == "en" else " du ")
          + _when(booking, start, language))
