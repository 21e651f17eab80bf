"""The demo gives staff moderation work: rules, offers each held by the rule that matched, a
reported review waiting (webapp/demo/moderation_scenario.py)."""

from __future__ import annotations

from sqlalchemy import select

from models.moderation.models import ModerationRule, RuleKind
from models.moderation.repository import held_offers, reported_reviews
from models.offers.models import Offer, Validation
from models.social.models import ReviewReport
from webapp.demo.moderation_scenario import (
    CERAMICS_OFFERS,
    HELD_INSTRUMENT,
    HELD_WORKSHOP,
    NEW_STRUCTURE_RULE,
    PRICE_RULE,
    REPORT_REASON,
    WORDS_RULE,
)


def test_the_three_kinds_of_rule_are_switched_on(demo_session):
    rules = {rule.label: rule for rule in demo_session.scalars(select(ModerationRule))}
    assert rules[WORDS_RULE].kind is RuleKind.WORDS and rules[WORDS_RULE].is_active
    assert (rules[PRICE_RULE].subcategory_id, rules[PRICE_RULE].price_threshold_cents) == (
        "ACHAT_INSTRUMENT", 15_000)
    assert rules[NEW_STRUCTURE_RULE].first_offers == 3


def test_the_queues_first_page_shows_the_held_offers_and_the_rule_that_matched_each(demo_session):
    first = [item for item in held_offers(demo_session) if item.matches]
    matched = {item.offer.name: [(m.rule.label, m.detail) for m in item.matches]
               for item in first}
    assert matched == {
        HELD_WORKSHOP: [(WORDS_RULE, "vente privée")],
        HELD_INSTRUMENT: [(PRICE_RULE, "24000")],
        CERAMICS_OFFERS[0]: [(NEW_STRUCTURE_RULE, "1")],
        CERAMICS_OFFERS[1]: [(NEW_STRUCTURE_RULE, "2")],
    }
    assert all(item.offer.validation is Validation.PENDING for item in first)


def test_a_reported_review_waits_for_staff(demo_session):
    report = demo_session.scalars(select(ReviewReport).where(ReviewReport.reason == REPORT_REASON)
                             ).one()
    assert report.resolved_at is None
    assert report.review_id in {item.review.id for item in reported_reviews(demo_session)}


def test_the_demo_pros_other_offers_are_not_held_by_the_new_rules(demo_session):
    held_names = {offer.name for offer in demo_session.scalars(
        select(Offer).where(Offer.validation == Validation.PENDING))}
    assert "Lecture-spectacle : Les Lettres de mon moulin" not in held_names
