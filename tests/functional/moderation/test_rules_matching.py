"""Each kind of rule holds the offers it describes and only those; a rule switched off holds
nothing; publishing asks the rules and records which matched (docs/domain/moderation.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.db import utcnow
from models.moderation.models import ModerationMatch, RuleKind, WatchedStructure
from models.moderation.rules import matching_rules
from models.offerers.models import StructureStatus
from models.offers.api import publish_offer
from models.offers.models import PriceCategory, Validation
from models.offers.moderation import hold_edited_offer
from tests import factories
from tests.functional.moderation.conftest import make_rule


def matched(session, offer) -> list[tuple[str, str]]:
    return [(match.rule.label, match.detail)
            for match in matching_rules(session, offer, utcnow())]


@pytest.mark.parametrize("name", [
    "Stage ARNAQUE garantie", "Une arnaqué de plus", "Vente privée ce soir", "vente   PRIVEE",
])
def test_a_word_rule_matches_whatever_the_case_and_accents(db_session, name):
    make_rule(db_session, RuleKind.WORDS, label="Mots", words="arnaque\nvente privée")
    offer = factories.offer(db_session, name=name)
    assert [label for label, _detail in matched(db_session, offer)] == ["Mots"]


def test_a_word_rule_reads_the_description_too(db_session):
    make_rule(db_session, RuleKind.WORDS, label="Mots", words="Arnaque")
    offer = factories.offer(db_session, name="Concert", description="Pas une arnaque, promis.")
    assert matched(db_session, offer) == [("Mots", "Arnaque")]


@pytest.mark.parametrize("name", ["Les arnaques du siècle", "Contrevente privée", "Concert"])
def test_a_word_rule_matches_whole_words_only(db_session, name):
    make_rule(db_session, RuleKind.WORDS, words="arnaque\nvente privée")
    assert matched(db_session, factories.offer(db_session, name=name)) == []


def test_a_price_rule_for_a_subcategory_holds_a_price_above_its_threshold(db_session):
    make_rule(db_session, RuleKind.PRICE, label="Livres chers", subcategory_id="LIVRE_PAPIER",
              price_threshold_cents=10000)
    offer = factories.offer(db_session)
    factories.stock(db_session, offer=offer, price_cents=10001)
    assert matched(db_session, offer) == [("Livres chers", "10001")]


def test_a_price_rule_lets_the_threshold_itself_pass(db_session):
    make_rule(db_session, RuleKind.PRICE, subcategory_id=None, price_threshold_cents=10000)
    offer = factories.offer(db_session)
    factories.stock(db_session, offer=offer, price_cents=10000)
    assert matched(db_session, offer) == []


def test_a_price_rule_for_a_subcategory_ignores_the_others(db_session):
    make_rule(db_session, RuleKind.PRICE, subcategory_id="CINE_PLEIN_AIR",
              price_threshold_cents=1000)
    offer = factories.offer(db_session)
    factories.stock(db_session, offer=offer, price_cents=20000)
    assert matched(db_session, offer) == []


def test_a_price_rule_for_all_reads_price_categories_and_skips_deleted_stocks(db_session):
    make_rule(db_session, RuleKind.PRICE, label="Cher", price_threshold_cents=5000)
    offer = factories.offer(db_session)
    factories.stock(db_session, offer=offer, price_cents=9000, is_deleted=True)
    assert matched(db_session, offer) == []
    db_session.add(PriceCategory(offer=offer, label="Carré or", price_cents=6000))
    db_session.flush()
    assert matched(db_session, offer) == [("Cher", "6000")]


def new_structure_offer(session, *, validated_days_ago: int, published_before: int):
    structure = factories.structure(
        session, validated_at=utcnow() - dt.timedelta(days=validated_days_ago))
    venue = factories.venue(session, structure=structure)
    for _ in range(published_before):
        factories.offer(session, venue=venue)
    factories.offer(session, venue=venue, validation=Validation.DRAFT)
    return factories.offer(session, venue=venue, validation=Validation.DRAFT)


@pytest.mark.parametrize(("published_before", "rank"), [(0, "1"), (2, "3")])
def test_a_new_structure_rule_holds_its_first_offers(db_session, published_before, rank):
    make_rule(db_session, RuleKind.NEW_STRUCTURE, label="Nouvelles", first_offers=3,
              structure_age_days=30)
    offer = new_structure_offer(db_session, validated_days_ago=29,
                                published_before=published_before)
    assert matched(db_session, offer) == [("Nouvelles", rank)]


def test_a_new_structure_rule_lets_the_offer_after_the_first_ones_pass(db_session):
    make_rule(db_session, RuleKind.NEW_STRUCTURE, first_offers=3, structure_age_days=30)
    offer = new_structure_offer(db_session, validated_days_ago=1, published_before=3)
    assert matched(db_session, offer) == []


def test_a_new_structure_rule_lets_a_structure_validated_long_ago_pass(db_session):
    make_rule(db_session, RuleKind.NEW_STRUCTURE, first_offers=3, structure_age_days=30)
    offer = new_structure_offer(db_session, validated_days_ago=31, published_before=0)
    assert matched(db_session, offer) == []


def test_a_new_structure_rule_counts_a_structure_not_validated_yet_as_new(db_session):
    make_rule(db_session, RuleKind.NEW_STRUCTURE, label="Nouvelles", first_offers=1,
              structure_age_days=30)
    structure = factories.structure(db_session, status=StructureStatus.PENDING)
    offer = factories.offer(db_session, venue=factories.venue(db_session, structure=structure))
    assert matched(db_session, offer) == [("Nouvelles", "1")]


def test_a_watched_structure_rule_holds_the_offers_of_a_flagged_structure(db_session):
    make_rule(db_session, RuleKind.WATCHED_STRUCTURE, label="Surveillées")
    watched, other = factories.structure(db_session), factories.structure(db_session)
    db_session.add(WatchedStructure(structure_id=watched.id, reason="Signalée par la DRAC"))
    db_session.flush()
    offer = factories.offer(db_session, venue=factories.venue(db_session, structure=watched))
    elsewhere = factories.offer(db_session, venue=factories.venue(db_session, structure=other))
    assert matched(db_session, offer) == [("Surveillées", "Signalée par la DRAC")]
    assert matched(db_session, elsewhere) == []


def test_a_rule_switched_off_holds_nothing(db_session):
    make_rule(db_session, RuleKind.WORDS, words="arnaque", is_active=False)
    make_rule(db_session, RuleKind.PRICE, price_threshold_cents=0, is_active=False)
    offer = factories.offer(db_session, name="Une arnaque")
    factories.stock(db_session, offer=offer, price_cents=5000)
    assert matched(db_session, offer) == []


def publishable_draft(session, name: str):
    offer = factories.offer(session, name=name, subcategory_id="VISITE",
                            validation=Validation.DRAFT, draft_step=3)
    session.flush()
    return offer


def test_publishing_an_offer_a_rule_matches_leaves_it_pending_with_the_rule_recorded(
        db_session):
    rule = make_rule(db_session, RuleKind.WORDS, label="Mots", words="arnaque")
    offer = publishable_draft(db_session, "La grande arnaque")
    publish_offer(db_session, offer, utcnow())
    assert offer.validation is Validation.PENDING
    recorded = db_session.scalars(select(ModerationMatch)
                                  .where(ModerationMatch.offer_id == offer.id)).all()
    assert [(match.rule_id, match.detail) for match in recorded] == [(rule.id, "arnaque")]


def test_publishing_an_offer_no_rule_matches_approves_it_at_once(db_session):
    make_rule(db_session, RuleKind.WORDS, words="arnaque")
    offer = publishable_draft(db_session, "Concert du soir")
    publish_offer(db_session, offer, utcnow())
    assert offer.validation is Validation.APPROVED


def test_an_approved_offer_edited_into_a_match_goes_back_to_staff(db_session):
    rule = make_rule(db_session, RuleKind.PRICE, label="Cher", price_threshold_cents=10000)
    offer = factories.offer(db_session)
    stock = factories.stock(db_session, offer=offer, price_cents=5000)
    assert hold_edited_offer(db_session, offer, "price") is False
    assert offer.validation is Validation.APPROVED
    stock.price_cents = 12000
    db_session.flush()
    assert hold_edited_offer(db_session, offer, "price") is True
    assert offer.validation is Validation.PENDING
    assert [(m.rule_id, m.detail) for m in db_session.scalars(select(ModerationMatch))] == [
        (rule.id, "12000")]


@pytest.mark.parametrize("validation", [Validation.DRAFT, Validation.REJECTED])
def test_an_edit_of_a_draft_or_a_rejected_offer_holds_nothing(db_session, validation):
    make_rule(db_session, RuleKind.WORDS, words="arnaque")
    offer = factories.offer(db_session, name="Une arnaque", validation=validation)
    assert hold_edited_offer(db_session, offer, "text") is False
    assert offer.validation is validation


def test_an_offer_matching_nothing_keeps_what_an_earlier_hold_matched(db_session):
    rule = make_rule(db_session, RuleKind.WORDS, words="arnaque")
    offer = publishable_draft(db_session, "La grande arnaque")
    publish_offer(db_session, offer, utcnow())
    offer.name = "Grande visite"
    offer.validation = Validation.APPROVED
    assert hold_edited_offer(db_session, offer, "text") is False
    assert [m.rule_id for m in db_session.scalars(select(ModerationMatch))] == [rule.id]
