"""A daily refresh of the aggregates updates only what changed (the months touched by
difference, the people who booked or cancelled) and writes exactly the rows a full rebuild
writes at the same instant; the beneficiaries and the money that stays local read from the
aggregates equal the same figures counted from the raw tables (docs/domain/7-territories.md,
"Aggregates"). The suite's clock is frozen; every instant here is given."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from models.bookings.models import Booking, BookingStatus, CancellationReason
from models.credit.models import Deposit
from models.statistics.dashboard import BENEFICIARIES_ACTIVE, BENEFICIARIES_EVER, build_dashboard
from models.statistics.local_money import local_money
from models.statistics.models import (
    AggregatedPeriod,
    AggregatesState,
    BookingMonth,
    OfferMonth,
    PartnerMonth,
    PeoplePeriod,
    ScopeFigure,
    ScopeTop,
)
from models.statistics.periods import Period
from models.statistics.refresh import refresh_aggregates
from models.statistics.scale_tables import (
    BeneficiaryPeriod,
    BeneficiaryPerson,
    MoneyMonth,
    MoneyPeriod,
    OfferPeriod,
    PartnerPeriod,
    PersonPeriod,
)
from models.statistics.scopes import COUNTRY, Level, Scope
from models.statistics.secrecy import Count, protect_count
from tests import factories
from tests.functional.pro.bookings_data import add_booking
from tests.functional.statistics import test_statistics_aggregates as aggregates
from tests.functional.statistics.statistics_data import (
    BEZIERS,
    MONTPELLIER,
    PARIS_COMMUNE,
    paris_time,
    resident,
)
from tests.functional.statistics.test_statistics_aggregates import HERAULT, MARCH, METROPOLE, NOW

TABLES = (BookingMonth, PartnerMonth, OfferMonth, MoneyMonth, PersonPeriod, PeoplePeriod,
          BeneficiaryPeriod, BeneficiaryPerson, PartnerPeriod, OfferPeriod, MoneyPeriod,
          ScopeFigure, ScopeTop)
OCCITANIE = Scope(Level.REGION, "76")
# The residents, offers and bookings of the aggregates' own tests.
world = aggregates.world


def _refresh(session, now, *, full=False) -> int:
    refreshed = refresh_aggregates(session, now, full=full)
    session.commit()
    return refreshed


def _rows(session) -> dict[str, list[tuple]]:
    """Every aggregate row, and the periods held (not the instant each was refreshed)."""
    rows = {model.__tablename__: sorted(tuple(row) for row in session.execute(
        select(*model.__table__.columns))) for model in TABLES}
    rows["periods"] = sorted(session.scalars(select(AggregatedPeriod.period)))
    rows["state"] = [tuple(row) for row in session.execute(
        select(AggregatesState.last_booking_id))]
    return rows


def _a_day_of_changes(session, data, day: dt.datetime) -> None:
    """New bookings of the day (one by a new resident, whose credit opens that day), one made
    earlier and committed late, a cancellation of an older booking, a credit that ends."""
    book, ebook, _session, concert = data["stocks"]
    newcomer = resident(session, BEZIERS, key=777, credit=False)
    factories.deposit(session, newcomer, day)
    add_booking(session, book, person=newcomer, booked_at=day)
    add_booking(session, concert, person=data["dan"], booked_at=day + dt.timedelta(hours=1))
    add_booking(session, ebook, person=data["fred"], booked_at=paris_time(2025, 6, 9))
    add_booking(session, book, person=data["gus"], booked_at=day)
    ana_booking = session.scalars(select(Booking).where(
        Booking.user_id == data["ana"].id, Booking.stock_id == ebook.id)).one()
    ana_booking.status = BookingStatus.CANCELLED
    ana_booking.cancellation_reason = CancellationReason.BENEFICIARY
    ana_booking.cancelled_at = day
    deposit = session.scalars(select(Deposit).where(Deposit.user_id == data["ben"].id)).one()
    deposit.expires_at = day - dt.timedelta(hours=2)
    session.commit()


def test_a_refresh_after_a_day_writes_the_rows_of_a_full_rebuild(db_session, world):
    assert _refresh(db_session, NOW) == 18
    day = NOW + dt.timedelta(days=1)
    _a_day_of_changes(db_session, world, day)
    later = day + dt.timedelta(hours=3)
    # March 2026 with its quarter, year and rolling periods; June 2025 with its own.
    assert _refresh(db_session, later) == 8
    incremental = _rows(db_session)
    assert _refresh(db_session, later, full=True) == 18
    assert _rows(db_session) == incremental


def test_a_refresh_across_the_end_of_a_month_writes_the_rows_of_a_full_rebuild(db_session,
                                                                               world):
    february = paris_time(2026, 2, 27)  # a Friday: the changes come on Sunday, the same week
    _refresh(db_session, february)
    _a_day_of_changes(db_session, world, paris_time(2026, 3, 1))
    later = paris_time(2026, 3, 1, 18)
    # March with its quarter, year and new rolling periods; June 2025 with its own: not all 18.
    assert _refresh(db_session, later) < 18
    incremental = _rows(db_session)
    assert "12m-2026-03" in incremental["periods"]
    assert "12m-2026-02" not in incremental["periods"]
    _refresh(db_session, later, full=True)
    assert _rows(db_session) == incremental


def test_the_first_run_of_a_week_rebuilds_what_the_difference_cannot_see(db_session, world):
    """A person who moves keeps their past bookings in their former commune until a full
    rebuild: the first run of each week (Monday, Paris time) is one."""
    _refresh(db_session, NOW)  # Friday 20 March 2026
    world["ana"].commune_code = BEZIERS
    db_session.commit()
    # Sunday: the current month's periods only, and the move not seen.
    assert _refresh(db_session, paris_time(2026, 3, 22, 23)) < 18
    sunday = _rows(db_session)
    monday = paris_time(2026, 3, 23, 0) + dt.timedelta(minutes=30)
    assert _refresh(db_session, monday) == 18
    rebuilt = _rows(db_session)
    assert rebuilt != sunday
    _refresh(db_session, monday, full=True)
    assert _rows(db_session) == rebuilt


def test_repeated_refreshes_change_nothing(db_session, world):
    _refresh(db_session, NOW)
    first = _rows(db_session)
    _refresh(db_session, NOW + dt.timedelta(hours=1))
    _refresh(db_session, NOW + dt.timedelta(hours=2))
    assert _rows(db_session) == first


def test_the_beneficiaries_of_the_aggregates_equal_those_of_the_raw_tables(db_session, world):
    _a_day_of_changes(db_session, world, NOW - dt.timedelta(days=1))
    _refresh(db_session, NOW)
    for period in (MARCH, Period.month(2026, 2), Period.year(2026), Period.rolling(24, 2026, 3)):
        for scope in (METROPOLE, HERAULT, COUNTRY):
            raw = build_dashboard(db_session, scope, period, NOW, raw=True)
            aggregated = build_dashboard(db_session, scope, period, NOW)
            for indicator in (BENEFICIARIES_EVER, BENEFICIARIES_ACTIVE):
                for each in raw.scopes:
                    assert (aggregated.figure(indicator, each)
                            == raw.figure(indicator, each)), (scope, period.slug, each)
    # Six residents of Hérault with a credit, Ben's ended the day before.
    herault = build_dashboard(db_session, HERAULT, MARCH, NOW)
    keys = (101, 202, 303, 404, 777)
    assert herault.figure(BENEFICIARIES_EVER, HERAULT) == protect_count(Count(5, sum(keys)))
    assert herault.figure(BENEFICIARIES_ACTIVE, HERAULT) == protect_count(
        Count(4, sum(keys) - 202))


def test_the_beneficiaries_read_from_the_aggregates_are_those_of_the_last_refresh(db_session,
                                                                                  world):
    _refresh(db_session, NOW)

    def beneficiaries(scope):
        dashboard = build_dashboard(db_session, scope, MARCH, NOW)
        return {key: figure for key, figure in dashboard.figures.items()
                if key[0] in (BENEFICIARIES_EVER.code, BENEFICIARIES_ACTIVE.code)}

    before = beneficiaries(HERAULT)
    newcomer = resident(db_session, MONTPELLIER, key=4242, credit=False)
    factories.deposit(db_session, newcomer, NOW + dt.timedelta(minutes=30))
    db_session.commit()
    # The same figures until the next refresh, whatever the scope that reads them.
    assert beneficiaries(HERAULT) == before
    assert {key: figure for key, figure in beneficiaries(METROPOLE).items()
            if key[1] != METROPOLE} == before
    _refresh(db_session, NOW + dt.timedelta(hours=1))
    after = build_dashboard(db_session, HERAULT, MARCH, NOW)
    assert after.figure(BENEFICIARIES_EVER, HERAULT) == protect_count(
        Count(5, 101 + 202 + 303 + 404 + 4242))


def test_the_money_that_stays_local_reads_the_same_sums_from_the_aggregates(db_session,
                                                                            world):
    book, ebook, *_rest = world["stocks"]
    for index in range(12):
        person = resident(db_session, BEZIERS if index % 2 else PARIS_COMMUNE, key=900 + index)
        add_booking(db_session, book if index % 3 else ebook, person=person,
                    booked_at=paris_time(2026, 3, 5))
    db_session.commit()
    _refresh(db_session, NOW)
    for scope in (HERAULT, OCCITANIE, COUNTRY):
        for period in (MARCH, Period.year(2026), Period.rolling(12, 2026, 3)):
            aggregated = local_money(db_session, scope, period)
            raw = local_money(db_session, scope, period, raw=True)
            assert list(aggregated.cells()) == list(raw.cells()), (scope, period.slug)


def test_credits_opened_or_ended_between_two_runs_are_counted_by_difference(db_session,
                                                                            world):
    deposit = db_session.scalars(select(Deposit).where(
        Deposit.user_id == world["dan"].id)).one()
    # Dan's credit ends on its own between the two runs; a resident who never booked opens one.
    deposit.expires_at = NOW + dt.timedelta(hours=12)
    db_session.commit()
    _refresh(db_session, NOW)
    later = NOW + dt.timedelta(days=1)
    newcomer = resident(db_session, MONTPELLIER, key=4343, credit=False)
    factories.deposit(db_session, newcomer, later - dt.timedelta(hours=2))
    db_session.commit()
    _refresh(db_session, later)
    incremental = _rows(db_session)
    herault = build_dashboard(db_session, HERAULT, MARCH, later)
    keys = (101, 202, 303, 404, 4343)
    assert herault.figure(BENEFICIARIES_EVER, HERAULT) == protect_count(Count(5, sum(keys)))
    assert herault.figure(BENEFICIARIES_ACTIVE, HERAULT) == protect_count(
        Count(4, sum(keys) - 303))
    _refresh(db_session, later, full=True)
    assert _rows(db_session) == incremental


def test_a_run_without_the_peoples_rows_counts_every_beneficiary_again(db_session, world):
    _refresh(db_session, NOW)
    # As after the migration that made the table: the people's rows are not there yet.
    db_session.execute(delete(BeneficiaryPerson))
    db_session.commit()
    day = NOW + dt.timedelta(days=1)
    _a_day_of_changes(db_session, world, day)
    later = day + dt.timedelta(hours=3)
    _refresh(db_session, later)
    incremental = _rows(db_session)
    assert len(incremental["stat_beneficiary_person"]) == 6
    _refresh(db_session, later, full=True)
    assert _rows(db_session) == incremental
