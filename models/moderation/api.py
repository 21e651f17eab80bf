"""Staff commands of offer moderation: rules, watched structures, approving and rejecting offers.

The rules are written out in docs/domain/moderation.md. Commands write in the caller's session
and never commit (`models.unit_of_work`); each one records who did what, on which object and why
in the audit log, and tells the people concerned (e-mail and in-app notification, `tell`, with
the texts of the one catalogue `models.emails.messages`) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit.api import record
from models.emails.messages import Message
from models.moderation.exceptions import (
    AlreadyDecided,
    AlreadyWatched,
    NothingSelected,
    NotWatched,
    UnknownStructure,
)
from models.moderation.models import ModerationMatch, ModerationRule, RuleKind, WatchedStructure
from models.moderation.validation import (
    RuleSettings,
    check_reason,
    check_rule,
    normalised_settings,
)
from models.notifications import links
from models.notifications.api import tell
from models.offerers.models import MembershipStatus, Structure
from models.offers.models import Offer, OfferChange, Validation
from models.users.models import User

RULE_FIELDS = ("label", "words", "subcategory_id", "price_threshold_cents", "first_offers",
               "structure_age_days")


def create_rule(session: Session, staff: User, kind: RuleKind, settings: RuleSettings,
                now: dt.datetime) -> ModerationRule:
    """Add a rule, switched on: offers published from now on are asked against it."""
    cleaned = normalised_settings(kind, settings)
    check_rule(kind, cleaned)
    rule = ModerationRule(kind=kind, is_active=True, created_at=now, updated_at=now,
                          **{name: getattr(cleaned, name) for name in RULE_FIELDS})
    session.add(rule)
    session.flush()
    record(session, staff.id, "moderation_rule.create", rule, kind=kind.value,
           **{name: getattr(cleaned, name) for name in RULE_FIELDS})
    return rule


def update_rule(session: Session, staff: User, rule: ModerationRule, settings: RuleSettings,
                now: dt.datetime) -> None:
    """Change a rule's settings; offers already held keep what they matched."""
    cleaned = normalised_settings(rule.kind, settings)
    check_rule(rule.kind, cleaned)
    changes = {name: [getattr(rule, name), getattr(cleaned, name)] for name in RULE_FIELDS
               if getattr(rule, name) != getattr(cleaned, name)}
    for name in RULE_FIELDS:
        setattr(rule, name, getattr(cleaned, name))
    rule.updated_at = now
    record(session, staff.id, "moderation_rule.update", rule, changes=changes)
    session.flush()


def switch_rule(session: Session, staff: User, rule: ModerationRule, active: bool,
                now: dt.datetime) -> None:
    """Switch a rule on or off; a rule switched off holds no offer."""
    if rule.is_active == active:
        return
    rule.is_active = active
    rule.updated_at = now
    record(session, staff.id, "moderation_rule.switch_on" if active
           else "moderation_rule.switch_off", rule, label=rule.label)
    session.flush()


def watch_structure(session: Session, staff: User, siren: str, reason: str,
                    now: dt.datetime) -> WatchedStructure:
    """Flag a structure: its offers published from now on wait for staff."""
    reason = check_reason(reason)
    structure = session.scalar(select(Structure).where(
        Structure.siren == (siren or "").replace(" ", "").strip()))
    if structure is None:
        raise UnknownStructure()
    if session.scalar(select(WatchedStructure.id)
                      .where(WatchedStructure.structure_id == structure.id)):
        raise AlreadyWatched()
    watch = WatchedStructure(structure=structure, reason=reason, flagged_by_id=staff.id,
                             flagged_at=now)
    session.add(watch)
    session.flush()
    record(session, staff.id, "structure.watch", structure, reason=reason)
    return watch


def unwatch_structure(session: Session, staff: User, structure: Structure) -> None:
    """Lift the flag: the structure's next offers are asked against the other rules only."""
    watch = session.scalar(select(WatchedStructure)
                           .where(WatchedStructure.structure_id == structure.id))
    if watch is None:
        raise NotWatched()
    record(session, staff.id, "structure.unwatch", structure, reason=watch.reason)
    session.delete(watch)
    session.flush()


