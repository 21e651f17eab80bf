"""A daily refresh moves the amounts and the top lists of a period by what changed, reads a
scope's list again only when an item that did not change may come into it, and its largest
partner's part again only when that partner lost money; either way it writes the rows of a full
rebuild (docs/domain/7-territories.md, "The refresh"). The suite's clock is frozen; every
instant here is given."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.statistics.models import ScopeFigure, ScopeTop
from models.statistics.scopes import Level
from tests import factories
from tests.functional.pro.bookings_data import add_booking
from tests.functional.statistics.statistics_data import MONTPELLIER, paris_time, resident
from tests.functional.statistics.test_statistics_aggregates import NOW, Shop
from tests.functional.statistics.test_statistics_incremental import _refresh, _rows

# Eleven partners of one offer each, booked 10 to 20 times by residents of Montpellier: the top
# lists hold the ten most booked, the one booked 10 times is eleventh.
PARTNERS = 11
FEWEST = 10


@pytest.fixture
def shelves(db_session):
    people = [resident(db_session, MONTPELLIER, key=1000 + index)
              for index in range(FEWEST + PARTNERS - 1)]
    shop = Shop(db_session)
    stocks = [shop.offer(factories.structure(db_session), "LIVRE_PAPIER")
              for _ in range(PARTNERS)]
    for rank, stock in enumerate(stocks):
        for person in people[:FEWEST + rank]:
            add_booking(db_session, stock, person=person, booked_at=paris_time(2026, 3, 5))
    db_session.commit()
    return {"people": people, "stocks": stocks}


def _cancel(session, stock, count: int, day: dt.datetime) -> None:
    for booking in session.scalars(select(Booking).where(
            Booking.stock_id == stock.id).order_by(Booking.id).limit(count)):
        booking.status = BookingStatus.CANCELLED
        booking.cancellation_reason = CancellationReason.BENEFICIARY
        booking.cancelled_at = day


def _herault_top(session, kind: str) -> list[int]:
    return list(session.scalars(select(ScopeTop.item_id).where(
        ScopeTop.period == "2026-03", ScopeTop.level == Level.DEPARTEMENT.value,
        ScopeTop.code == "34", ScopeTop.kind == kind).order_by(ScopeTop.rank)))


def test_a_top_list_whose_tenth_falls_is_read_again_as_a_full_rebuild_writes_it(db_session,
                                                                              shelves):
    stocks, people = shelves["stocks"], shelves["people"]
    _refresh(db_session, NOW)
    eleventh, tenth, largest = stocks[0], stocks[1], stocks[-1]
    assert eleventh.offer_id not in _herault_top(db_session, "offer")
    assert tenth.offer_id in _herault_top(db_session, "offer")
    day = NOW + dt.timedelta(days=1)
    # The tenth falls under 10 bookings, the largest partner loses one, and the eleventh gains
    # one from someone who had not booked it: it comes into the lists without having been in
    # them.
    _cancel(db_session, tenth, 2, day)
    _cancel(db_session, largest, 1, day)
    add_booking(db_session, eleventh, person=people[-1], booked_at=day)
    db_session.commit()
    later = day + dt.timedelta(hours=3)
    _refresh(db_session, later)
    incremental = _rows(db_session)
    offers = _herault_top(db_session, "offer")
    assert eleventh.offer_id in offers
    assert tenth.offer_id not in offers
    _refresh(db_session, later, full=True)
    assert _rows(db_session) == incremental


def test_an_item_that_did_not_change_comes_in_when_the_tenth_falls(db_session, shelves):
    stocks = shelves["stocks"]
    _refresh(db_session, NOW)
    day = NOW + dt.timedelta(days=1)
    # The tenth loses one booking and ties with the eleventh, which did not change: the
    # eleventh, with the lower id, now ranks tenth.
    _cancel(db_session, stocks[1], 1, day)
    db_session.commit()
    later = day + dt.timedelta(hours=3)
    _refresh(db_session, later)
    incremental = _rows(db_session)
    offers = _herault_top(db_session, "offer")
    assert offers[-1] == stocks[0].offer_id
    _refresh(db_session, later, full=True)
    assert _rows(db_session) == incremental


def test_the_largest_part_is_read_again_when_the_largest_partner_loses_money(db_session,
                                                                             shelves):
    stocks = shelves["stocks"]
    _refresh(db_session, NOW)
    day = NOW + dt.timedelta(days=1)
    _cancel(db_session, stocks[-1], 3, day)
    db_session.commit()
    later = day + dt.timedelta(hours=3)
    _refresh(db_session, later)
    incremental = _rows(db_session)
    # 20 bookings at 10 € were the largest part; 19 of the next partner are now.
    amount = db_session.scalars(select(ScopeFigure).where(
        ScopeFigure.period == "2026-03", ScopeFigure.level == Level.DEPARTEMENT.value,
        ScopeFigure.code == "34", ScopeFigure.name == "amount")).one()
    assert amount.largest == 19 * 1000
    _refresh(db_session, later, full=True)
    assert _rows(db_session) == incremental
