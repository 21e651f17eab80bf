"""Whether publishing an offer sends it to moderation first: the seam the staff rules plug into.

The rules staff edit in the back-office (docs/domain/moderation.md) are asked here and only
here: `publish_offer` then leaves the offer PENDING for staff to decide, and the rules it
matched are recorded for the staff's queue. Nothing else in the authoring code changes.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.db import utcnow
from models.moderation.rules import hold_if_matched
from models.offers.models import Offer


def needs_moderation(session: Session, offer: Offer) -> bool:
    """True when a moderation rule asks staff to look at `offer` before young people see it."""
    return hold_if_matched(session, offer, utcnow())
