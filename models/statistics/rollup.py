"""The true figures of each département, région and the country for each period held.

A département, a région or the country holds too many communes and months for a dashboard to
sum their cells at each request, and money and top lists cannot be summed from smaller areas
at all (a partner counts once however many communes its money comes from). So the refresh
keeps, per period and scope, the sums a dashboard protects (`stat_scope_figure`: counts with
their key sums, amounts with their number of partners and the largest one's part;
`stat_scope_top`: the top partners and offers), and the partners' and offers' sums behind them
(`stat_partner_period`, `stat_offer_period`) (docs/domain/7-territories.md, "Aggregates").

A period new to the aggregates is summed from the month tables (`build_period`). A period
already held is brought up to date by difference: each month the refresh writes again is read
per département before and after, and what changed is added to every period holding it
(`month_sums`, `difference`, `spread`, `add_difference`), which after a day is a few thousand
rows instead of the whole period. Either way the rows are the same, which
`test_statistics_incremental.py` checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, bindparam, delete, func, insert, literal, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.statistics.facts import money_cells
from models.statistics.models import (
    BookingMonth,
    OfferMonth,
    PartnerMonth,
    PeoplePeriod,
    ScopeFigure,
    ScopeTop,
)
from models.statistics.periods import Period
from models.statistics.scale_tables import (
    BeneficiaryPeriod,
    MoneyMonth,
    MoneyPeriod,
    OfferPeriod,
    PartnerPeriod,
)
from models.statistics.scopes import COUNTRY_CODE, Level
from models.territories.models import Commune, Departement

TOP_SIZE = 10
# A partner or an offer is listed among the top ones only when its people made at least this
# many bookings: a list never shows that one or two residents booked at a given place.
TOP_MIN_BOOKINGS = 10
# The figures of `stat_scope_figure` written again whole for each period refreshed; the counts
# of bookings ("bookings.<CATEGORY>", "quantity.<CATEGORY>", "free", "channel.<0|1>",
# "lead.<bucket>", "month.<YYYY-MM>") are kept by difference instead.
PEOPLE_NAMES = ("bookers", "diverse", "score")
BENEFICIARY_NAMES = ("beneficiaries", "active")
AMOUNT = "amount"
# A place of money (`stat_money_*`) without a known département.
NOWHERE = ""
BATCH = 5_000


def regions_of(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Departement.code, Departement.region_code)).all())


def scopes_of(departement: str, regions: dict[str, str]) -> list[tuple[str, str]]:
    """The département, its région and the country, as (level, code)."""
    scopes = [(Level.DEPARTEMENT.value, departement)]
    if departement in regions:
        scopes.append((Level.REGION.value, regions[departement]))
    scopes.append((Level.COUNTRY.value, COUNTRY_CODE))
    return scopes


def _count_names(category, digital, lead, month: dt.date, sums):
    bookings, keys, quantity, quantity_keys, free, free_keys = (int(each) for each in sums)
    yield f"bookings.{category}", bookings, keys
    yield f"quantity.{category}", quantity, quantity_keys
    yield "free", free, free_keys
    yield f"channel.{int(bool(digital))}", bookings, keys
    yield f"lead.{lead}", bookings, keys
    yield f"month.{month:%Y-%m}", bookings, keys


def _in_months(model, first: dt.date, end: dt.date):
    return and_(model.month >= first, model.month < end)


def _booking_rows(first: dt.date, end: dt.date):
    row = BookingMonth
    return (
        select(Commune.departement_code, row.category, row.digital, row.lead, row.month,
               func.sum(row.bookings), func.sum(row.bookings_keys), func.sum(row.quantity),
               func.sum(row.quantity_keys), func.sum(row.free), func.sum(row.free_keys))
        .join(Commune, Commune.code == row.commune_code)
        .where(_in_months(row, first, end))
        .group_by(Commune.departement_code, row.category, row.digital, row.lead, row.month)
    )


def _partner_rows(first: dt.date, end: dt.date):
    row = PartnerMonth
    return (
        select(Commune.departement_code, row.category, row.structure_id, func.sum(row.cents),
               func.sum(row.bookings), func.sum(row.bookings_keys))
        .join(Commune, Commune.code == row.commune_code)
        .where(_in_months(row, first, end))
        .group_by(Commune.departement_code, row.category, row.structure_id)
    )


def _offer_rows(first: dt.date, end: dt.date):
    row = OfferMonth
    return (
        select(Commune.departement_code, row.offer_id, func.max(row.structure_id),
               func.sum(row.cents), func.sum(row.bookings), func.sum(row.bookings_keys))
        .join(Commune, Commune.code == row.commune_code)
        .where(_in_months(row, first, end))
        .group_by(Commune.departement_code, row.offer_id)
    )


@dataclass
class Sums:
    """Sums keyed by département (`month_sums`) or by scope (`spread`), written `where`:
    counts[(*where, name)] = [count, keys];
    partners[(*where, category, structure)] = [cents, bookings, keys];
    offers[(*where, offer)] = [cents, bookings, keys, structure];
    money[(home, place, structure)] = [cents]."""

    counts: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    offers: dict = field(default_factory=dict)
    money: dict = field(default_factory=dict)


def _add(target: dict, key, values) -> None:
    sums = target.get(key)
    if sums is None:
        target[key] = list(values)
    else:
        for index, value in enumerate(values):
            sums[index] += value


def month_sums(session: Session, month: dt.date, communes=None) -> Sums:
    """A month's rows summed per département of residence, as the month tables hold them now
    (only those of `communes`, and the money of their départements, when given; `spread` adds
    them up per région and for the country)."""
    sums, end = Sums(), _next_month(month)

    def only(query, model):
        if communes is None:
            return query
        return query.where(communes.resident_clause(model.commune_code))

    for departement, category, digital, lead, month_, *rest in session.execute(
            only(_booking_rows(month, end), BookingMonth)):
        for name, count, keys in _count_names(category, digital, lead, month_, rest):
            _add(sums.counts, (departement, name), (count, keys))
    for departement, category, structure, cents, bookings, keys in session.execute(
            only(_partner_rows(month, end), PartnerMonth)):
        sums.partners[departement, category, structure] = [int(cents), int(bookings), int(keys)]
    for departement, offer, structure, cents, bookings, keys in session.execute(
            only(_offer_rows(month, end), OfferMonth)):
        sums.offers[departement, offer] = [int(cents), int(bookings), int(keys), structure]
    money = (select(MoneyMonth.home, MoneyMonth.place, MoneyMonth.structure_id, MoneyMonth.cents)
             .where(MoneyMonth.month == month))
    if communes is not None:
        money = money.where(MoneyMonth.home.in_(_homes(session, communes.codes)))
    for home, place, structure, cents in session.execute(money):
        sums.money[home, place, structure] = [int(cents)]
    return sums


def spread(change: Sums, regions: dict[str, str]) -> Sums:
    """Sums per département added up per département, région and the country (the money that
    stays local is kept per département only)."""
    spread_ = Sums(money=change.money)
    for (departement, *rest), values in change.counts.items():
        for level, code in scopes_of(departement, regions):
            _add(spread_.counts, (level, code, *rest), values)
    for (departement, *rest), values in change.partners.items():
        for level, code in scopes_of(departement, regions):
            _add(spread_.partners, (level, code, *rest), values)
    for (departement, offer), (*values, structure) in change.offers.items():
        for level, code in scopes_of(departement, regions):
            _add(spread_.offers, (level, code, offer), (*values, 0))
            spread_.offers[level, code, offer][3] = structure
    return spread_


def _next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def difference(before: Sums, after: Sums) -> Sums:
    """What changed from `before` to `after`: the sums to add, where they differ."""
    def changed(old: dict, new: dict, kept: int = 0) -> dict:
        result = {}
        for key in old.keys() | new.keys():
            was, now = old.get(key), new.get(key)
            width = len(was if was is not None else now)
            was = was or [0] * width
            now = now or [0] * width
            delta = [b - a for a, b in zip(was, now, strict=True)]
            if kept:
                # The trailing values are attributes (an offer's partner), not sums.
                delta[-kept:] = (now if any(now[:-kept]) else was)[-kept:]
            if any(delta[:len(delta) - kept]):
                result[key] = delta
        return result
    return Sums(changed(before.counts, after.counts), changed(before.partners, after.partners),
                changed(before.offers, after.offers, kept=1),
                changed(before.money, after.money))


def _homes(session: Session, communes: tuple[str, ...]) -> list[str]:
    return sorted(set(session.scalars(select(Commune.departement_code).where(
        Commune.code.in_(communes)))))


def refresh_money_month(session: Session, month: Period,
                        communes: tuple[str, ...] | None = None) -> None:
    """Write a month's money per place again, whole (only that of the départements of
    `communes`' residents, when given), from its bookings."""
    homes = None if communes is None else _homes(session, communes)
    where = [MoneyMonth.month == month.first_day]
    if homes is not None:
        where.append(MoneyMonth.home.in_(homes))
    session.execute(delete(MoneyMonth).where(*where))
    rows = ({"month": month.first_day, "home": home or NOWHERE, "place": place or NOWHERE,
             "structure_id": structure, "cents": int(cents)}
            for home, place, structure, cents in session.execute(
                money_cells(month.start, month.end, homes)) if cents)
    insert_rows(session, MoneyMonth, rows)


