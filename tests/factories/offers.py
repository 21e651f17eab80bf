"""Offers and their stocks."""

from __future__ import annotations

import datetime as dt
from itertools import count

from sqlalchemy.orm import Session

from models.db import utcnow
from models.offerers.models import Venue
from models.offers.models import Offer, Stock, Validation
from tests.factories.offerers import venue as make_venue

_numbers = count(1)


def offer(session: Session, *, venue: Venue | None = None, subcategory_id: str = "LIVRE_PAPIER",
          validation: Validation = Validation.APPROVED, **fields) -> Offer:
    """An approved, active offer (a paper book unless `subcategory_id` says otherwise)."""
    fields.setdefault("name", f"Offre culturelle {next(_numbers)}")
    for need in ("hearing", "mental", "motor", "visual"):
        fields.setdefault(f"accessibility_{need}", False)
    created = Offer(venue=venue or make_venue(session), subcategory_id=subcategory_id,
                    validation=validation, **fields)
    session.add(created)
    session.flush()
    return created


# `stock` takes the parent offer under the model's own name, which hides this factory.
_offer = offer


def stock(session: Session, *, offer: Offer | None = None, price_cents: int = 1000,
          quantity: int | None = 10, **fields) -> Stock:
    """A stock of 10 places at 10 €; an event's stock starts in a week unless told otherwise."""
    parent = offer or _offer(session)
    if parent.subcategory.is_event:
        fields.setdefault("beginning_at", utcnow() + dt.timedelta(days=7))
    created = Stock(offer=parent, price_cents=price_cents, quantity=quantity, **fields)
    session.add(created)
    session.flush()
    return created
