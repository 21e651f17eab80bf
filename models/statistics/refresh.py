"""The `statistics_aggregates` job: bring the dashboards' aggregates up to date.

What it refreshes (docs/domain/7-territories.md, "Aggregates"):

- the months touched since the last run: those of the bookings added (by id) or made since,
  of the bookings cancelled since, and every month from the last run's to the current one; the
  first run takes every month since the first booking. A month's rows per commune are deleted
  and written again whole from the bookings, so a run repeated, late or after a crash gives the
  same rows;
- every period holding a touched month: the month, its quarter, its year, and the rolling 12
  and 24 months ending with the current month (rolling periods ending earlier are dropped: a
  dashboard asked for one reads the bookings instead). A period new to the aggregates is
  summed whole from the months. A period already held is brought up to date by difference,
  each of its tables reading only what changed (`models.statistics.rollup`): what the rewritten
  months changed is added to its sums (once per period, the months' changes added up first),
  and the money that stays local moves with the offers whose sums changed; only the people who
  booked or cancelled since the last run are counted again (`stat_person_period`), and what
  they changed is added to their communes' and scopes' distinct-people figures; its amounts
  and top lists move by the partners and offers that changed.
- the beneficiaries: the periods not over share one count kept per person
  (`stat_beneficiary_person`), in which only the people whose credit opened or ended since the
  last run are counted again, what they changed being added to those periods; a period over
  is counted at its end, once.

`full=True` drops every aggregate and rebuilds them from the bookings, as the first run does;
an incremental run and a full rebuild at the same instant write the same rows
(`test_statistics_incremental.py`). The first run of each week (Monday, Paris time) is a full
rebuild: what the difference does not see (a person or a venue that moved, a back-dated credit)
stays wrong a week at most.

Runs are one after the other: the first statement of a run writes the state row, which takes
PostgreSQL's row lock or SQLite's write lock until the run commits, so a second run waits and
then finds nothing left to do. The window of one hour before the last run catches bookings
committed late by transactions that were still open when it read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    Date,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.credit.models import Deposit
from models.offerers.models import Venue
from models.offers.models import Offer, Stock
from models.statistics.facts import (
    THREE_CATEGORIES,
    beneficiary_cells,
    booking_cells,
    category_of_offer,
    counted,
    dialect_of,
    key,
    lead_bucket,
    offer_cells,
    partner_cells,
    people_sums,
    person_cells,
)
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
from models.statistics.periods import PARIS, ROLLING_MONTHS, Period, PeriodKind, add_months
from models.statistics.rollup import (
    BENEFICIARY_COLUMNS,
    BENEFICIARY_NAMES,
    PEOPLE_COLUMNS,
    PEOPLE_NAMES,
    MonthChanges,
    Sums,
    add_counts,
    add_rows,
    add_up,
    batches,
    build_period,
    count_names,
    difference,
    insert_rows,
    merge,
    money_of_offers,
    month_sums,
    nonzero,
    refresh_money_month,
    regions_of,
    spread,
    spread_communes,
    update_amounts_and_tops,
    upsert_rows,
    write_beneficiary_figures,
    write_scope_figures,
)
from models.statistics.scale_tables import (
    BeneficiaryPeriod,
    BeneficiaryPerson,
    MoneyMonth,
    MoneyPeriod,
    OfferPeriod,
    PartnerPeriod,
    PersonPeriod,
)
from models.territories.models import Commune
from models.users.models import User

STATE_ID = 1
# Beyond this many communes touched in a month, the whole month is written again.
MAX_CELLS = 5_000
NEVER = -1
LATE_COMMITS = dt.timedelta(hours=1)
MONTH_TABLES = (BookingMonth, PartnerMonth, OfferMonth, MoneyMonth)
PERIOD_TABLES = (PersonPeriod, PeoplePeriod, BeneficiaryPeriod, PartnerPeriod, OfferPeriod,
                 MoneyPeriod, ScopeFigure, ScopeTop, AggregatedPeriod)


def refresh_aggregates(session: Session, now: dt.datetime, *, full: bool = False) -> int:
    """Refresh the aggregates of the months touched since the last run (all of them, from
    nothing, when `full`); return how many periods were refreshed."""
    since, last_booking_id = _lock_state(session, now)
    # The first run of a week rebuilds everything: what the difference cannot see (a person or
    # a venue that moved, a credit back-dated) is wrong for a week at most.
    full = full or (since is not None and _week_of(since) != _week_of(now))
    if full:
        since, last_booking_id = None, 0
        for model in (*MONTH_TABLES, *PERIOD_TABLES):
            session.execute(delete(model))
    current = _month_of(now)
    changed = _changed_bookings(session, since, last_booking_id)
    months = _touched_months(session, since, changed, current)
    periods = _periods_holding(months, current)
    _drop(session, _stale_rolling(session, current))
    held = set() if since is None else set(session.scalars(select(AggregatedPeriod.period)))
    kept = [period for period in periods if period.slug in held]
    new = [period for period in periods if period.slug not in held]
    _drop(session, [period.slug for period in new])
    dialect, regions = dialect_of(session), regions_of(session)
    touched = _touched_cells(changed)
    changes = {period.slug: Sums() for period in kept}
    month_changes = MonthChanges(session)
    for month in sorted(months):
        holders = [period.slug for period in kept
                   if period.first_day <= month < period.end_day]
        # After the first run, only the communes of the people who booked or cancelled in the
        # month have rows to write again; a month nobody touched keeps its rows.
        cells = None if since is None else touched.get(month, set())
        if cells is not None and len(cells) > MAX_CELLS:
            cells = None
        if cells is not None and not cells:
            continue
        where = None if cells is None else _Communes(tuple(sorted(cells)))
        change = None
        if where is None:
            before = month_sums(session, month) if holders else None
            _refresh_month(session, dialect, Period.month(month.year, month.month))
            if before is not None:
                change = difference(before, month_sums(session, month))
        else:
            # Some communes of a month: their money is moved by their offers' change.
            change = _refresh_communes(session, dialect, Period.month(month.year, month.month),
                                       where)
            change.money = money_of_offers(session, month, change.offers)
        if change is not None:
            change = spread(change, regions)
            month_changes.add(month, change)
            for slug in holders:
                merge(changes[slug], change)
    for period in kept:
        month_changes.add_to(period)
    month_changes.close()
    for period in new:
        build_period(session, period, regions)
    people = None if since is None else sorted({person for person, *_rest in changed})
    bookings_of = (_bookings_of_people(session, [period for period in periods
                                                 if period not in new], people)
                   if people else {})
    people_changes = {period.slug: _refresh_people(
        session, period, None if period in new else people, bookings_of) for period in periods}
    beneficiary_changes = _refresh_beneficiaries(session, periods, new, since, now)
    for period in periods:
        if period in new:
            write_scope_figures(session, period, regions)
            continue
        add_counts(session, period, spread_communes(
            session, people_changes[period.slug], regions), PEOPLE_NAMES)
        beneficiaries = beneficiary_changes.get(period.slug)
        if beneficiaries is WHOLE:
            write_beneficiary_figures(session, period, regions)
        elif beneficiaries:
            add_counts(session, period, spread_communes(session, beneficiaries, regions),
                       BENEFICIARY_NAMES)
        update_amounts_and_tops(session, period, nonzero(changes[period.slug]))
    slugs = [period.slug for period in periods]
    session.execute(delete(AggregatedPeriod).where(AggregatedPeriod.period.in_(slugs)))
    insert_rows(session, AggregatedPeriod, ({"period": slug, "refreshed_at": now}
                                            for slug in slugs))
    session.execute(update(AggregatesState).where(AggregatesState.id == STATE_ID).values(
        refreshed_at=now, last_booking_id=_last_booking_id(session)))
    return len(periods)


def _drop(session: Session, slugs: list[str]) -> None:
    """Delete every row of these periods."""
    if slugs:
        for model in PERIOD_TABLES:
            session.execute(delete(model).where(model.period.in_(slugs)))


def _changed_bookings(session: Session, since: dt.datetime | None,
                      last_booking_id: int) -> list[tuple[int, dt.datetime, str | None]]:
    """(person, instant booked, person's commune) of the bookings added, made or cancelled
    since the last run (an hour before it, for those committed late); none before the first
    run."""
    if since is None:
        return []
    window = since - LATE_COMMITS
    return [tuple(row) for row in session.execute(
        select(Booking.user_id, Booking.booked_at, User.commune_code)
        .join(User, User.id == Booking.user_id).where(or_(
            Booking.id > last_booking_id, Booking.booked_at >= window,
            Booking.cancelled_at >= window)))]


def _touched_cells(changed) -> dict[dt.date, set[str]]:
    """The communes whose people booked or cancelled, per month of the bookings."""
    cells: dict[dt.date, set[str]] = {}
    for _person, booked_at, commune in changed:
        if commune is not None:
            cells.setdefault(_month_of(booked_at), set()).add(commune)
    return cells


@dataclass(frozen=True)
class _Communes:
    """Some communes, as a scope of the month's groups (`models.statistics.facts`)."""

    codes: tuple[str, ...]

    def resident_clause(self, column):
        return column.in_(self.codes)


def _bookings_of_people(session: Session, periods: list[Period], people: list[int]) -> dict:
    """The bookings counted of `people` over `periods`, read once: {person: [(commune, key,
    instant, category, subcategory, venue type, venue)]}."""
    if not periods:
        return {}
    start, end = min(period.start for period in periods), max(period.end for period in periods)
    bookings: dict = {}
    for chunk in batches(people):
        # The bookings `facts.counted` counts, found by person: its bounds on the instant
        # would lead SQLite through every booking of the periods; they are applied here.
        for person, *booking in session.execute(
                select(Booking.user_id, User.commune_code, key(), Booking.booked_at,
                       category_of_offer(), Offer.subcategory_id, Venue.venue_type, Venue.id)
                .join(User, User.id == Booking.user_id)
                .join(Offer, Offer.id == Booking.offer_id)
                .join(Stock, Stock.id == Booking.stock_id)
                .join(Venue, Venue.id == Offer.venue_id)
                .where(Booking.user_id.in_(chunk),
                       Booking.status != BookingStatus.CANCELLED,
                       User.commune_code.is_not(None))):
            if start <= booking[2] < end:
                bookings.setdefault(person, []).append(booking)
    return bookings


def _person_rows(period: Period, bookings_of: dict, people: list[int]):
    """The rows of `stat_person_period` of `people` from their bookings in the period, as
    `facts.person_cells` makes them (a full rebuild runs it; `test_statistics_incremental.py`
    checks both write the same rows): categories, and the score (distinct categories,
    subcategories, venue types and venues)."""
    slug, start, end = period.slug, period.start, period.end
    for person in people:
        mine = [booking for booking in bookings_of.get(person, ())
                if start <= booking[2] < end]
        if not mine:
            continue
        commune, key_ = mine[0][0], mine[0][1]
        categories = len({booking[3] for booking in mine})
        score = categories + sum(len({booking[index] for booking in mine} - {None})
                                 for index in (4, 5, 6))
        yield {"period": slug, "user_id": person, "commune_code": commune,
               "key": key_, "categories": categories, "score": score}


def _refresh_people(session: Session, period: Period, people: list[int] | None,
                    bookings_of: dict) -> dict:
    """Count again the people of the period (only `people`, when given, from their bookings
    `bookings_of`), and their distinct people per commune: whole, or by what the people counted
    again changed in their communes (returned: {commune: [bookers, keys, diverse, keys, score,
    keys]})."""
    slug = period.slug
    columns = [column.name for column in PersonPeriod.__table__.columns]
    if people is None:
        session.execute(delete(PersonPeriod).where(PersonPeriod.period == slug))
        cells = person_cells(period).subquery()
        session.execute(insert(PersonPeriod).from_select(columns, select(
            literal(slug), *cells.c)))
        session.execute(delete(PeoplePeriod).where(PeoplePeriod.period == slug))
        rows = select(PersonPeriod).where(PersonPeriod.period == slug).subquery()
        session.execute(insert(PeoplePeriod).from_select(
            [column.name for column in PeoplePeriod.__table__.columns],
            select(literal(slug), *people_sums(rows, rows.c.commune_code).subquery().c)))
        return {}
    change: dict = {}
    for batch in batches(people):
        mine = and_(PersonPeriod.period == slug, PersonPeriod.user_id.in_(batch))
        for sign in (-1, 1):
            if sign == 1:
                insert_rows(session, PersonPeriod, _person_rows(period, bookings_of, batch))
            # Read by the primary key and summed here (`facts.people_sums`' figures): a
            # grouping by commune in SQL would walk the period's rows by commune instead.
            for commune, key_, categories, score in session.execute(
                    select(PersonPeriod.commune_code, PersonPeriod.key,
                           PersonPeriod.categories, PersonPeriod.score).where(mine)):
                diverse = categories >= THREE_CATEGORIES
                add_up(change, commune, [sign * value for value in (
                    1, key_, int(diverse), key_ if diverse else 0, score, score * key_)])
            if sign == -1:
                session.execute(delete(PersonPeriod).where(mine))
    change = {commune: sums for commune, sums in change.items() if any(sums)}
    _add_per_commune(session, PeoplePeriod, slug, change, PEOPLE_COLUMNS)
    return change


def _add_per_commune(session: Session, model, slug: str, change: dict, columns) -> None:
    """Add a change per commune to a period's rows of a per-commune table; a commune left
    without anyone (its first sum at 0) loses its row, as a full rebuild would not write it."""
    rows = [{"period": slug, "commune_code": commune,
             **dict(zip(columns, sums, strict=True))} for commune, sums in change.items()]
    add_rows(session, model.__table__, ["period", "commune_code"], rows, list(columns))


# The beneficiaries of a period are counted again whole (a period new, just over, or the
# people's rows not kept yet), not by difference.
WHOLE = "whole"


def _refresh_beneficiaries(session: Session, periods: list[Period], new: list[Period],
                           since: dt.datetime | None, now: dt.datetime) -> dict:
    """The beneficiaries of each period per commune: those who received a credit before its
    end, and those holding a live credit at its end (at `now` if it is not over).

    Periods not over share one count, kept per person (`stat_beneficiary_person`): a run counts
    again only the people whose credit opened or ended since the last one (an hour before it,
    for late commits) and adds what changed in their communes to those periods; the first run,
    or the first after the people's rows appeared, counts everyone. A period over is counted
    again at its end the first time the refresh finds it over, then keeps its count.
    Returns {period: change per commune, or WHOLE}."""
    latest = session.scalar(select(func.max(Deposit.created_at)))
    after_all = max(now, latest + dt.timedelta(microseconds=1)) if latest else now
    # No credit is made after the last one made: every period ending after it counts them all.
    open_ = [period for period in periods if period.end >= after_all]
    whole = since is None or session.scalar(select(BeneficiaryPerson.user_id).limit(1)) is None
    change = _refresh_beneficiary_people(session, now, since, whole)
    result: dict = {}
    columns = [column.name for column in BeneficiaryPeriod.__table__.columns]
    person = BeneficiaryPerson
    for period in open_:
        if whole or period in new:
            session.execute(delete(BeneficiaryPeriod).where(
                BeneficiaryPeriod.period == period.slug))
            session.execute(insert(BeneficiaryPeriod).from_select(columns, select(
                literal(period.slug), person.commune_code, func.count(), func.sum(person.key),
                func.sum(person.active), func.sum(person.active * person.key))
                .group_by(person.commune_code)))
            result[period.slug] = WHOLE
        else:
            _add_per_commune(session, BeneficiaryPeriod, period.slug, change,
                             BENEFICIARY_COLUMNS)
            result[period.slug] = change
    # A period over has its count at its end; one held that was over at the last run keeps it.
    over = [period for period in periods if period not in open_
            and (period in new or since is None or period.end > since)]
    by_bounds: dict[tuple[dt.datetime, dt.datetime], list[str]] = {}
    for period in over:
        by_bounds.setdefault((min(period.end, after_all), min(period.end, now)), []).append(
            period.slug)
    for (ever_before, active_at), slugs in by_bounds.items():
        session.execute(delete(BeneficiaryPeriod).where(BeneficiaryPeriod.period.in_(slugs)))
        cells = beneficiary_cells(ever_before, active_at).subquery()
        first, *others = slugs
        session.execute(insert(BeneficiaryPeriod).from_select(
            columns, select(literal(first), *cells.c)))
        for slug in others:
            copied = select(BeneficiaryPeriod).where(BeneficiaryPeriod.period == first).subquery()
            session.execute(insert(BeneficiaryPeriod).from_select(columns, select(
                literal(slug), *list(copied.c)[1:])))
        result.update(dict.fromkeys(slugs, WHOLE))
    return result


def _refresh_beneficiary_people(session: Session, now: dt.datetime,
                                since: dt.datetime | None, whole: bool) -> dict:
    """Count again the beneficiaries per person at `now` (all of them when `whole`, else those
    whose credit opened or ended since the last run); return what changed per commune:
    {commune: [ever, keys, active, keys]}."""
    columns = [column.name for column in BeneficiaryPerson.__table__.columns]
    person = BeneficiaryPerson
    if whole:
        session.execute(delete(person))
        session.execute(insert(person).from_select(columns, beneficiary_people(now)))
        return {}
    window = since - LATE_COMMITS
    people = sorted(set(session.scalars(select(Deposit.user_id).where(or_(
        Deposit.created_at >= window,
        and_(Deposit.expires_at >= window, Deposit.expires_at <= now))))))
    change: dict = {}
    for batch in batches(people):
        for sign in (-1, 1):
            if sign == 1:
                session.execute(insert(person).from_select(
                    columns, beneficiary_people(now, batch)))
            for commune, *sums in session.execute(
                    select(person.commune_code, func.count(), func.sum(person.key),
                           func.sum(person.active), func.sum(person.active * person.key))
                    .where(person.user_id.in_(batch)).group_by(person.commune_code)):
                add_up(change, commune, [sign * int(value) for value in sums])
            if sign == -1:
                session.execute(delete(person).where(person.user_id.in_(batch)))
    return {commune: sums for commune, sums in change.items() if any(sums)}


def beneficiary_people(now: dt.datetime, users: list[int] | None = None):
    """The residents who received a credit (only `users`, when given), one row each: (person,
    commune, key, 1 if a credit of theirs is live at `now` else 0). Summed per commune, the
    cells of `facts.beneficiary_cells` for a period not over, which counts every credit made."""
    live = exists().where(Deposit.user_id == User.id, Deposit.created_at < now,
                          Deposit.expires_at > now)
    query = (select(User.id, User.commune_code, key(), case((live, 1), else_=0))
             .where(User.commune_code.is_not(None),
                    exists().where(Deposit.user_id == User.id)))
    return query if users is None else query.where(User.id.in_(users))


def _lock_state(session: Session, now: dt.datetime) -> tuple[dt.datetime | None, int]:
    """Take the state row (the run's lock) and read the last run's instant and last booking;
    (None, 0) before the first run, which the row says with a last booking of -1."""
    dialect = session.get_bind().dialect.name
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert_(AggregatesState).values(id=STATE_ID, refreshed_at=now, last_booking_id=NEVER)
        .on_conflict_do_nothing(index_elements=["id"]))
    session.execute(update(AggregatesState).where(AggregatesState.id == STATE_ID).values(
        last_booking_id=AggregatesState.last_booking_id))
    refreshed_at, last_booking_id = session.execute(
        select(AggregatesState.refreshed_at, AggregatesState.last_booking_id)
        .where(AggregatesState.id == STATE_ID)).one()
    return (None, 0) if last_booking_id == NEVER else (refreshed_at, last_booking_id)


