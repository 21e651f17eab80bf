"""An approved offer edited into a match goes back to staff: its title or description against
the word rules, its prices against the price rules; watched and new structures are asked at
publication only (docs/domain/moderation.md)."""

from __future__ import annotations

from sqlalchemy import select

from models.db import utcnow
from models.moderation.models import ModerationMatch, RuleKind, WatchedStructure
from models.offers.api import update_details
from models.offers.models import Validation
from models.offers.stocks import add_price_category, add_stock, update_price_category, update_stock
from models.offers.validation import OfferDetails
from tests import factories
from tests.functional.moderation.conftest import make_rule


def dvd(session, **fields):
    return factories.offer(session, subcategory_id="SUPPORT_PHYSIQUE_FILM", name="Visite du musée",
                           **fields)


def test_a_title_edited_into_a_listed_word_sends_the_offer_back_to_staff(db_session):
    rule = make_rule(db_session, RuleKind.WORDS, words="vente privée")
    offer = dvd(db_session)
    update_details(db_session, offer, OfferDetails(name="Visite et vente privée"), person=None,
                   now=utcnow())
    assert offer.validation is Validation.PENDING
    assert [(m.rule_id, m.detail) for m in db_session.scalars(select(ModerationMatch))] == [
        (rule.id, "vente privée")]


def test_an_edit_leaving_title_and_description_alone_asks_nothing(db_session):
    make_rule(db_session, RuleKind.WORDS, words="musée")
    offer = dvd(db_session)
    update_details(db_session, offer, OfferDetails(name="Visite du musée"), person=None,
                   now=utcnow())
    assert offer.validation is Validation.APPROVED


def test_a_stock_priced_above_the_threshold_sends_the_offer_back_to_staff(db_session):
    make_rule(db_session, RuleKind.PRICE, price_threshold_cents=10000)
    offer = dvd(db_session)
    add_stock(db_session, offer, now=utcnow(), price_cents=9000, quantity=5)
    assert offer.validation is Validation.APPROVED
    update_stock(db_session, offer.stocks[0], now=utcnow(), price_cents=15000, quantity=5)
    assert offer.validation is Validation.PENDING


def test_an_event_price_category_above_the_threshold_sends_the_offer_back(db_session):
    make_rule(db_session, RuleKind.PRICE, subcategory_id="CONCERT", price_threshold_cents=5000)
    offer = factories.offer(db_session, subcategory_id="CONCERT", name="Concert")
    category = add_price_category(db_session, offer, "Fosse", 4000)
    assert offer.validation is Validation.APPROVED
    update_price_category(db_session, category, "Fosse", 6000)
    assert offer.validation is Validation.PENDING


def test_an_edit_of_a_watched_structures_approved_offer_is_not_held_again(db_session):
    make_rule(db_session, RuleKind.WATCHED_STRUCTURE)
    make_rule(db_session, RuleKind.NEW_STRUCTURE, first_offers=5, structure_age_days=30)
    structure = factories.structure(db_session)
    db_session.add(WatchedStructure(structure_id=structure.id, reason="Plaintes"))
    offer = dvd(db_session, venue=factories.venue(db_session, structure=structure))
    update_details(db_session, offer, OfferDetails(name="Nouvelle visite"), person=None,
                   now=utcnow())
    add_stock(db_session, offer, now=utcnow(), price_cents=9000, quantity=5)
    assert offer.validation is Validation.APPROVED
