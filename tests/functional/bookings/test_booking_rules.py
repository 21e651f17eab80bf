"""docs/domain/5-bookings.md: what can be booked, by whom, and with what credit."""

import datetime as dt

import pytest

from models.bookings import exceptions
from models.bookings.api import book, refusal_reason
from models.bookings.models import TOKEN_ALPHABET, BookingStatus
from models.credit.repository import credit_summary
from models.offerers.models import StructureStatus
from models.offers.models import ActivationCode, Validation
from tests import factories


def young_with_credit(session, age=18, now=None):
    person = factories.young(session, age=age)
    deposit = factories.deposit(session, person, now)
    return person, deposit


def test_a_booking_debits_the_price_and_takes_a_place(db_session, now):
    person, deposit = young_with_credit(db_session)
    stock = factories.stock(db_session, price_cents=1250, quantity=3)
    booking = book(db_session, person.id, stock.id, 1, now)
    assert booking.status is BookingStatus.CONFIRMED
    assert stock.booked_quantity == 1
    assert credit_summary(db_session, deposit).remaining_cents == 15000 - 1250


def test_the_token_has_six_characters_without_ambiguous_ones(db_session, now):
    person, _ = young_with_credit(db_session)
    token = book(db_session, person.id, factories.stock(db_session).id, 1, now).token
    assert len(token) == 6 and set(token) <= set(TOKEN_ALPHABET)
    assert not set(token) & set("IO0189")


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"offer": {"validation": Validation.PENDING}}, exceptions.OfferNotBookable),
        ({"offer": {"validation": Validation.REJECTED}}, exceptions.OfferNotBookable),
        ({"offer": {"is_active": False}}, exceptions.OfferNotBookable),
        ({"structure": {"status": StructureStatus.PENDING}}, exceptions.OfferNotBookable),
        ({"stock": {"is_deleted": True}}, exceptions.OfferNotBookable),
        ({"stock": {"quantity": 0}}, exceptions.SoldOut),
        ({"stock": {"booking_limit_offset": -1}}, exceptions.BookingClosed),
        ({"stock": {"beginning_offset": -1}}, exceptions.BookingClosed),
    ],
)
def test_offers_that_are_not_bookable_are_refused_with_their_reason(
    db_session, now, change, refusal
):
    person, _ = young_with_credit(db_session)
    offer = factories.offer(db_session, subcategory_id="CONCERT", **change.get("offer", {}))
    for field, value in change.get("structure", {}).items():
        setattr(offer.venue.structure, field, value)
    stock_fields = dict(change.get("stock", {}))
    beginning = now + dt.timedelta(hours=stock_fields.pop("beginning_offset", 24 * 7))
    limit_offset = stock_fields.pop("booking_limit_offset", None)
    limit = now + dt.timedelta(hours=limit_offset) if limit_offset is not None else None
    if beginning < now:
        limit = beginning - dt.timedelta(hours=1)
    stock = factories.stock(db_session, offer=offer, beginning_at=beginning,
                            booking_limit_at=limit, **stock_fields)
    with pytest.raises(refusal):
        book(db_session, person.id, stock.id, 1, now)


def test_the_last_place_can_be_booked_then_the_stock_is_sold_out(db_session, now):
    first, _ = young_with_credit(db_session)
    second, _ = young_with_credit(db_session)
    stock = factories.stock(db_session, quantity=1)
    book(db_session, first.id, stock.id, 1, now)
    with pytest.raises(exceptions.SoldOut):
        book(db_session, second.id, stock.id, 1, now)


def test_an_unlimited_stock_never_sells_out(db_session, now):
    stock = factories.stock(db_session, quantity=None)
    for _ in range(3):
        person, _ = young_with_credit(db_session)
        book(db_session, person.id, stock.id, 1, now)
    assert stock.booked_quantity == 3


@pytest.mark.parametrize(
    ("is_duo", "subcategory", "quantity", "allowed"),
    [
        (False, "CONCERT", 1, True),
        (False, "CONCERT", 2, False),
        (True, "CONCERT", 2, True),
        (True, "CONCERT", 3, False),
        (True, "CONCERT", 0, False),
        (True, "LIVRE_PAPIER", 2, False),
    ],
)
def test_two_places_only_on_duo_offers(db_session, now, is_duo, subcategory, quantity, allowed):
    person, deposit = young_with_credit(db_session)
    offer = factories.offer(db_session, subcategory_id=subcategory, is_duo=is_duo)
    stock = factories.stock(db_session, offer=offer, price_cents=1000)
    if allowed:
        book(db_session, person.id, stock.id, quantity, now)
        assert credit_summary(db_session, deposit).remaining_cents == 15000 - 1000 * quantity
        assert stock.booked_quantity == quantity
    else:
        with pytest.raises(exceptions.QuantityNotAllowed):
            book(db_session, person.id, stock.id, quantity, now)


def test_one_active_booking_per_offer_and_person(db_session, now):
    person, _ = young_with_credit(db_session)
    offer = factories.offer(db_session, subcategory_id="CONCERT")
    first = factories.stock(db_session, offer=offer)
    second = factories.stock(db_session, offer=offer, beginning_at=now + dt.timedelta(days=9))
    book(db_session, person.id, first.id, 1, now)
    with pytest.raises(exceptions.AlreadyBooked):
        book(db_session, person.id, second.id, 1, now)


