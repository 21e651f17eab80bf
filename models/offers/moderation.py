"""Whether publishing an offer sends it to moderation first: the seam the staff rules plug into.

The rules staff edit in the back-office (docs/domain/moderation.md) are asked here and only
here: `publish_offer` then leaves the offer PENDING for staff to decide, and the rules it
matched are recorded for the staff's queue. An edit of an approved offer's title, description
or prices asks the rules reading them again (`hold_edited_offer`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.db import utcnow
from models.moderation.models import RuleKind
from models.moderation.rules import hold_if_matched
from models.offers.models import Offer, Validation


def needs_moderation(session: Session, offer: Offer) -> bool:
    """True when a moderation rule asks staff to look at `offer` before young people see it."""
    return hold_if_matched(session, offer, utcnow())


def record_resubmission_matches(session: Session, offer: Offer) -> None:
    """A rejected offer submitted again waits for staff whatever the rules say (staff refused
    it once); the rules it matches now are recorded for the queue, in place of the old ones
    (when none matches, the record of the hold that led to the refusal is kept)."""
    hold_if_matched(session, offer, utcnow())


# What an edit changed, and the kinds of rule that read it. Watched and new structures are
# asked when an offer is published, not at each later edit (docs/domain/moderation.md).
EDIT_RULES = {
    "text": frozenset({RuleKind.WORDS}),
    "price": frozenset({RuleKind.PRICE}),
}


def hold_edited_offer(session: Session, offer: Offer, changed: str) -> bool:
    """Send an approved offer back to staff when an edit of what a rule reads (`changed`:
    "text" for its title or description, "price" for its prices) makes that rule match; True
    when it is held.

    Young people stop seeing it at once (the bookability triggers follow `validation`). Drafts,
    pending and rejected offers are left as they are: a draft is asked when it is published,
    and the others already wait for, or have, a decision.
    """
    if offer.validation is not Validation.APPROVED:
        return False
    if not hold_if_matched(session, offer, utcnow(), EDIT_RULES[changed]):
        return False
    offer.validation = Validation.PENDING
    session.flush()
    return True
