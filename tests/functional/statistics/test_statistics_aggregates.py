"""The aggregates the dashboards read at scale give exactly the figures of the bookings, and the
new indicators (channel, lead time, diversification, top partners and offers) have known answers
on a small hand-made data set (docs/domain/7-territories.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models.bookings.models import BookingStatus, CancellationReason
from models.jobs.registry import jobs_named
from models.offerers.models import VenueType
from models.statistics.dashboard import (
    BOOKINGS,
    BOOKINGS_BY_LEAD,
    DIGITAL_BOOKINGS,
    DIGITAL_SHARE,
    DIVERSIFICATION,
    ON_SITE_BOOKINGS,
    TOP_PARTNERS_AMOUNT,
    build_dashboard,
)
from models.statistics.figures import Figure, Reason
from models.statistics.indicators import Selection
from models.statistics.models import BookingMonth, PartnerMonth, PeoplePeriod
from models.statistics.periods import Period
from models.statistics.refresh import refresh_aggregates
from models.statistics.scopes import COUNTRY, Level, Scope
from models.statistics.secrecy import Count, protect_count
from models.statistics.sources import AggregateSource, RawSource, is_aggregated
from tests import factories
from tests.functional.pro.bookings_data import add_booking
from tests.functional.statistics.statistics_data import (
    BAILLARGUES,
    BEZIERS,
    MONTPELLIER,
    MONTPELLIER_METROPOLE,
    PARIS_COMMUNE,
    paris_time,
    resident,
)

HERAULT = Scope(Level.DEPARTEMENT, "34")
METROPOLE = Scope(Level.EPCI, MONTPELLIER_METROPOLE)
MONTPELLIER_SCOPE = Scope(Level.COMMUNE, MONTPELLIER)
MARCH = Period.month(2026, 3)
NOW = paris_time(2026, 3, 20)
PERIODS = (MARCH, Period.month(2026, 2), Period.quarter(2026, 1), Period.year(2026),
           Period.year(2025), Period.rolling(12, 2026, 3), Period.rolling(24, 2026, 3))
SCOPES = (MONTPELLIER_SCOPE, METROPOLE, HERAULT, Scope(Level.REGION, "76"), COUNTRY)


class Shop:
    """Offers made on demand: a venue per (structure, venue type), an offer per kind."""

    def __init__(self, session):
        self.session = session
        self.venues = {}

    def offer(self, structure, subcategory: str, *, venue_type=VenueType.BOOKSTORE,
              price_cents: int = 1000, url: str | None = None,
              beginning_at: dt.datetime | None = None):
        venue = self.venues.get((structure.id, venue_type))
        if venue is None:
            venue = self.venues[structure.id, venue_type] = factories.venue(
                self.session, structure=structure, venue_type=venue_type)
        offer = factories.offer(self.session, venue=venue, subcategory_id=subcategory, url=url)
        return factories.stock(self.session, offer=offer, price_cents=price_cents,
                               quantity=None, beginning_at=beginning_at)


@pytest.fixture
def world(db_session):
    """Residents of Montpellier, Baillargues, Béziers and Paris booking in February and March
    2026 and in 2025: books, an e-book, cinema sessions and concerts at known lead times."""
    ana = resident(db_session, MONTPELLIER, key=101)
    ben = resident(db_session, MONTPELLIER, key=202)
    dan = resident(db_session, BAILLARGUES, key=303)
    fred = resident(db_session, BEZIERS, key=404)
    gus = resident(db_session, PARIS_COMMUNE, key=505)
    one, two, three, four = (factories.structure(db_session) for _ in range(4))
    shop = Shop(db_session)
    march = paris_time(2026, 3, 2)
    book = shop.offer(one, "LIVRE_PAPIER", price_cents=1500)
    ebook = shop.offer(two, "LIVRE_NUMERIQUE", price_cents=800, url="https://livres.test/1")
    session = shop.offer(three, "SEANCE_CINE", venue_type=VenueType.CINEMA, price_cents=600,
                         beginning_at=march + dt.timedelta(hours=5))
    concert = shop.offer(four, "CONCERT", venue_type=VenueType.CONCERT_HALL, price_cents=0,
                         beginning_at=march + dt.timedelta(days=40))
    # Ana: a book, an e-book, a cinema session the same day, a free concert 40 days ahead.
    for stock in (book, ebook, session, concert):
        add_booking(db_session, stock, person=ana, booked_at=march)
    # Ben: two places of a book, a cancelled cinema session, a book in February.
    add_booking(db_session, book, person=ben, booked_at=march, quantity=2)
    add_booking(db_session, session, person=ben, booked_at=march,
                status=BookingStatus.CANCELLED)
    add_booking(db_session, shop.offer(one, "LIVRE_PAPIER"), person=ben,
                booked_at=paris_time(2026, 2, 28, 23))
    # Dan: an e-book just after midnight on 1 March (Paris), a concert 10 days ahead.
    add_booking(db_session, ebook, person=dan, booked_at=paris_time(2026, 3, 1, 0) +
                dt.timedelta(minutes=5))
    add_booking(db_session, shop.offer(four, "CONCERT", venue_type=VenueType.CONCERT_HALL,
                                       beginning_at=march + dt.timedelta(days=10)),
                person=dan, booked_at=march)
    # Fred in Béziers books in 2025, Gus in Paris in March.
    add_booking(db_session, book, person=fred, booked_at=paris_time(2025, 6, 5))
    add_booking(db_session, session, person=gus, booked_at=march)
    db_session.commit()
    return {"ana": ana, "ben": ben, "dan": dan, "fred": fred, "gus": gus, "shop": shop,
            "structures": (one, two, three, four), "stocks": (book, ebook, session, concert)}


def _refresh(session, now=NOW) -> int:
    refreshed = refresh_aggregates(session, now)
    session.commit()
    return refreshed


def _same_dashboards(session, scope, period):
    raw = build_dashboard(session, scope, period, NOW, raw=True)
    aggregated = build_dashboard(session, scope, period, NOW)
    assert is_aggregated(session, Selection(scope, period))
    assert aggregated.figures == raw.figures, (scope, period.slug)
    assert aggregated.top_partners == raw.top_partners
    assert aggregated.top_offers == raw.top_offers


def test_figures_from_the_aggregates_equal_those_from_the_bookings(db_session, world):
    _refresh(db_session)
    for period in PERIODS:
        for scope in SCOPES:
            _same_dashboards(db_session, scope, period)


def test_a_refresh_after_new_and_cancelled_bookings_equals_the_bookings_again(db_session,
                                                                             world):
    _refresh(db_session)
    book, ebook, *_rest = world["stocks"]
    later = paris_time(2026, 3, 21)
    add_booking(db_session, book, person=world["dan"], booked_at=later)
    cancelled = add_booking(db_session, ebook, person=world["ben"],
                            booked_at=paris_time(2026, 3, 3))
    db_session.commit()
    _refresh(db_session, later)
    cancelled.status = BookingStatus.CANCELLED
    cancelled.cancellation_reason = CancellationReason.BENEFICIARY
    cancelled.cancelled_at = later + dt.timedelta(hours=1)
    db_session.commit()
    _refresh(db_session, later + dt.timedelta(hours=2))
    for period in (MARCH, Period.year(2026), Period.rolling(12, 2026, 3)):
        for scope in (METROPOLE, COUNTRY):
            _same_dashboards(db_session, scope, period)


def test_a_second_run_writes_the_same_rows(db_session, world):
    _refresh(db_session)
    first = _table_rows(db_session)
    _refresh(db_session, NOW + dt.timedelta(hours=1))
    assert _table_rows(db_session) == first


def _table_rows(session):
    return [sorted(tuple(row) for row in session.execute(select(*model.__table__.columns)))
            for model in (BookingMonth, PartnerMonth, PeoplePeriod)]


def test_a_refresh_touches_only_the_months_of_new_bookings(db_session, world):
    _refresh(db_session)
    fred = world["fred"]
    add_booking(db_session, world["stocks"][1], person=fred, booked_at=paris_time(2025, 6, 7))
    db_session.commit()
    # The month of the new booking, its quarter, its year, and March 2026 (the current
    # month), its quarter, its year and the two rolling periods ending with it.
    assert _refresh(db_session) == 8
    assert db_session.scalar(select(func.sum(BookingMonth.bookings)).where(
        BookingMonth.month == dt.date(2025, 6, 1))) == 2


def test_the_job_is_registered(db_session, world):
    (job,) = jobs_named(["statistics_aggregates"])
    assert job.run(db_session, NOW) == {"periods_refreshed": 18}


def test_a_period_the_aggregates_do_not_hold_is_counted_from_the_bookings(db_session, world):
    _refresh(db_session)
    days = Period.days(dt.date(2026, 3, 1), dt.date(2026, 3, 1))
    assert not is_aggregated(db_session, Selection(METROPOLE, days))
    dashboard = build_dashboard(db_session, METROPOLE, days, NOW)
    # Only Dan's e-book was booked on 1 March.
    assert dashboard.figure(BOOKINGS, METROPOLE) == protect_count(Count(1, 303))


@pytest.mark.parametrize("raw", [True, False])
def test_digital_and_on_site_bookings(db_session, world, raw):
    _refresh(db_session)
    dashboard = build_dashboard(db_session, METROPOLE, MARCH, NOW, raw=raw)
    # Digital: Ana's and Dan's e-books. On site: Ana's book, session and concert, Ben's
    # book, Dan's concert (Ben's cancelled session does not count).
    assert dashboard.figure(DIGITAL_BOOKINGS, METROPOLE) == protect_count(Count(2, 101 + 303))
    assert dashboard.figure(ON_SITE_BOOKINGS, METROPOLE) == protect_count(
        Count(5, 3 * 101 + 202 + 303))
    assert dashboard.figure(DIGITAL_SHARE, METROPOLE) == Figure.secret(Reason.SMALL_DENOMINATOR)


@pytest.mark.parametrize("raw", [True, False])
def test_bookings_by_lead_time(db_session, world, raw):
    _refresh(db_session)
    dashboard = build_dashboard(db_session, METROPOLE, MARCH, NOW, raw=raw)
    expected = {0: Count(4, 101 + 101 + 202 + 303), 1: Count(1, 101), 2: Count(0, 0),
                3: Count(1, 303), 4: Count(1, 101)}
    for lead, count in expected.items():
        assert dashboard.figure(BOOKINGS_BY_LEAD[lead], METROPOLE) == protect_count(count)


@pytest.mark.parametrize("raw", [True, False])
def test_the_diversification_score_sums_the_firsts_of_each_person(db_session, world, raw):
    _refresh(db_session)
    dashboard = build_dashboard(db_session, METROPOLE, MARCH, NOW, raw=raw)
    # Ana: 3 categories (LIVRE, CINEMA, MUSIQUE_LIVE), 4 subcategories, 3 venue types
    # (bookstore twice, cinema, concert hall), 4 venues: 14. Ben: 1 + 1 + 1 + 1 = 4.
    # Dan: 2 categories, 2 subcategories, 2 venue types, 2 venues: 8. Three people: too few
    # for a mean (the denominator is under 20), which the secrecy layer hides.
    assert dashboard.figure(DIVERSIFICATION, METROPOLE) == Figure.secret(
        Reason.SMALL_DENOMINATOR)
    source = (RawSource if raw else AggregateSource)(db_session, Selection(METROPOLE, MARCH))
    assert source.diversification() == Count(14 + 4 + 8, 14 * 101 + 4 * 202 + 8 * 303)


@pytest.mark.parametrize("raw", [True, False])
def test_top_partners_list_only_partners_with_ten_bookings_or_more(db_session, world, raw):
    one = world["structures"][0]
    book = world["stocks"][0]
    people = [resident(db_session, MONTPELLIER, key=1000 + index) for index in range(11)]
    for person in people:
        add_booking(db_session, book, person=person, booked_at=paris_time(2026, 3, 4))
    db_session.commit()
    _refresh(db_session)
    dashboard = build_dashboard(db_session, METROPOLE, MARCH, NOW, raw=raw)
    (top,) = dashboard.top_partners
    assert top.name == one.name
    assert top.bookings == protect_count(Count(13, 101 + 202 + sum(1000 + i for i in range(11))))
    (offer,) = dashboard.top_offers
    assert offer.partner == one.name
    # One partner makes all of the top partners' money: it stays secret.
    assert dashboard.figure(TOP_PARTNERS_AMOUNT, METROPOLE) == Figure.secret(
        Reason.FEW_PARTNERS)


def test_the_top_lists_of_a_departement_and_the_country_equal_those_of_the_bookings(
        db_session, world):
    book, ebook, *_rest = world["stocks"]
    for index in range(20):
        person = resident(db_session, BEZIERS if index % 2 else PARIS_COMMUNE, key=2000 + index)
        add_booking(db_session, book, person=person, booked_at=paris_time(2026, 3, 5))
        add_booking(db_session, ebook, person=person, booked_at=paris_time(2026, 3, 6))
    db_session.commit()
    _refresh(db_session)
    for scope in (HERAULT, COUNTRY):
        _same_dashboards(db_session, scope, MARCH)
        # The book and the e-book: 10 people of Béziers each, and Ana, Ben or Dan.
        assert len(build_dashboard(db_session, scope, MARCH, NOW).top_offers) == 2
