"""Whether publishing an offer sends it to moderation first: the seam the staff rules plug into.

Today no rule exists, so every offer published is approved at once (docs/domain/4-offers.md,
"Publishing"). When the staff area writes its rules (words in the title, a structure under
watch, a price...), they are asked here and only here: `publish_offer` then leaves the offer
PENDING for staff to decide, and nothing else in the authoring code changes.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.offers.models import Offer


def needs_moderation(session: Session, offer: Offer) -> bool:
    """True when a moderation rule asks staff to look at `offer` before young people see it."""
    return False
