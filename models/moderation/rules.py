"""Which moderation rules an offer matches (docs/domain/moderation.md, "Rules").

Each kind is one small function returning what matched (a word, a price, the offer's rank
among its structure's first offers, the reason a structure is watched) or None. The rules are
asked when an offer is published, through `models.offers.moderation.needs_moderation`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models.moderation.models import ModerationMatch, ModerationRule, RuleKind, WatchedStructure
from models.offerers.models import Structure, StructureStatus, Venue
from models.offers.models import Offer, Validation
from models.text import fold


@dataclass(frozen=True)
class Match:
    rule: ModerationRule
    detail: str


def _word_pattern(word: str) -> re.Pattern:
    """A folded word or expression, matched whole: "arnaque" is not found in "arnaques"."""
    parts = [re.escape(part) for part in fold(word).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def _matched_word(rule: ModerationRule, offer: Offer) -> str | None:
    text = fold(f"{offer.name or ''}\n{offer.description or ''}")
    return next((word for word in rule.word_list
                 if fold(word) and _word_pattern(word).search(text)), None)


def highest_price_cents(offer: Offer) -> int | None:
    """The highest price a young person could pay: stocks not deleted and price categories."""
    prices = [stock.price_cents for stock in offer.stocks if not stock.is_deleted]
    prices += [category.price_cents for category in offer.price_categories]
    return max(prices, default=None)


def _matched_price(rule: ModerationRule, offer: Offer) -> str | None:
    if rule.subcategory_id is not None and rule.subcategory_id != offer.subcategory_id:
        return None
    price = highest_price_cents(offer)
    if price is None or price <= rule.price_threshold_cents:
        return None
    return str(price)


def _structure_of(session: Session, offer: Offer) -> Structure:
    return session.scalar(select(Structure).join(Venue, Venue.structure_id == Structure.id)
                          .where(Venue.id == offer.venue_id))


def _matched_rank(session: Session, rule: ModerationRule, offer: Offer,
                  now: dt.datetime) -> str | None:
    """The offer's rank among its structure's published offers, if the structure is new."""
    structure = _structure_of(session, offer)
    if structure.status is StructureStatus.VALIDATED and (
            structure.validated_at is None
            or structure.validated_at <= now - dt.timedelta(days=rule.structure_age_days)):
        return None
    published_before = session.scalar(
        select(func.count(Offer.id)).join(Venue, Venue.id == Offer.venue_id)
        .where(Venue.structure_id == structure.id, Offer.id != offer.id,
               Offer.validation != Validation.DRAFT))
    return str(published_before + 1) if published_before < rule.first_offers else None


def _watch_reason(session: Session, offer: Offer) -> str | None:
    return session.scalar(
        select(WatchedStructure.reason).join(Venue, Venue.structure_id ==
                                             WatchedStructure.structure_id)
        .where(Venue.id == offer.venue_id))


def matching_rules(session: Session, offer: Offer, now: dt.datetime,
                   kinds: frozenset[RuleKind] | None = None) -> list[Match]:
    """Every rule switched on that `offer` matches (of `kinds` only, when given), in the order
    staff created them."""
    query = select(ModerationRule).where(ModerationRule.is_active.is_(True))
    if kinds is not None:
        query = query.where(ModerationRule.kind.in_(kinds))
    rules = session.scalars(query.order_by(ModerationRule.id))
    matches = []
    for rule in rules:
        if rule.kind is RuleKind.WORDS:
            detail = _matched_word(rule, offer)
        elif rule.kind is RuleKind.PRICE:
            detail = _matched_price(rule, offer)
        elif rule.kind is RuleKind.NEW_STRUCTURE:
            detail = _matched_rank(session, rule, offer, now)
        else:
            detail = _watch_reason(session, offer)
        if detail is not None:
            matches.append(Match(rule, detail[:300]))
    return matches


def hold_if_matched(session: Session, offer: Offer, now: dt.datetime,
                    kinds: frozenset[RuleKind] | None = None) -> bool:
    """Record the rules `offer` matches now, in place of earlier ones; True when one did.

    When none matches, what an earlier hold matched is kept: it says why staff once looked.
    """
    matches = matching_rules(session, offer, now, kinds)
    if not matches:
        return False
    session.execute(delete(ModerationMatch).where(ModerationMatch.offer_id == offer.id))
    session.add_all(ModerationMatch(offer_id=offer.id, rule_id=match.rule.id,
                                    detail=match.detail, matched_at=now) for match in matches)
    session.flush()
    return True
