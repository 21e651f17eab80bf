"""An offer's stocks through the real app: prices, places, dates, recurrences, moving and
cancelling a date (docs/domain/4-offers.md, "Stocks and dates"; docs/domain/5-bookings.md).

The module runs at the suite's default instant, Wednesday 11 March 2026, 10:30 in Paris, whatever
`--clock` says, since its dates are written out; summer time starts on Sunday 29 March.
Every form is posted as a browser without JavaScript would: no htmx header, its fields read
from the page.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from models.bookings.api import book
from models.bookings.models import BookingStatus, CancellationReason
from models.credit.repository import credit_summary
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.offers.models import Offer, PriceCategory, Stock
from models.offers.recurrence import Recurrence
from models.offers.stocks import add_recurrence, cancel_stock
from models.unit_of_work import atomic
from tests import factories
from tests.clock import DEFAULT_INSTANT
from tests.functional.test_access import IGNORED_METHODS, URL_MAP_APP
from tests.helpers import csrf_token, html, login

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def default_instant(frozen_clock):
    with time_machine.travel(DEFAULT_INSTANT.aware, tick=True):
        yield


def paris(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=PARIS).astimezone(dt.UTC)


@pytest.fixture
def structure(db_session):
    return factories.structure(db_session, name="Théâtre des Stocks")


@pytest.fixture
def venue(db_session, structure):
    return factories.venue(db_session, structure=structure, name="Salle des Stocks")


@pytest.fixture
def pro_client(client, db_session, structure):
    member = factories.pro(db_session, structure=structure)
    db_session.commit()
    assert login(client, member.email, factories.PASSWORD).status_code == 303
    return client


@pytest.fixture
def book_offer(db_session, venue):
    offer = factories.offer(db_session, venue=venue, name="Les Misérables")
    db_session.commit()
    return offer


@pytest.fixture
def show(db_session, venue):
    offer = factories.offer(db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION",
                            name="Le Cid")
    db_session.commit()
    return offer


@pytest.fixture
def category(db_session, show):
    created = PriceCategory(offer=show, label="Plein tarif", price_cents=2000)
    db_session.add(created)
    db_session.commit()
    return created


def base(offer) -> str:
    return f"/pro/offres/{offer.id}/stocks/"


def post(client, page: str, action: str, data: dict):
    """Post a form of `page` with the CSRF token the page gave."""
    return client.post(action, data={"csrf_token": csrf_token(client.get(page)), **data})


def field_error(response, field_id: str) -> str:
    found = html(response).find(id=f"{field_id}-error")
    return found.get_text(" ", strip=True) if found else ""


def live_stocks(db_session, offer) -> list[Stock]:
    db_session.expire_all()
    return list(db_session.scalars(select(Stock).where(Stock.offer_id == offer.id,
                                                       Stock.is_deleted.is_(False))
                                   .order_by(Stock.beginning_at)))


def booked(db_session, stock, count=1):
    """`count` young people with a credit, each booking one place of `stock`."""
    bookings = []
    for _ in range(count):
        person = factories.young(db_session)
        deposit = factories.deposit(db_session, person)
        bookings.append((book(db_session, person.id, stock.id, 1, utcnow()), deposit))
    db_session.commit()
    return bookings


def date_fields(start: dt.datetime, category, **overrides) -> dict:
    local = start.astimezone(PARIS)
    data = {"beginning_date": local.strftime("%Y-%m-%d"), "beginning_time": local.strftime("%H:%M"),
            "price_category_id": str(category.id), "quantity": "50"}
    data.update(overrides)
    return data


def recurrence_fields(category, **overrides) -> dict:
    data = {"weekdays": ["5"], "time_1": "20:00", "first_day": "2026-03-14",
            "last_day": "2026-04-04", "price_category_id": str(category.id), "quantity": "80",
            "limit_amount": "", "limit_unit": "days"}
    data.update(overrides)
    return data


def form_data(form, *extra) -> MultiDict:
    """What a browser sends for `form`: its inputs, as they are on the page."""
    return MultiDict([(field["name"], field.get("value", "")) for field in form.find_all("input")
                      if field.get("name")] + list(extra))


# A thing: one price, one quantity.

def test_a_price_typed_with_a_french_comma_is_stored_in_cents(pro_client, db_session, book_offer):
    response = post(pro_client, base(book_offer), base(book_offer),
                    {"price": "12,50", "quantity": "30"})
    assert response.status_code == 303
    [stock] = live_stocks(db_session, book_offer)
    assert (stock.price_cents, stock.quantity) == (1250, 30)


@pytest.mark.parametrize("typed", ["0", "300", "300,00", "7.5", "9 €"])
def test_prices_from_0_to_300_euros_are_accepted(pro_client, book_offer, typed):
    response = post(pro_client, base(book_offer), base(book_offer), {"price": typed})
    assert response.status_code == 303


@pytest.mark.parametrize(("typed", "message"), [
    ("300,01", "entre 0 et 300 €"), ("1000", "entre 0 et 300 €"), ("-5", "par exemple 12,50"),
    ("douze", "par exemple 12,50"), ("12,505", "par exemple 12,50"), ("", "Indique un prix"),
])
def test_a_price_out_of_bounds_or_unreadable_is_refused_beside_its_field(
        pro_client, db_session, book_offer, typed, message):
    response = post(pro_client, base(book_offer), base(book_offer), {"price": typed})
    assert response.status_code == 422
    assert message in field_error(response, "price")
    assert "price-error" in html(response).find(id="price")["aria-describedby"]
    assert live_stocks(db_session, book_offer) == []


def test_an_empty_quantity_means_unlimited(pro_client, db_session, book_offer):
    post(pro_client, base(book_offer), base(book_offer), {"price": "5", "quantity": ""})
    assert live_stocks(db_session, book_offer)[0].quantity is None


def test_a_quantity_below_the_places_booked_is_refused(pro_client, db_session, book_offer):
    stock = factories.stock(db_session, offer=book_offer, quantity=10)
    booked(db_session, stock, 2)
    response = post(pro_client, base(book_offer), base(book_offer),
                    {"price": "10", "quantity": "1"})
    assert response.status_code == 422
    assert "déjà réservées" in field_error(response, "quantity")
    assert live_stocks(db_session, book_offer)[0].quantity == 10


def test_the_thing_stock_is_updated_in_place_never_doubled(pro_client, db_session, book_offer):
    factories.stock(db_session, offer=book_offer, price_cents=1000, quantity=10)
    db_session.commit()
    post(pro_client, base(book_offer), base(book_offer), {"price": "8,90", "quantity": "3"})
    [stock] = live_stocks(db_session, book_offer)
    assert (stock.price_cents, stock.quantity) == (890, 3)


# Price categories and single dates of an event.

def test_a_price_category_is_created_with_its_label_and_price(pro_client, db_session, show):
    response = post(pro_client, base(show), base(show) + "tarifs",
                    {"new-category-label": "Tarif réduit", "new-category-price": "8,50"})
    assert response.status_code == 303
    category = db_session.scalars(select(PriceCategory)
                                  .where(PriceCategory.offer_id == show.id)).one()
    assert (category.label, category.price_cents) == ("Tarif réduit", 850)


def test_a_price_category_above_300_euros_is_refused(pro_client, db_session, show):
    response = post(pro_client, base(show), base(show) + "tarifs",
                    {"new-category-label": "Loge", "new-category-price": "350"})
    assert response.status_code == 422
    assert "entre 0 et 300 €" in field_error(response, "new-category-price")


def test_repricing_a_category_reprices_its_dates_not_its_bookings(pro_client, db_session, show,
                                                                   category):
    stock = factories.stock(db_session, offer=show, price_category=category, price_cents=2000)
    [(booking, _)] = booked(db_session, stock)
    response = post(pro_client, base(show), base(show) + f"tarifs/{category.id}",
                    {f"category-{category.id}-label": "Plein tarif",
                     f"category-{category.id}-price": "22"})
    assert response.status_code == 303
    db_session.expire_all()
    assert stock.price_cents == 2200
    assert booking.unit_price_cents == 2000


def test_a_date_is_added_in_paris_time_with_its_category_price(pro_client, db_session, show,
                                                                category):
    start = paris(2026, 4, 3, 20, 30)
    response = post(pro_client, base(show), base(show), date_fields(start, category))
    assert response.status_code == 303
    [stock] = live_stocks(db_session, show)
    assert stock.beginning_at == start == dt.datetime(2026, 4, 3, 18, 30, tzinfo=dt.UTC)
    assert (stock.price_cents, stock.price_category_id, stock.quantity) == (2000, category.id, 50)


def test_a_date_in_the_past_is_refused(pro_client, db_session, show, category):
    response = post(pro_client, base(show), base(show),
                    date_fields(paris(2026, 3, 10, 20), category))
    assert response.status_code == 422
    assert "déjà passée" in field_error(response, "beginning_date")
    assert live_stocks(db_session, show) == []


def test_a_booking_limit_after_the_start_is_refused(pro_client, db_session, show, category):
    data = date_fields(paris(2026, 4, 3, 20), category, booking_limit_date="2026-04-04",
                       booking_limit_time="12:00")
    response = post(pro_client, base(show), base(show), data)
    assert response.status_code == 422
    assert "avant le début" in field_error(response, "booking_limit_date")


def test_a_booking_limit_without_time_closes_at_23_59_that_day(pro_client, db_session, show,
                                                                 category):
    data = date_fields(paris(2026, 4, 3, 20), category, booking_limit_date="01/04/2026")
    post(pro_client, base(show), base(show), data)
    assert live_stocks(db_session, show)[0].booking_limit_at == paris(2026, 4, 1, 23, 59)


def test_the_same_date_twice_in_one_category_is_refused(pro_client, db_session, show, category):
    factories.stock(db_session, offer=show, price_category=category,
                    beginning_at=paris(2026, 4, 3, 20))
    db_session.commit()
    response = post(pro_client, base(show), base(show),
                    date_fields(paris(2026, 4, 3, 20), category))
    assert "existe déjà" in field_error(response, "beginning_date")


def test_the_dates_page_lists_date_category_places_booked_and_limit(pro_client, db_session, show,
                                                                      category):
    stock = factories.stock(db_session, offer=show, price_category=category, quantity=40,
                            price_cents=2000,
                            beginning_at=paris(2026, 4, 3, 20),
                            booking_limit_at=paris(2026, 4, 2, 18))
    booked(db_session, stock, 2)
    row = html(pro_client.get(base(show))).find("tbody").find("tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert cells[0] == "vendredi 3 avril à 20h00"
    assert "Plein tarif" in cells[1] and "20,00" in cells[1]
    assert cells[2] == "2 / 40"
    assert cells[3] == "jeudi 2 avril à 18h00"


# Recurrences: preview, then creation.

def preview(client, show, data):
    return post(client, base(show) + "recurrence", base(show) + "recurrence/apercu", data)


def test_the_preview_lists_the_dates_at_20_00_across_summer_time_and_writes_nothing(
        pro_client, db_session, show, category):
    response = preview(pro_client, show, recurrence_fields(category))
    assert response.status_code == 200
    listed = [item.get_text(strip=True)
              for item in html(response).find("ol", class_="stocks-preview").find_all("li")]
    assert listed == ["samedi 14 mars à 20h00", "samedi 21 mars à 20h00",
                      "samedi 28 mars à 20h00", "samedi 4 avril à 20h00"]
    assert "4 dates seront créées" in html(response).find(class_="stocks-summary").get_text()
    assert live_stocks(db_session, show) == []


def test_confirming_the_preview_creates_the_dates_stored_in_utc(pro_client, db_session, show,
                                                                 category):
    page = preview(pro_client, show, recurrence_fields(category))
    confirm = html(page).find("form", action=base(show) + "recurrence")
    response = pro_client.post(confirm["action"], data=form_data(confirm))
    assert response.status_code == 303
    starts = [stock.beginning_at for stock in live_stocks(db_session, show)]
    assert starts == [dt.datetime(2026, 3, 14, 19, tzinfo=dt.UTC),
                      dt.datetime(2026, 3, 21, 19, tzinfo=dt.UTC),
                      dt.datetime(2026, 3, 28, 19, tzinfo=dt.UTC),
                      dt.datetime(2026, 4, 4, 18, tzinfo=dt.UTC)]
    assert {stock.quantity for stock in live_stocks(db_session, show)} == {80}
    flashed = html(pro_client.get(response.location)).select_one(".flash-success").get_text()
    assert "4 dates créées" in flashed


def test_several_days_and_times_with_a_limit_in_days_before(pro_client, db_session, show,
                                                             category):
    data = recurrence_fields(category, weekdays=["2", "5"], time_2="15h00",
                             first_day="18/03/2026", last_day="21/03/2026", limit_amount="2")
    page = preview(pro_client, show, data)
    confirm = html(page).find("form", action=base(show) + "recurrence")
    pro_client.post(confirm["action"], data=form_data(confirm))
    stocks = live_stocks(db_session, show)
    assert [stock.beginning_at for stock in stocks] == [
        paris(2026, 3, 18, 15), paris(2026, 3, 18, 20), paris(2026, 3, 21, 15),
        paris(2026, 3, 21, 20)]
    assert stocks[0].booking_limit_at == paris(2026, 3, 16, 15)


def test_a_recurrence_of_more_than_500_dates_is_refused_in_french(pro_client, db_session, show,
                                                                   category):
    data = recurrence_fields(category, weekdays=[str(day) for day in range(7)],
                             time_2="15:00", first_day="2026-03-12", last_day="2026-12-31")
    response = preview(pro_client, show, data)
    assert response.status_code == 422
    assert "plus de 500 dates" in field_error(response, "last_day")
    confirm = pro_client.post(base(show) + "recurrence", data={
        "csrf_token": csrf_token(pro_client.get(base(show) + "recurrence")), **data})
    assert confirm.status_code == 422
    assert live_stocks(db_session, show) == []


def test_a_recurrence_starting_in_the_past_is_refused(pro_client, db_session, show, category):
    response = preview(pro_client, show, recurrence_fields(category, first_day="2026-03-07"))
    assert response.status_code == 422
    assert "déjà passées" in field_error(response, "first_day")


def test_a_recurrence_without_any_weekday_is_refused_beside_the_days(pro_client, show, category):
    response = preview(pro_client, show, recurrence_fields(category, weekdays=[]))
    assert response.status_code == 422
    assert "au moins un jour" in html(response).find(id="weekdays-error").get_text()


def test_dates_that_already_exist_in_the_category_are_skipped_and_reported(
        pro_client, db_session, show, category):
    factories.stock(db_session, offer=show, price_category=category,
                    beginning_at=paris(2026, 3, 21, 20))
    db_session.commit()
    page = preview(pro_client, show, recurrence_fields(category))
    duplicates = html(page).find("ul", class_="stocks-preview").get_text(" ", strip=True)
    assert duplicates == "samedi 21 mars à 20h00"
    confirm = html(page).find("form", action=base(show) + "recurrence")
    response = pro_client.post(confirm["action"], data=form_data(confirm))
    assert len(live_stocks(db_session, show)) == 4
    flashed = html(pro_client.get(response.location)).select_one(".flash-success").get_text()
    assert "3 dates créées" in flashed and "1 date existait déjà" in flashed


def test_editing_the_recurrence_from_the_preview_keeps_what_was_typed(pro_client, show,
                                                                       category):
    page = preview(pro_client, show, recurrence_fields(category, time_2="18:30"))
    edit = html(page).find("button", attrs={"value": "edit"}).find_parent("form")
    response = pro_client.post(edit["action"], data=form_data(edit, ("action", "edit")))
    form = html(response)
    assert form.find(id="time_2")["value"] == "18:30"
    assert form.find("input", attrs={"name": "weekdays", "value": "5"}).has_attr("checked")


# Moving and cancelling a date (docs/domain/5-bookings.md).

def test_moving_a_date_keeps_bookings_tells_each_person_and_moves_the_cancellation_limit(
        pro_client, db_session, show, category):
    stock = factories.stock(db_session, offer=show, price_category=category,
                            beginning_at=paris(2026, 4, 3, 20))
    [(booking, _), (other, _)] = booked(db_session, stock, 2)
    page = base(show) + f"{stock.id}/modifier"
    response = post(pro_client, page, page, date_fields(paris(2026, 3, 12, 18), category))
    assert response.status_code == 303
    db_session.expire_all()
    assert stock.beginning_at == paris(2026, 3, 12, 18)
    assert {booking.status, other.status} == {BookingStatus.CONFIRMED}
    assert booking.cancellation_limit_at == paris(2026, 3, 12, 18)  # min(start, now + 48 h)
    for person in (booking.user, other.user):
        mail = db_session.scalars(select(OutboundEmail)
                                  .where(OutboundEmail.recipient == person.email)
                                  .order_by(OutboundEmail.id.desc())).first()
        assert "Nouvelle date" in mail.subject
        assert "jeudi 12 mars 2026 à 18h00" in mail.body_text


def test_a_date_moved_to_the_past_is_refused(pro_client, db_session, show, category):
    stock = factories.stock(db_session, offer=show, price_category=category,
                            beginning_at=paris(2026, 4, 3, 20))
    db_session.commit()
    page = base(show) + f"{stock.id}/modifier"
    response = post(pro_client, page, page, date_fields(paris(2026, 3, 1, 20), category))
    assert response.status_code == 422
    assert "déjà passée" in field_error(response, "beginning_date")


def test_cancelling_asks_first_then_refunds_everyone_and_tells_them(pro_client, db_session,
                                                                     show, category):
    stock = factories.stock(db_session, offer=show, price_category=category,
                            beginning_at=paris(2026, 4, 3, 20))
    bookings = booked(db_session, stock, 2)
    page = base(show) + f"{stock.id}/annuler"
    question = html(pro_client.get(page)).find(class_="notice-warning").get_text()
    assert "2 réservations seront annulées et remboursées" in question
    assert post(pro_client, page, page, {}).status_code == 303
    db_session.expire_all()
    assert stock.is_deleted and stock.booked_quantity == 0
    for booking, deposit in bookings:
        assert booking.cancellation_reason is CancellationReason.OFFERER
        assert credit_summary(db_session, deposit).remaining_cents == deposit.granted_cents
        mail = db_session.scalars(select(OutboundEmail)
                                  .where(OutboundEmail.recipient == booking.user.email)
                                  .order_by(OutboundEmail.id.desc())).first()
        assert "annulé" in mail.subject


def test_a_cancelled_date_leaves_the_list_and_its_pages(pro_client, db_session, show, category):
    stock = factories.stock(db_session, offer=show, price_category=category)
    db_session.commit()
    page = base(show) + f"{stock.id}/annuler"
    post(pro_client, page, page, {})
    assert pro_client.get(base(show) + f"{stock.id}/modifier").status_code == 404
    assert html(pro_client.get(base(show))).find("tbody") is None


# Isolation: another structure's offer, stock or category is "not found".

def stock_routes(ids: dict) -> list[tuple[str, str]]:
    routes = []
    for rule in URL_MAP_APP.url_map.iter_rules():
        if rule.endpoint.startswith("pro_stocks."):
            path = rule.build(ids, append_unknown=False)[1]
            routes.extend((method, path) for method in sorted(rule.methods - IGNORED_METHODS))
    return routes


def test_every_route_answers_404_for_another_structures_offer(client, db_session, show,
                                                               category):
    stock = factories.stock(db_session, offer=show, price_category=category)
    stranger = factories.pro(db_session, structure=factories.structure(db_session))
    db_session.commit()
    login(client, stranger.email, factories.PASSWORD)
    token = csrf_token(client.get("/pro/guichet/"))
    ids = {"offer_id": show.id, "stock_id": stock.id, "price_category_id": category.id}
    routes = stock_routes(ids)
    assert len(routes) >= 11
    for method, path in routes:
        response = client.open(path, method=method, data={"csrf_token": token})
        assert response.status_code == 404, (method, path)
        assert "Le Cid" not in response.get_data(as_text=True)


def test_a_stock_or_category_of_another_offer_is_not_found_under_this_one(
        pro_client, db_session, show, category, venue):
    other = factories.offer(db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION")
    other_category = PriceCategory(offer=other, label="Autre", price_cents=100)
    db_session.add(other_category)
    other_stock = factories.stock(db_session, offer=other, price_category=other_category)
    db_session.commit()
    token = csrf_token(pro_client.get(base(show)))
    for path in (f"{base(show)}{other_stock.id}/modifier", f"{base(show)}{other_stock.id}/annuler"):
        assert pro_client.get(path).status_code == 404
        assert pro_client.post(path, data={"csrf_token": token}).status_code == 404
    response = pro_client.post(f"{base(show)}tarifs/{other_category.id}",
                               data={"csrf_token": token})
    assert response.status_code == 404


def test_confirming_twice_creates_the_dates_once(pro_client, db_session, show, category):
    page = preview(pro_client, show, recurrence_fields(category))
    confirm = html(page).find("form", action=base(show) + "recurrence")
    first = pro_client.post(confirm["action"], data=form_data(confirm))
    pro_client.get(first.location)
    second = pro_client.post(confirm["action"], data=form_data(confirm))
    assert len(live_stocks(db_session, show)) == 4
    flashed = html(pro_client.get(second.location)).select_one(".flash-success").get_text()
    assert "Aucune date créée" in flashed and "4 dates existaient déjà" in flashed


def test_two_simultaneous_confirmations_create_each_date_once(app, db_session, show, category):
    sessionmaker = app.extensions["database"]["sessionmaker"]
    barrier = Barrier(2)
    recurrence = Recurrence(frozenset({5}), (dt.time(20),), dt.date(2026, 3, 14),
                            dt.date(2026, 4, 4))

    def confirm(_number):
        with sessionmaker() as session:
            offer = session.get(Offer, show.id)
            barrier.wait()
            with atomic(session):
                plan = add_recurrence(session, offer, recurrence, price_category_id=category.id,
                                      quantity=10, booking_limit=None, zone=PARIS, now=utcnow())
            return len(plan.new)

    with ThreadPoolExecutor(max_workers=2) as pool:
        created = sorted(pool.map(confirm, range(2)))
    assert created == [0, 4]
    assert len(live_stocks(db_session, show)) == 4


def test_a_person_who_chose_english_is_told_in_english(db_session, show, category):
    stock = factories.stock(db_session, offer=show, price_category=category,
                            beginning_at=paris(2026, 4, 3, 20))
    [(booking, _)] = booked(db_session, stock)
    booking.user.locale = "en"
    with atomic(db_session):
        cancel_stock(db_session, stock, utcnow())
    mail = db_session.scalars(select(OutboundEmail)
                              .where(OutboundEmail.recipient == booking.user.email)
                              .order_by(OutboundEmail.id.desc())).first()
    assert mail.subject == "“Le Cid” is cancelled"
    assert "on Friday 3 April 2026, 8:00 PM" in mail.body_text


def test_cancelling_a_things_stock_tells_each_person_without_a_date(db_session, book_offer):
    stock = factories.stock(db_session, offer=book_offer)
    [(booking, _)] = booked(db_session, stock)
    with atomic(db_session):
        cancel_stock(db_session, stock, utcnow())
    mail = db_session.scalars(select(OutboundEmail)
                              .where(OutboundEmail.recipient == booking.user.email)
                              .order_by(OutboundEmail.id.desc())).first()
    assert "L'organisateur a annulé « Les Misérables » (Salle des Stocks)." in mail.body_text
