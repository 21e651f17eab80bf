"""What the service worker needs to keep tickets offline safely (see templates/pwa/sw.js).

Every response to a signed-in person names them with an opaque `X-Person` value, so the
service worker knows whose tickets it may show on this device and drops the others when
somebody else signs in. A ticket page says whether the booking still stands (`X-Ticket-State`):
only a confirmed booking is kept offline, and a cancelled one is removed from the device the
next time its page is seen.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, request
from flask_login import current_user

from models.bookings.repository import booking_of
from webapp.extensions import db


def person_tag(user_id: int) -> str:
    """An opaque, stable name for a person: it reveals neither the id nor anything else."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"offline-person:{user_id}".encode(), hashlib.sha256).hexdigest()[:20]


def _tag_response(response):
    if not current_user.is_authenticated:
        return response
    response.headers["X-Person"] = person_tag(current_user.id)
    if request.endpoint == "bookings.ticket" and response.status_code == 200:
        booking = booking_of(db.session, current_user.id, request.view_args["booking_id"])
        if booking is not None:
            response.headers["X-Ticket-State"] = str(booking.status)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_tag_response)