def _upsert(session: Session, table, keys: list[str], rows: list[dict], added: list[str],
            replaced: list[str] = ()) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={**{name: table.c[name] + statement.excluded[name] for name in added},
              **{name: statement.excluded[name] for name in replaced}})
    connection = session.connection()
    for start in range(0, len(rows), BATCH):
        connection.execute(statement, rows[start:start + BATCH])
    # A row left with nothing in it is one a full rebuild would not write.
    empty = (delete(table).where(*(table.c[key] == bindparam(f"k_{key}") for key in keys),
                                 table.c[added[0]] == 0))
    emptied = [{f"k_{key}": row[key] for key in keys} for row in rows if row[added[0]] < 0]
    for start in range(0, len(emptied), BATCH):
        connection.execute(empty, emptied[start:start + BATCH])


def add_difference(session: Session, slugs: list[str], change: Sums) -> None:
    """Add what changed in a month to the periods holding it."""
    for slug in slugs:
        _upsert(session, ScopeFigure.__table__, ["period", "level", "code", "name"],
                [{"period": slug, "level": level, "code": code, "name": name, "count": count,
                  "keys": keys, "largest": 0}
                 for (level, code, name), (count, keys) in change.counts.items()],
                ["count", "keys"])
        _upsert(session, PartnerPeriod.__table__,
                ["period", "level", "code", "category", "structure_id"],
                [{"period": slug, "level": level, "code": code, "category": category,
                  "structure_id": structure, "bookings": bookings, "cents": cents,
                  "bookings_keys": keys}
                 for (level, code, category, structure), (cents, bookings, keys)
                 in change.partners.items()], ["bookings", "cents", "bookings_keys"])
        _upsert(session, OfferPeriod.__table__, ["period", "level", "code", "offer_id"],
                [{"period": slug, "level": level, "code": code, "offer_id": offer,
                  "bookings": bookings, "cents": cents, "bookings_keys": keys,
                  "structure_id": structure}
                 for (level, code, offer), (cents, bookings, keys, structure)
                 in change.offers.items()], ["bookings", "cents", "bookings_keys"],
                ["structure_id"])
        _upsert(session, MoneyPeriod.__table__, ["period", "home", "place", "structure_id"],
                [{"period": slug, "home": home, "place": place, "structure_id": structure,
                  "cents": cents} for (home, place, structure), (cents,)
                 in change.money.items()], ["cents"])