@pytest.mark.parametrize(
    ("age", "has_deposit", "subcategory", "price", "refusal"),
    [
        (14, False, "LIVRE_PAPIER", 0, exceptions.TooYoung),
        (15, False, "LIVRE_PAPIER", 0, None),
        (16, False, "CONCERT", 0, None),
        (16, False, "LIVRE_PAPIER", 500, exceptions.FreeOffersOnly),
        (18, False, "LIVRE_PAPIER", 500, exceptions.FreeOffersOnly),
        (17, True, "VOD", 500, exceptions.PaidForbiddenToMinors),
        (17, True, "VOD", 0, None),
        (17, True, "JEU_EN_LIGNE", 0, exceptions.ForbiddenToMinors),
        (18, True, "JEU_EN_LIGNE", 500, None),
        (17, True, "LIVRE_PAPIER", 500, None),
        (18, True, "VOD", 500, None),
    ],
)
def test_age_rules(db_session, now, age, has_deposit, subcategory, price, refusal):
    person = factories.young(db_session, age=age)
    if has_deposit:
        factories.deposit(db_session, person, now)
    stock = factories.stock(db_session, offer=factories.offer(db_session,
                                                             subcategory_id=subcategory),
                            price_cents=price)
    reason = refusal_reason(db_session, person, stock, 1, now)
    assert (type(reason) if reason else None) is refusal


def test_credit_can_be_spent_to_the_last_cent_but_not_beyond(db_session, now):
    person, deposit = young_with_credit(db_session)
    book(db_session, person.id, factories.stock(db_session, price_cents=14000).id, 1, now)
    with pytest.raises(exceptions.InsufficientCredit):
        book(db_session, person.id, factories.stock(db_session, price_cents=1001).id, 1, now)
    book(db_session, person.id, factories.stock(db_session, price_cents=1000).id, 1, now)
    assert credit_summary(db_session, deposit).remaining_cents == 0


def test_free_offers_stay_bookable_with_no_credit_left(db_session, now):
    person, _ = young_with_credit(db_session)
    book(db_session, person.id, factories.stock(db_session, price_cents=15000).id, 1, now)
    book(db_session, person.id, factories.stock(db_session, price_cents=0).id, 1, now)


def test_the_digital_cap_of_100_euros_is_never_exceeded(db_session, now):
    person, deposit = young_with_credit(db_session)

    def vod(price):
        offer = factories.offer(db_session, subcategory_id="VOD")
        return factories.stock(db_session, offer=offer, price_cents=price, quantity=None)

    book(db_session, person.id, vod(6000).id, 1, now)
    with pytest.raises(exceptions.DigitalCapReached):
        book(db_session, person.id, vod(4001).id, 1, now)
    book(db_session, person.id, vod(4000).id, 1, now)
    summary = credit_summary(db_session, deposit)
    assert summary.digital_spent_cents == 10000 and summary.remaining_cents == 5000


def test_events_and_distance_sales_count_only_against_the_total(db_session, now):
    person, deposit = young_with_credit(db_session)
    concert = factories.offer(db_session, subcategory_id="LIVESTREAM_MUSIQUE")
    book(db_session, person.id, factories.stock(db_session, offer=concert,
                                                price_cents=8000).id, 1, now)
    distance_sale = factories.offer(db_session, subcategory_id="CINE_VENTE_DISTANCE")
    book(db_session, person.id, factories.stock(db_session, offer=distance_sale,
                                                price_cents=5000).id, 1, now)
    summary = credit_summary(db_session, deposit)
    assert summary.digital_spent_cents == 8000
    assert summary.remaining_cents == 2000


def test_the_2019_physical_goods_cap_of_200_euros_is_never_exceeded(db_session):
    then = dt.datetime(2020, 3, 10, 12, tzinfo=dt.UTC)
    person = factories.young(db_session, date_of_birth=dt.date(2001, 9, 1))
    factories.deposit(db_session, person, then)

    def book_at(price):
        stock = factories.stock(db_session, price_cents=price, quantity=None)
        return book(db_session, person.id, stock.id, 1, then)

    book_at(15000)
    with pytest.raises(exceptions.PhysicalCapReached):
        book_at(5001)
    book_at(5000)


def test_a_digital_offer_with_codes_hands_one_code_and_is_used_at_once(db_session, now):
    person, _ = young_with_credit(db_session)
    offer = factories.offer(db_session, subcategory_id="ABO_PLATEFORME_MUSIQUE")
    stock = factories.stock(db_session, offer=offer, price_cents=1000, quantity=1)
    db_session.add(ActivationCode(stock_id=stock.id, code="CODE-0001"))
    booking = book(db_session, person.id, stock.id, 1, now)
    assert booking.status is BookingStatus.USED
    code = db_session.query(ActivationCode).filter_by(stock_id=stock.id).one()
    assert code.booking_id == booking.id


def test_a_digital_offer_without_codes_left_is_sold_out(db_session, now):
    first, _ = young_with_credit(db_session)
    second, _ = young_with_credit(db_session)
    offer = factories.offer(db_session, subcategory_id="ABO_PLATEFORME_MUSIQUE")
    stock = factories.stock(db_session, offer=offer, price_cents=0, quantity=None)
    db_session.add(ActivationCode(stock_id=stock.id, code="ONLY-ONE"))
    book(db_session, first.id, stock.id, 1, now)
    with pytest.raises(exceptions.SoldOut):
        book(db_session, second.id, stock.id, 1, now)


def test_a_refused_booking_writes_nothing(db_session, now):
    person, deposit = young_with_credit(db_session)
    stock = factories.stock(db_session, price_cents=20000, quantity=5)
    db_session.commit()
    with pytest.raises(exceptions.InsufficientCredit):
        book(db_session, person.id, stock.id, 1, now)
    db_session.rollback()
    db_session.refresh(stock)
    assert stock.booked_quantity == 0
    assert credit_summary(db_session, deposit).spent_cents == 0
