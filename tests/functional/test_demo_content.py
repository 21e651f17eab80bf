"""The demo content is believable and keeps every rule of the domain.

The demo is loaded once for the module into its own database: a SQLite file, or a fresh
PostgreSQL database on the server `TEST_DATABASE_URL` names. It does not use the shared fixtures
so that a full load never mixes with the rows other tests create and delete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, func, make_url, pool, select, text
from sqlalchemy.orm import Session, joinedload, selectinload

from models import migrations
from models.bookings.models import Booking, BookingStatus
from models.credit.api import person_timezone, programme_for
from models.credit.models import Deposit
from models.credit.repository import credit_summary
from models.db import make_engine
from models.offerers.models import Structure, Venue
from models.offers.catalogue import SUBCATEGORIES, MinorsAccess
from models.offers.models import ActivationCode, Image, Offer, Stock
from models.offers.repository import bookable_offers_query
from models.territories.models import Commune
from models.users.models import User
from webapp.config import normalise_database_url
from webapp.demo import demo_counts, load_demo
from webapp.demo.accounts import PRO_SIREN
from webapp.demo.pro_scenario import BOOKSHOP_SIREN
from webapp.demo.scale import load_scale

NOW = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)
LIVE = (BookingStatus.CONFIRMED, BookingStatus.USED, BookingStatus.REIMBURSED)
EXPERIMENT = ("67", "973", "34", "93", "29")


def _admin(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


@contextmanager
def _migrated_session(tmp_path_factory, label: str) -> Iterator[Session]:
    """A session on a new database built by the migrations, dropped afterwards."""
    server_url = os.environ.get("TEST_DATABASE_URL")
    if server_url:
        server_url = normalise_database_url(server_url)
        name = f"{label}_{os.getpid()}"
        _admin(server_url, f'DROP DATABASE IF EXISTS "{name}"')
        _admin(server_url, f'CREATE DATABASE "{name}"')
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp(label) / 'db.sqlite3'}"
    migrations.upgrade(url)
    engine = make_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        yield session
    engine.dispose()
    if server_url:
        _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Iterator[Session]:
    with _migrated_session(tmp_path_factory, "demo_content") as session:
        assert load_demo(session, NOW)
        session.commit()
        yield session


def _count(session: Session, query) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery()))


def test_at_least_300_physical_venues_in_the_experiment_departements(session):
    query = select(Venue.id).join(Commune, Commune.code == Venue.commune_code).where(
        Venue.is_virtual.is_(False), Commune.departement_code.in_(EXPERIMENT))
    assert _count(session, query) >= 300


def test_generated_venues_lie_within_2_km_of_their_commune_centre(session):
    # The demo pros' venues carry their real coordinates; the generated ones are offsets.
    far = select(Venue.id).join(Commune).join(Structure, Structure.id == Venue.structure_id).where(
        Structure.siren.not_in((PRO_SIREN, BOOKSHOP_SIREN)),
        (func.abs(Venue.latitude - Commune.latitude) > 0.02)
        | (func.abs(Venue.longitude - Commune.longitude) > 0.03))
    assert _count(session, far) == 0


def test_at_least_3000_offers(session):
    assert _count(session, select(Offer.id)) >= 3000


def test_every_subcategory_has_offers(session):
    present = set(session.scalars(select(Offer.subcategory_id).distinct()))
    assert set(SUBCATEGORIES) <= present


def test_books_are_between_35_and_60_percent_of_offers(session):
    counts = Counter(SUBCATEGORIES[sub].category_id
                     for sub in session.scalars(select(Offer.subcategory_id)))
    assert 0.35 <= counts["LIVRE"] / sum(counts.values()) <= 0.60


def test_event_stocks_are_dated_and_most_events_have_coming_dates(session):
    events = [sub.id for sub in SUBCATEGORIES.values() if sub.is_event]
    undated = select(Stock.id).join(Offer).where(
        Offer.subcategory_id.in_(events), Stock.beginning_at.is_(None))
    assert _count(session, undated) == 0
    offers = _count(session, select(Offer.id).where(Offer.subcategory_id.in_(events)))
    coming = _count(session, select(Offer.id).where(
        Offer.subcategory_id.in_(events),
        Offer.stocks.any(Stock.beginning_at > NOW)))
    assert coming >= 0.75 * offers


def test_things_have_one_dateless_stock(session):
    things = [sub.id for sub in SUBCATEGORIES.values() if not sub.is_event]
    rows = session.execute(
        select(func.count(Stock.id), func.count(Stock.beginning_at)).join(Offer)
        .where(Offer.subcategory_id.in_(things)).group_by(Offer.id)).all()
    assert {(stocks, dated) for stocks, dated in rows} == {(1, 0)}


def test_digital_offers_have_a_url_or_activation_codes(session):
    online = [sub.id for sub in SUBCATEGORIES.values() if sub.is_online_only]
    with_codes = select(Stock.offer_id).join(ActivationCode, ActivationCode.stock_id == Stock.id)
    missing = select(Offer.id).where(Offer.subcategory_id.in_(online), Offer.url.is_(None),
                                     Offer.id.not_in(with_codes))
    assert _count(session, missing) == 0
    assert _count(session, with_codes.distinct()) > 0


def test_activation_codes_match_places_and_live_bookings(session):
    stocks = session.scalars(select(Stock).where(
        Stock.id.in_(select(ActivationCode.stock_id)))).all()
    for stock in stocks:
        codes = session.scalars(select(ActivationCode).where(
            ActivationCode.stock_id == stock.id)).all()
        handed = [code for code in codes if code.booking_id is not None]
        assert len(codes) == stock.quantity
        assert len(handed) == stock.booked_quantity


def test_duo_only_on_subcategories_that_allow_it(session):
    duos = set(session.scalars(select(Offer.subcategory_id).where(Offer.is_duo).distinct()))
    assert duos
    assert all(SUBCATEGORIES[sub].duo_allowed for sub in duos)


def test_booked_quantities_equal_live_bookings_and_never_exceed_stock(session):
    _assert_booked_quantities_match_live_bookings(session)


def _assert_booked_quantities_match_live_bookings(session: Session) -> None:
    live = dict(session.execute(
        select(Booking.stock_id, func.sum(Booking.quantity))
        .where(Booking.status.in_(LIVE)).group_by(Booking.stock_id)).all())
    stocks = session.execute(select(Stock.id, Stock.booked_quantity, Stock.quantity)).all()
    assert all(booked == live.get(stock_id, 0) for stock_id, booked, _ in stocks)
    assert all(quantity is None or booked <= quantity for _, booked, quantity in stocks)


def test_some_offers_are_sold_out_with_real_bookings(session):
    sold_out = select(Stock.offer_id).where(
        Stock.quantity > 0, Stock.booked_quantity == Stock.quantity,
        Stock.beginning_at > NOW).distinct()
    assert _count(session, sold_out) >= 3


def test_no_deposit_is_spent_beyond_its_grants_or_caps(session):
    _assert_no_deposit_overspent(session)


def _assert_no_deposit_overspent(session: Session) -> None:
    # `credit_summary` costs two queries a deposit: check the deposits that spent the most
    # (where a breach would show), and one in 25 of the others.
    spent = Booking.unit_price_cents * Booking.quantity
    ranked = session.scalars(
        select(Booking.deposit_id).where(Booking.status.in_(LIVE))
        .group_by(Booking.deposit_id).order_by(func.sum(spent).desc())).all()
    chosen = ranked[:150] + ranked[150::25]
    deposits = session.scalars(select(Deposit).where(Deposit.id.in_(chosen))
                               .options(joinedload(Deposit.programme))).all()
    assert len(deposits) == len(chosen)
    for deposit in deposits:
        summary = credit_summary(session, deposit)
        programme = deposit.programme
        assert summary.remaining_cents >= 0
        assert programme.digital_cap_cents is None or (
            summary.digital_spent_cents <= programme.digital_cap_cents)
        assert programme.physical_cap_cents is None or (
            summary.physical_spent_cents <= programme.physical_cap_cents)


def test_deposits_follow_the_programme_in_force_at_sign_up(session):
    deposits = session.scalars(
        select(Deposit).options(selectinload(Deposit.user).selectinload(User.commune))
        .where(Deposit.id % 20 == 0)).all()
    for deposit in deposits:
        user = deposit.user
        zone = ZoneInfo(user.commune.departement.timezone) if user.commune else dt.UTC
        day = deposit.created_at.astimezone(zone).date()
        expected = programme_for(session, user.age_on(day), day)
        assert expected is not None and expected.id == deposit.programme_id


def test_bookings_are_spread_over_the_past_24_months(session):
    dates = session.scalars(select(Booking.booked_at)).all()
    months = {(date.year, date.month) for date in dates}
    assert len(months) >= 24
    assert max(dates) <= NOW
    assert min(dates) >= NOW - dt.timedelta(days=731)
    older_year = sum(1 for date in dates if date < NOW - dt.timedelta(days=365))
    assert older_year >= 0.15 * len(dates)


def test_books_are_between_40_and_60_percent_of_bookings(session):
    counts = Counter(SUBCATEGORIES[sub].category_id for sub in session.scalars(
        select(Offer.subcategory_id).join(Booking, Booking.offer_id == Offer.id)))
    assert 0.40 <= counts["LIVRE"] / sum(counts.values()) <= 0.60


def test_booking_statuses_agree_with_event_dates(session):
    rows = session.execute(select(Booking.status, Stock.beginning_at, Booking.used_at)
                           .join(Stock, Stock.id == Booking.stock_id)).all()
    for status, start, used_at in rows:
        if start is not None and start < NOW:
            assert status is not BookingStatus.CONFIRMED
        if start is not None and start > NOW:
            assert status in (BookingStatus.CONFIRMED, BookingStatus.CANCELLED)
        assert used_at is None or used_at <= NOW


def test_minors_book_only_what_their_subcategory_allows_them(session):
    limited = [sub.id for sub in SUBCATEGORIES.values() if sub.minors is not MinorsAccess.OPEN]
    bookings = session.scalars(
        select(Booking).join(Offer, Offer.id == Booking.offer_id)
        .where(Offer.subcategory_id.in_(limited))
        .options(joinedload(Booking.user).joinedload(User.commune),
                 joinedload(Booking.offer))).all()
    assert bookings
    for booking in bookings:
        day = booking.booked_at.astimezone(person_timezone(booking.user)).date()
        if booking.user.age_on(day) < 18:
            assert not booking.offer.subcategory.refused_to_minors(booking.unit_price_cents)


def test_tokens_are_unique(session):
    _assert_unique_tokens(session)


def _assert_unique_tokens(session: Session) -> None:
    assert _count(session, select(Booking.token).distinct()) == _count(session,
                                                                        select(Booking.id))


def test_images_are_light_svg_with_their_checksum(session):
    images = session.execute(select(Image.content_type, Image.data, Image.checksum,
                                    Image.width, Image.height)).all()
    assert images
    for content_type, data, checksum, width, height in images:
        assert content_type == "image/svg+xml"
        assert len(data) < 4096
        assert hashlib.sha256(data).hexdigest() == checksum
        assert min(width, height) >= 400


def test_demo_pro_has_40_offers_and_bookable_events_soon(session):
    pro_venues = select(Venue.id).join(Structure, Structure.id == Venue.structure_id).where(
        Structure.siren == PRO_SIREN)
    assert _count(session, select(Offer.id).where(Offer.venue_id.in_(pro_venues))) >= 40
    events = [sub.id for sub in SUBCATEGORIES.values() if sub.is_event]
    soon = bookable_offers_query(NOW).where(
        Offer.venue_id.in_(pro_venues), Offer.subcategory_id.in_(events),
        Offer.stocks.any(Stock.beginning_at < NOW + dt.timedelta(days=14)))
    assert _count(session, soon) >= 5


def test_loading_twice_adds_nothing(session):
    before = demo_counts(session)
    assert load_demo(session, NOW) is False
    session.flush()
    assert demo_counts(session) == before


@pytest.fixture(scope="module")
def benchmark_session(tmp_path_factory) -> Iterator[Session]:
    """A small run of the benchmark generator, alone in its own database."""
    with _migrated_session(tmp_path_factory, "demo_bench") as session:
        assert load_scale(session, venues=300, offers=1500, bookings=6000, seed=1, now=NOW)
        session.commit()
        yield session


def test_benchmark_venues_spread_over_france(benchmark_session):
    departements = select(Commune.departement_code).join(
        Venue, Venue.commune_code == Commune.code).distinct()
    assert _count(benchmark_session, departements) >= 50


def test_benchmark_reaches_about_the_bookings_asked_for(benchmark_session):
    assert _count(benchmark_session, select(Booking.id)) >= 5000


def test_benchmark_booked_quantities_match_live_bookings(benchmark_session):
    _assert_booked_quantities_match_live_bookings(benchmark_session)


def test_benchmark_deposits_are_never_overspent(benchmark_session):
    _assert_no_deposit_overspent(benchmark_session)


def test_benchmark_tokens_are_unique(benchmark_session):
    _assert_unique_tokens(benchmark_session)


def test_benchmark_loads_once(benchmark_session):
    assert load_scale(benchmark_session, venues=300, offers=1500, bookings=6000, seed=1,
                      now=NOW) is False
