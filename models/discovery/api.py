"""Answering a deck card: "J'aime" adds the offer to favorites, "Pas pour moi" skips it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam
from sqlalchemy.orm import Session

from models.discovery.exceptions import OfferNoLongerAvailable
from models.discovery.history import MemberHistory
from models.discovery.models import DeckAction
from models.offers.models import Offer
from models.offers.repository import bookable_offers_query
from models.search.cards import NOW
from models.social.api import add_favorite

# Built once (every answer runs it): see docs/domain/discovery.md, "Cost".
_DECK_OFFER = bookable_offers_query(NOW).where(Offer.id == bindparam("offer_id"))


def deck_offer(session: Session, offer_id: int, now: dt.datetime) -> Offer:
    """The offer of a card, if young people can still see and book it."""
    offer = session.scalars(_DECK_OFFER, {"offer_id": offer_id, "now": now}).first()
    if offer is None:
        raise OfferNoLongerAvailable()
    return offer


def like_card(session: Session, history, offer_id: int, now: dt.datetime) -> Offer:
    """Record a like; for a signed-in person the offer also goes to their favorites.

    Raises `FavoritesFull` (nothing recorded) when the favorites are at their maximum.
    """
    offer = deck_offer(session, offer_id, now)
    if isinstance(history, MemberHistory):
        add_favorite(session, history.user_id, offer.id, now)
    history.record(offer.id, offer.subcategory_id, DeckAction.LIKE, now)
    return offer


def skip_card(session: Session, history, offer_id: int, now: dt.datetime) -> Offer:
    """Record that the person does not want this offer: it stays out of the deck for a while."""
    offer = deck_offer(session, offer_id, now)
    history.record(offer.id, offer.subcategory_id, DeckAction.SKIP, now)
    return offer
