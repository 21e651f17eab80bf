"""`offer.bookable_until` and `venue.bookable_until`, kept by the database's triggers.

The oracle is the rule written out in SQL (`bookable_stock_clause`, approved and active
offers): after every kind of write, both columns must say exactly what it says, on both engines.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import exists, select, text, update

from models.db import utcnow
from models.offerers.models import Venue
from models.offers.bookability import FAR_FUTURE, refresh_bookability
from models.offers.models import Offer, Stock, Validation
from models.offers.repository import bookable_stock_clause
from tests.factories import offerers as offerer_factories
from tests.factories import offers as offer_factories


def stored(session, model, row_id: int) -> dt.datetime | None:
    return session.execute(
        select(model.__table__.c.bookable_until).where(model.__table__.c.id == row_id)
    ).scalar_one()


def oracle_offer(session, offer_id: int, now: dt.datetime) -> bool:
    return session.scalar(select(exists().where(Stock.offer_id == offer_id,
                                                bookable_stock_clause(now))))


def oracle_venue(session, venue_id: int, now: dt.datetime) -> bool:
    return session.scalar(select(exists().where(
        Offer.venue_id == venue_id, Offer.validation == Validation.APPROVED,
        Offer.is_active.is_(True),
        exists().where(Stock.offer_id == Offer.id, bookable_stock_clause(now)),
    )))


def assert_columns_follow_the_rule(session, venue_ids, now) -> None:
    session.flush()
    for venue_id in venue_ids:
        until = stored(session, Venue, venue_id)
        assert (until is not None and until > now) == oracle_venue(session, venue_id, now), \
            f"venue {venue_id}: bookable_until {until}"
    for offer_id in session.scalars(select(Offer.id).where(Offer.venue_id.in_(venue_ids))):
        until = stored(session, Offer, offer_id)
        assert (until is not None and until > now) == oracle_offer(session, offer_id, now), \
            f"offer {offer_id}: bookable_until {until}"


def test_a_thing_without_limit_is_bookable_without_end_until_sold_out(db_session):
    stock = offer_factories.stock(db_session, quantity=2)
    venue_id, offer_id = stock.offer.venue_id, stock.offer_id
    assert stored(db_session, Offer, offer_id) == FAR_FUTURE
    assert stored(db_session, Venue, venue_id) == FAR_FUTURE

    db_session.execute(update(Stock).where(Stock.id == stock.id).values(booked_quantity=1))
    assert stored(db_session, Offer, offer_id) == FAR_FUTURE
    db_session.execute(update(Stock).where(Stock.id == stock.id).values(booked_quantity=2))
    assert stored(db_session, Offer, offer_id) is None
    assert stored(db_session, Venue, venue_id) is None
    db_session.execute(update(Stock).where(Stock.id == stock.id).values(booked_quantity=1))
    assert stored(db_session, Venue, venue_id) == FAR_FUTURE


def test_an_event_is_bookable_until_its_limit_then_time_alone_closes_it(db_session):
    now = utcnow().replace(microsecond=0)
    offer = offer_factories.offer(db_session, subcategory_id="CONCERT")
    offer_factories.stock(db_session, offer=offer, beginning_at=now + dt.timedelta(days=3),
                          booking_limit_at=now + dt.timedelta(days=2))
    offer_factories.stock(db_session, offer=offer, beginning_at=now + dt.timedelta(days=1))
    assert stored(db_session, Offer, offer.id) == now + dt.timedelta(days=2)
    assert stored(db_session, Venue, offer.venue_id) == now + dt.timedelta(days=2)
    for later in (dt.timedelta(days=1, hours=1), dt.timedelta(days=2, hours=1)):
        assert_columns_follow_the_rule(db_session, [offer.venue_id], now + later)


def test_the_venue_follows_its_offers_validation_activity_and_moves(db_session):
    structure = offerer_factories.structure(db_session)
    first = offerer_factories.venue(db_session, structure=structure)
    second = offerer_factories.venue(db_session, structure=structure)
    offer = offer_factories.offer(db_session, venue=first)
    offer_factories.stock(db_session, offer=offer)
    assert stored(db_session, Venue, first.id) == FAR_FUTURE

    offer.is_active = False
    db_session.flush()
    assert stored(db_session, Venue, first.id) is None
    offer.is_active = True
    offer.validation = Validation.REJECTED
    db_session.flush()
    assert stored(db_session, Venue, first.id) is None
    offer.validation = Validation.APPROVED
    offer.venue = second
    db_session.flush()
    assert stored(db_session, Venue, first.id) is None
    assert stored(db_session, Venue, second.id) == FAR_FUTURE

    db_session.delete(offer)
    db_session.flush()
    assert stored(db_session, Venue, second.id) is None


def test_any_sequence_of_writes_keeps_both_columns_exact(db_session):
    rng = random.Random(2026)
    now = utcnow()
    structure = offerer_factories.structure(db_session)
    venues = [offerer_factories.venue(db_session, structure=structure) for _ in range(3)]
    venue_ids = [venue.id for venue in venues]
    offers = [offer_factories.offer(db_session, venue=rng.choice(venues),
                                    subcategory_id=rng.choice(["CONCERT", "LIVRE_PAPIER"]))
              for _ in range(6)]

    def new_stock(offer):
        fields = {}
        if offer.subcategory.is_event:
            start = now + dt.timedelta(hours=rng.choice([-30, 2, 50, 200]))
            fields["beginning_at"] = start
            if rng.random() < 0.5:
                fields["booking_limit_at"] = start - dt.timedelta(hours=rng.choice([1, 48]))
        else:
            fields["booking_limit_at"] = rng.choice(
                [None, now + dt.timedelta(hours=rng.choice([-5, 5, 500]))])
        return offer_factories.stock(db_session, offer=offer, quantity=rng.choice([None, 1, 3]),
                                     **fields)

    stocks = [new_stock(offer) for offer in offers]
    for _step in range(60):
        action = rng.randrange(7)
        if action == 0:
            stocks.append(new_stock(rng.choice(offers)))
        elif action == 1 and stocks:
            stock = rng.choice(stocks)
            if stock.quantity is not None:
                db_session.execute(update(Stock).where(Stock.id == stock.id).values(
                    booked_quantity=rng.randint(0, stock.quantity)))
        elif action == 2 and stocks:
            stock = rng.choice(stocks)
            stock.is_deleted = not stock.is_deleted
        elif action == 3:
            offer = rng.choice(offers)
            offer.is_active = not offer.is_active
        elif action == 4:
            offer = rng.choice(offers)
            offer.validation = rng.choice(list(Validation))
        elif action == 5:
            rng.choice(offers).venue = rng.choice(venues)
        elif action == 6 and stocks:
            stock = stocks.pop(rng.randrange(len(stocks)))
            db_session.delete(stock)
        db_session.flush()
        db_session.expire_all()
        for moment in (now, now + dt.timedelta(hours=3), now + dt.timedelta(days=30)):
            assert_columns_follow_the_rule(db_session, venue_ids, moment)


def test_refreshing_after_a_bulk_load_gives_what_the_triggers_give(db_session):
    now = utcnow()
    stock = offer_factories.stock(db_session, quantity=5)
    venue_id, offer_id = stock.offer.venue_id, stock.offer_id
    db_session.execute(text("UPDATE offer SET bookable_until = NULL"))
    db_session.execute(text("UPDATE venue SET bookable_until = NULL"))
    refresh_bookability(db_session.connection())
    assert stored(db_session, Offer, offer_id) == FAR_FUTURE
    assert stored(db_session, Venue, venue_id) == FAR_FUTURE
    assert_columns_follow_the_rule(db_session, [venue_id], now)