def _locked_pending(session: Session, offer_ids: list[int]) -> list[Offer]:
    """The offers, locked in id order and read again under the lock, still waiting for staff."""
    offers = session.scalars(
        select(Offer).where(Offer.id.in_(offer_ids)).order_by(Offer.id)
        .with_for_update().execution_options(populate_existing=True)
    ).all()
    return [offer for offer in offers if offer.validation is Validation.PENDING]


def _matched_labels(session: Session, offer: Offer) -> list[str]:
    return list(session.scalars(
        select(ModerationRule.label).join(ModerationMatch, ModerationMatch.rule_id ==
                                          ModerationRule.id)
        .where(ModerationMatch.offer_id == offer.id).order_by(ModerationRule.id)))


def _members(structure: Structure) -> list[User]:
    return [membership.user for membership in structure.memberships
            if membership.status is MembershipStatus.VALIDATED
            and membership.user.anonymised_at is None]


def _decide(session: Session, staff: User, offer: Offer, validation: Validation,
            reason: str | None, now: dt.datetime) -> None:
    """Write the decision on the offer and in its history: a resubmitted offer's history keeps
    the refusal before it, and its former reason, once a new decision replaces them."""
    for field, old, new in (("validation", offer.validation.value, validation.value),
                            ("rejection_reason", offer.rejection_reason, reason)):
        if old != new:
            session.add(OfferChange(offer_id=offer.id, user_id=staff.id, at=now, field=field,
                                    old=old, new=new))
    offer.validation = validation
    offer.rejection_reason = reason
    offer.updated_at = now


def _approve(session: Session, staff: User, offer: Offer, now: dt.datetime) -> None:
    _decide(session, staff, offer, Validation.APPROVED, None, now)
    record(session, staff.id, "offer.approve", offer, rules=_matched_labels(session, offer))


def _tell_approved(session: Session, offers: list[Offer]) -> None:
    """One message per member and structure, listing the offers approved together; it leads to
    the offer when there is one, to the list of offers otherwise."""
    by_structure = defaultdict(list)
    for offer in offers:
        by_structure[offer.venue.structure].append(offer)
    for structure, approved in by_structure.items():
        names = "\n".join(f"- {offer.name}" for offer in approved)
        page = links.pro_offer(approved[0].id) if len(approved) == 1 else links.PRO_OFFERS
        for member in _members(structure):
            tell(session, member, Message.OFFERS_APPROVED, page=page, structure=structure.name,
                 offers=names)


def approve(session: Session, staff: User, offer_id: int, now: dt.datetime) -> Offer:
    """Approve an offer held for review; young people see it once its structure is validated."""
    locked = _locked_pending(session, [offer_id])
    if not locked:
        raise AlreadyDecided()
    _approve(session, staff, locked[0], now)
    _tell_approved(session, locked)
    session.flush()
    return locked[0]


def bulk_approve(session: Session, staff: User, offer_ids: list[int],
                 now: dt.datetime) -> tuple[list[Offer], int]:
    """Approve the chosen offers still waiting; the count of those already decided by others."""
    wanted = sorted(set(offer_ids))
    if not wanted:
        raise NothingSelected()
    locked = _locked_pending(session, wanted)
    for offer in locked:
        _approve(session, staff, offer, now)
    _tell_approved(session, locked)
    session.flush()
    return locked, len(wanted) - len(locked)


def reject(session: Session, staff: User, offer_id: int, reason: str, now: dt.datetime) -> Offer:
    """Reject an offer held for review with a reason its structure's members read."""
    reason = check_reason(reason)
    locked = _locked_pending(session, [offer_id])
    if not locked:
        raise AlreadyDecided()
    offer = locked[0]
    _decide(session, staff, offer, Validation.REJECTED, reason, now)
    record(session, staff.id, "offer.reject", offer, reason=reason,
           rules=_matched_labels(session, offer))
    structure = offer.venue.structure
    for member in _members(structure):
        tell(session, member, Message.OFFER_REJECTED, page=links.pro_offer(offer.id),
             offer=offer.name, structure=structure.name, reason=reason)
    session.flush()
    return offer