def build_period(session: Session, period: Period, regions: dict[str, str]) -> None:
    """The sums per scope of a period new to the aggregates, from the month tables."""
    slug, first, end = period.slug, period.first_day, period.end_day
    counts: dict = {}
    for departement, category, digital, lead, month, *rest in session.execute(
            _booking_rows(first, end)):
        scopes = scopes_of(departement, regions)
        for name, count, keys in _count_names(category, digital, lead, month, rest):
            for level, code in scopes:
                _add(counts, (level, code, name), (count, keys))
    insert_rows(session, ScopeFigure, (
        {"period": slug, "level": level, "code": code, "name": name, "count": count,
         "keys": keys, "largest": 0}
        for (level, code, name), (count, keys) in counts.items() if count))
    _build_scoped(session, PartnerPeriod, _partner_rows(first, end), slug,
                  ["category", "structure_id"], ["cents", "bookings", "bookings_keys"])
    _build_scoped(session, OfferPeriod, _offer_rows(first, end), slug,
                  ["offer_id"], ["structure_id", "cents", "bookings", "bookings_keys"])
    total = func.sum(MoneyMonth.cents)
    session.execute(insert(MoneyPeriod).from_select(
        ["period", "home", "place", "structure_id", "cents"],
        select(literal(slug), MoneyMonth.home, MoneyMonth.place, MoneyMonth.structure_id,
               total).where(_in_months(MoneyMonth, first, end))
        .group_by(MoneyMonth.home, MoneyMonth.place, MoneyMonth.structure_id)
        .having(total != 0)))


