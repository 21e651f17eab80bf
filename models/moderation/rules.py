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


def _matched_word(rule: ModerationRule, name: str | None, description: str | None) -> str | None:
    text = fold(f"{name or ''}\n{description or ''}")
    return next((word for word in rule.word_list
                 if fold(word) and _word_pattern(word).search(text)), None)


def highest_price_cents(offer: Offer) -> int | None:
    """The highest price a young person could pay: stocks not deleted and price categories."""
    prices = [stock.price_cents for stock in offer.stocks if not stock.is_deleted]
    prices += [category.price_cents for category in offer.price_categories]
    return max(prices, default=None)


def _matched_price(rule: ModerationRule, subcategory_id: str, price: int | None) -> str | None:
    if rule.subcategory_id is not None and rule.subcategory_id != subcategory_id:
        return None
    if price is None or price <= rule.price_threshold_cents:
        return None
    return str(price)


def _structure_of(session: Session, offer: Offer) -> Structure:
    return session.scalar(select(Structure).join(Venue, Venue.structure_id == Structure.id)
                          .where(Venue.id == offer.venue_id))


def _is_new(rule: ModerationRule, structure: Structure, now: dt.datetime) -> bool:
    """Not validated yet, or validated less than the rule's number of days ago."""
    return structure.status is not StructureStatus.VALIDATED or (
        structure.validated_at is not None
        and structure.validated_at > now - dt.timedelta(days=rule.structure_age_days))


def _published_count(session: Session, structure: Structure, other_than: int | None) -> int:
    """How many of the structure's offers left the draft state (other than `other_than`)."""
    query = (select(func.count(Offer.id)).join(Venue, Venue.id == Offer.venue_id)
             .where(Venue.structure_id == structure.id, Offer.validation != Validation.DRAFT))
    if other_than is not None:
        query = query.where(Offer.id != other_than)
    return session.scalar(query)


def _rank_if_first(rule: ModerationRule, published_before: int) -> str | None:
    return str(published_before + 1) if published_before < rule.first_offers else None


def _matched_rank(session: Session, rule: ModerationRule, offer: Offer,
                  now: dt.datetime) -> str | None:
    """The offer's rank among its structure's published offers, if the structure is new."""
    structure = _structure_of(session, offer)
    if not _is_new(rule, structure, now):
        return None
    return _rank_if_first(rule, _published_count(session, structure, offer.id))


def _watch_reason(session: Session, offer: Offer) -> str | None:
    return session.scalar(
        select(WatchedStructure.reason).join(Venue, Venue.structure_id ==
                                             WatchedStructure.structure_id)
        .where(Venue.id == offer.venue_id))


def _active_rules(session: Session,
                  kinds: frozenset[RuleKind] | None = None) -> list[ModerationRule]:
    query = select(ModerationRule).where(ModerationRule.is_active.is_(True))
    if kinds is not None:
        query = query.where(ModerationRule.kind.in_(kinds))
    return list(session.scalars(query.order_by(ModerationRule.id)))


def matching_rules(session: Session, offer: Offer, now: dt.datetime,
                   kinds: frozenset[RuleKind] | None = None) -> list[Match]:
    """Every rule switched on that `offer` matches (of `kinds` only, when given), in the order
    staff created them."""
    matches = []
    for rule in _active_rules(session, kinds):
        if rule.kind is RuleKind.WORDS:
            detail = _matched_word(rule, offer.name, offer.description)
        elif rule.kind is RuleKind.PRICE:
            detail = _matched_price(rule, offer.subcategory_id, highest_price_cents(offer))
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


@dataclass(frozen=True)
class NewOffer:
    """What the rules read of an offer about to be created by a bulk import."""

    name: str
    subcategory_id: str
    price_cents: int


def matches_of_new_offers(session: Session, venue: Venue, offers: list[NewOffer],
                          now: dt.datetime) -> list[list[Match]]:
    """The rules each new offer of a bulk import matches, as if they were published one after
    the other in the file's order (the 3rd new offer of a new structure ranks after the 2nd).

    The rules, the structure, its watch and its count of published offers are read once for
    the whole file: an import of thousands of lines asks nothing more per line.
    """
    rules = _active_rules(session)
    if not rules:
        return [[] for _ in offers]
    structure = session.get(Structure, venue.structure_id)
    watch = session.scalar(select(WatchedStructure.reason)
                           .where(WatchedStructure.structure_id == structure.id))
    published_before = _published_count(session, structure, None) if any(
        rule.kind is RuleKind.NEW_STRUCTURE for rule in rules) else 0
    new_for = {rule.id: _is_new(rule, structure, now) for rule in rules
               if rule.kind is RuleKind.NEW_STRUCTURE}
    result = []
    for rank, offer in enumerate(offers):
        matches = []
        for rule in rules:
            if rule.kind is RuleKind.WORDS:
                detail = _matched_word(rule, offer.name, None)
            elif rule.kind is RuleKind.PRICE:
                detail = _matched_price(rule, offer.subcategory_id, offer.price_cents)
            elif rule.kind is RuleKind.NEW_STRUCTURE:
                detail = (_rank_if_first(rule, published_before + rank) if new_for[rule.id]
                          else None)
            else:
                detail = watch
            if detail is not None:
                matches.append(Match(rule, detail[:300]))
        result.append(matches)
    return result


def price_matches_of_repriced(session: Session, prices: dict[int, tuple[str, int]]
                              ) -> dict[int, list[Match]]:
    """The price rules each approved offer a bulk import reprices now matches, by offer id;
    `prices` gives each offer's subcategory and new price. Offers matching none are left out.

    An approved offer edited by hand is asked the same way (`hold_edited_offer`): an import
    must not raise a price past a threshold where the offer's page could not.
    """
    rules = _active_rules(session, frozenset({RuleKind.PRICE})) if prices else []
    found = {}
    for offer_id, (subcategory_id, price) in prices.items():
        matches = [Match(rule, detail) for rule in rules
                   if (detail := _matched_price(rule, subcategory_id, price)) is not None]
        if matches:
            found[offer_id] = matches
    return found