def _last_booking_id(session: Session) -> int:
    return session.scalar(select(func.max(Booking.id))) or 0


def _week_of(instant: dt.datetime) -> tuple[int, int]:
    """The ISO year and week of `instant` in Paris: a new week starts on Monday at midnight."""
    return instant.astimezone(PARIS).isocalendar()[:2]


def _month_of(instant: dt.datetime) -> dt.date:
    return instant.astimezone(PARIS).date().replace(day=1)


def _touched_months(session: Session, since: dt.datetime | None,
                    changed: list[tuple[int, dt.datetime]], current: dt.date) -> set[dt.date]:
    if since is None:
        first = session.scalar(select(func.min(Booking.booked_at)))
        start = _month_of(first) if first else current
        return _months_between(start, current)
    window = since - LATE_COMMITS
    months = {_month_of(booked_at) for _person, booked_at, _commune in changed}
    return months | _months_between(min(_month_of(window), current), current)


def _months_between(first: dt.date, last: dt.date) -> set[dt.date]:
    return {month.first_day for month in Period(PeriodKind.DAYS, first,
                                                add_months(last, 1)).months()}


def _periods_holding(months: set[dt.date], current: dt.date) -> list[Period]:
    periods: dict[str, Period] = {}
    for month in months:
        for period in (Period.month(month.year, month.month),
                       Period.quarter(month.year, (month.month + 2) // 3),
                       Period.year(month.year)):
            periods[period.slug] = period
    for count in ROLLING_MONTHS:
        rolling = Period.rolling(count, current.year, current.month)
        if any(rolling.first_day <= month < rolling.end_day for month in months):
            periods[rolling.slug] = rolling
    return sorted(periods.values(), key=lambda period: (period.first_day, period.end_day))


def _stale_rolling(session: Session, current: dt.date) -> list[str]:
    """The rolling periods held that end before the current month."""
    kept = {Period.rolling(count, current.year, current.month).slug for count in ROLLING_MONTHS}
    held = session.scalars(select(AggregatedPeriod.period).where(
        AggregatedPeriod.period.like("%m-%")))
    return [slug for slug in held if slug not in kept]


def _refresh_month(session: Session, dialect: str, month: Period) -> None:
    """Write a month's rows of the tables per commune again, whole, from its bookings."""
    for model, cells in ((BookingMonth, booking_cells(dialect, month.start, month.end, None)),
                         (PartnerMonth, partner_cells(month.start, month.end, None)),
                         (OfferMonth, offer_cells(month.start, month.end, None))):
        session.execute(delete(model).where(model.month == month.first_day))
        grouped = cells.subquery()
        session.execute(insert(model).from_select(
            [column.name for column in model.__table__.columns],
            select(literal(month.first_day, Date), *grouped.c)))
    refresh_money_month(session, month)


def _refresh_communes(session: Session, dialect: str, month: Period,
                      communes: _Communes) -> Sums:
    """Write again the rows of a month's communes that their bookings changed, and return the
    change per département of residence (what `month_sums` before and after would differ by,
    without the money). The bookings are read once and grouped here as `facts.booking_cells`,
    `partner_cells` and `offer_cells` group them (a full rebuild runs those;
    `test_statistics_incremental.py` checks both write the same rows)."""
    bookings: dict = {}
    partners: dict = {}
    offers: dict = {}
    for commune, category, digital, lead, structure, offer, price, quantity, key_ in (
            session.execute(counted(
                month.start, month.end, communes, User.commune_code, category_of_offer(),
                Offer.url.is_not(None), lead_bucket(dialect), Venue.structure_id,
                Booking.offer_id, Booking.unit_price_cents, Booking.quantity, key()))):
        free, cents = price == 0, price * quantity
        cell = bookings.setdefault((commune, category, bool(digital), lead), [0] * 6)
        cell[0] += 1
        cell[1] += key_
        cell[2] += quantity
        cell[3] += key_ * quantity
        if free:
            cell[4] += 1
            cell[5] += key_
        for cell in (partners.setdefault((commune, category, structure), [0] * 3),
                     offers.setdefault((commune, offer), [0, 0, 0, structure])):
            cell[0] += cents
            cell[1] += 1
            cell[2] += key_
        # An offer has one partner: `offer_cells` keeps the largest id, the same one.
    first = month.first_day
    departements = dict(session.execute(select(Commune.code, Commune.departement_code).where(
        Commune.code.in_(communes.codes))).all())
    change = Sums()
    booking_keys = ("commune_code", "category", "digital", "lead")
    for (commune, category, digital, lead), sums in _write_cells(
            session, BookingMonth, first, communes, booking_keys, bookings,
            ("bookings", "bookings_keys", "quantity", "quantity_keys", "free", "free_keys")):
        for name, count, keys in count_names(category, digital, lead, first, sums):
            add_up(change.counts, (departements[commune], name), (count, keys))
    for (commune, category, structure), sums in _write_cells(
            session, PartnerMonth, first, communes, ("commune_code", "category",
                                                     "structure_id"),
            partners, ("cents", "bookings", "bookings_keys")):
        add_up(change.partners, (departements[commune], category, structure), sums)
    for (commune, offer), (*sums, structure) in _write_cells(
            session, OfferMonth, first, communes, ("commune_code", "offer_id"), offers,
            ("cents", "bookings", "bookings_keys", "structure_id"), kept=1):
        add_up(change.offers, (departements[commune], offer), (*sums, 0))
        change.offers[departements[commune], offer][3] = structure
    return change


def _write_cells(session: Session, model, first: dt.date, communes: _Communes, keys, cells,
                 values, kept: int = 0):
    """Write the cells of a month's communes that differ from the table's, remove those left
    without bookings; yield each changed cell's key and change (its `kept` last values are
    attributes, the new ones or the old)."""
    table = model.__table__
    old = {tuple(row[:len(keys)]): list(row[len(keys):]) for row in session.execute(
        select(*(table.c[name] for name in (*keys, *values)))
        .where(table.c.month == first, communes.resident_clause(table.c.commune_code)))}
    written, gone = [], []
    for cell in old.keys() | cells.keys():
        was, now = old.get(cell), cells.get(cell)
        if was == now:
            continue
        if now is None:
            gone.append(cell)
        else:
            written.append({"month": first, **dict(zip(keys, cell, strict=True)),
                            **dict(zip(values, now, strict=True))})
        width = len(values) - kept
        delta = [b - a for a, b in zip((was or [0] * width)[:width], (now or [0] * width)[:width],
                                       strict=True)]
        yield cell, delta + list((now or was)[width:])
    upsert_rows(session, table, ["month", *keys], written, list(values))
    column = tuple_(*(table.c[name] for name in keys))
    for chunk in batches(gone):
        session.execute(delete(table).where(table.c.month == first,
                                            column.in_(chunk)))