def _build_scoped(session: Session, model, per_departement, slug: str, keys: list[str],
                  values: list[str]) -> None:
    """Per département from the month tables, then per région and for the country from the
    départements' rows, in the database."""
    table = model.__table__
    columns = ["period", "level", "code", *keys, *values]
    grouped = per_departement.subquery()
    session.execute(insert(table).from_select(columns, select(
        literal(slug), literal(Level.DEPARTEMENT.value), *grouped.c)))
    row = table.alias("departement_row")
    of_departements = and_(row.c.period == slug, row.c.level == Level.DEPARTEMENT.value)

    def summed(name: str):
        # An offer's partner is an attribute of the offer, not a sum.
        return (func.max if name == "structure_id" else func.sum)(row.c[name])

    session.execute(insert(table).from_select(columns, select(
        literal(slug), literal(Level.REGION.value), Departement.region_code,
        *(row.c[key] for key in keys), *(summed(name) for name in values))
        .join(Departement, Departement.code == row.c.code).where(of_departements)
        .group_by(Departement.region_code, *(row.c[key] for key in keys))))
    session.execute(insert(table).from_select(columns, select(
        literal(slug), literal(Level.COUNTRY.value), literal(COUNTRY_CODE),
        *(row.c[key] for key in keys), *(summed(name) for name in values))
        .where(of_departements).group_by(*(row.c[key] for key in keys))))


def write_scope_figures(session: Session, period: Period, regions: dict[str, str]) -> None:
    """Write again the period's figures that are not kept by difference: people, beneficiaries,
    amounts and the top lists, for every scope."""
    slug = period.slug
    session.execute(delete(ScopeFigure).where(ScopeFigure.period == slug, or_(
        ScopeFigure.name.in_((*PEOPLE_NAMES, *BENEFICIARY_NAMES, AMOUNT)),
        ScopeFigure.name.like(f"{AMOUNT}.%"))))
    session.execute(delete(ScopeTop).where(ScopeTop.period == slug))
    counts: dict = {}
    people = PeoplePeriod
    for departement, *sums in session.execute(
            select(Commune.departement_code, func.sum(people.bookers),
                   func.sum(people.bookers_keys), func.sum(people.diverse),
                   func.sum(people.diverse_keys), func.sum(people.score),
                   func.sum(people.score_keys))
            .join(Commune, Commune.code == people.commune_code)
            .where(people.period == slug).group_by(Commune.departement_code)):
        for level, code in scopes_of(departement, regions):
            for index, name in enumerate(PEOPLE_NAMES):
                _add(counts, (level, code, name), (int(sums[2 * index]),
                                                    int(sums[2 * index + 1])))
    beneficiary = BeneficiaryPeriod
    for departement, *sums in session.execute(
            select(Commune.departement_code, func.sum(beneficiary.ever),
                   func.sum(beneficiary.ever_keys), func.sum(beneficiary.active),
                   func.sum(beneficiary.active_keys))
            .join(Commune, Commune.code == beneficiary.commune_code)
            .where(beneficiary.period == slug).group_by(Commune.departement_code)):
        for level, code in scopes_of(departement, regions):
            for index, name in enumerate(BENEFICIARY_NAMES):
                _add(counts, (level, code, name), (int(sums[2 * index]),
                                                    int(sums[2 * index + 1])))
    figures = [{"period": slug, "level": level, "code": code, "name": name, "count": count,
                "keys": keys, "largest": 0}
               for (level, code, name), (count, keys) in counts.items()]
    figures += [{"period": slug, "level": level, "code": code,
                 "name": f"{AMOUNT}.{category}" if category else AMOUNT, "count": int(cents),
                 "keys": partners, "largest": int(largest)}
                for level, code, category, cents, partners, largest in _amounts(session, slug)]
    insert_rows(session, ScopeFigure, figures)
    insert_rows(session, ScopeTop, _tops(session, slug))


