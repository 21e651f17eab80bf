"""Where in the app a notification leads: paths of the web app, kept in one place.

`models` cannot ask the web layer for its URLs, so the few paths a notification links to are
written here; a test checks each still leads to the page it names.
"""

from __future__ import annotations


def booking(booking_id: int) -> str:
    return f"/reservations/{booking_id}"


PROFILE = "/profil/"
PRO_STRUCTURES = "/pro/structures"


def offer(offer_id: int) -> str:
    """The offer as young people see it (a review's author, its reporters)."""
    return f"/offres/{offer_id}"


def pro_offer(offer_id: int) -> str:
    """The offer in the pro area, where its structure reads a rejection's reason."""
    return f"/pro/offres/{offer_id}"


PRO_OFFERS = "/pro/offres/"