def _amounts(session: Session, slug: str):
    """(level, code, category or None for all, cents, partners with money, largest)."""
    row = PartnerPeriod
    yield from session.execute(
        select(row.level, row.code, row.category, func.sum(row.cents), func.count(),
               func.max(row.cents))
        .where(row.period == slug, row.cents > 0).group_by(row.level, row.code, row.category))
    cents = func.sum(row.cents)
    per_partner = (select(row.level, row.code, cents.label("cents"))
                   .where(row.period == slug).group_by(row.level, row.code, row.structure_id)
                   .having(cents > 0).subquery())
    for level, code, total, partners, largest in session.execute(
            select(per_partner.c.level, per_partner.c.code, func.sum(per_partner.c.cents),
                   func.count(), func.max(per_partner.c.cents))
            .group_by(per_partner.c.level, per_partner.c.code)):
        yield level, code, None, total, partners, largest


def _tops(session: Session, slug: str):
    """The top partners and offers of every scope, by true bookings then id."""
    row = PartnerPeriod
    bookings = func.sum(row.bookings)
    partners = (
        select(row.level, row.code, row.structure_id.label("item"),
               row.structure_id.label("structure"), bookings.label("bookings"),
               func.sum(row.bookings_keys).label("keys"), func.sum(row.cents).label("cents"),
               func.row_number().over(partition_by=(row.level, row.code),
                                      order_by=(bookings.desc(), row.structure_id))
               .label("rank"))
        .where(row.period == slug).group_by(row.level, row.code, row.structure_id)
        .having(bookings >= TOP_MIN_BOOKINGS).subquery())
    offer = OfferPeriod
    offers = (
        select(offer.level, offer.code, offer.offer_id.label("item"),
               offer.structure_id.label("structure"), offer.bookings.label("bookings"),
               offer.bookings_keys.label("keys"), offer.cents.label("cents"),
               func.row_number().over(partition_by=(offer.level, offer.code),
                                      order_by=(offer.bookings.desc(), offer.offer_id))
               .label("rank"))
        .where(offer.period == slug, offer.bookings >= TOP_MIN_BOOKINGS).subquery())
    for kind, ranked in (("partner", partners), ("offer", offers)):
        for level, code, item, structure, count, keys, cents, rank in session.execute(
                select(ranked).where(ranked.c.rank <= TOP_SIZE)):
            yield {"period": slug, "level": level, "code": code, "kind": kind, "rank": rank,
                   "item_id": item, "structure_id": structure, "bookings": int(count),
                   "bookings_keys": int(keys), "cents": int(cents)}


def insert_rows(session: Session, model, rows) -> None:
    # Core inserts of plain rows, in batches: the ORM's bookkeeping would cost more than the
    # database's work.
    connection, statement = session.connection(), insert(model.__table__)
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            connection.execute(statement, batch)
            batch = []
    if batch:
        connection.execute(statement, batch)

