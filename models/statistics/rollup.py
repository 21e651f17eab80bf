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
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import (
    Column,
    Date,
    MetaData,
    Table,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.offerers.models import Venue
from models.offers.models import Offer
from models.statistics.facts import ONLINE, money_cells, online
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


def batches(items: list, size: int = BATCH) -> Iterator[list]:
    """`items` in slices of `size`: an `IN` list or a many-row statement stays within what both
    engines take in one statement."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def regions_of(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Departement.code, Departement.region_code)).all())


def scopes_of(departement: str, regions: dict[str, str]) -> list[tuple[str, str]]:
    """The département, its région and the country, as (level, code)."""
    scopes = [(Level.DEPARTEMENT.value, departement)]
    if departement in regions:
        scopes.append((Level.REGION.value, regions[departement]))
    scopes.append((Level.COUNTRY.value, COUNTRY_CODE))
    return scopes


def count_names(category, digital, lead, month: dt.date, sums):
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


def add_up(target: dict, key, values) -> None:
    """Add `values` to the sums of `key` in `target`."""
    sums = target.get(key)
    if sums is None:
        target[key] = list(values)
    else:
        for index, value in enumerate(values):
            sums[index] += value


def month_sums(session: Session, month: dt.date, communes=None) -> Sums:
    """A month's rows summed per département of residence, as the month tables hold them now
    (only those of `communes` when given, without the money, which `money_of_offers` then
    derives from the offers' change; `spread` adds them up per région and for the country)."""
    sums, end = Sums(), _next_month(month)

    def only(query, model):
        if communes is None:
            return query
        return query.where(communes.resident_clause(model.commune_code))

    for departement, category, digital, lead, month_, *rest in session.execute(
            only(_booking_rows(month, end), BookingMonth)):
        for name, count, keys in count_names(category, digital, lead, month_, rest):
            add_up(sums.counts, (departement, name), (count, keys))
    for departement, category, structure, cents, bookings, keys in session.execute(
            only(_partner_rows(month, end), PartnerMonth)):
        sums.partners[departement, category, structure] = [int(cents), int(bookings), int(keys)]
    for departement, offer, structure, cents, bookings, keys in session.execute(
            only(_offer_rows(month, end), OfferMonth)):
        sums.offers[departement, offer] = [int(cents), int(bookings), int(keys), structure]
    if communes is None:
        for home, place, structure, cents in session.execute(
                select(MoneyMonth.home, MoneyMonth.place, MoneyMonth.structure_id,
                       MoneyMonth.cents).where(MoneyMonth.month == month)):
            sums.money[home, place, structure] = [int(cents)]
    return sums


def money_of_offers(session: Session, month: dt.date, offers: dict) -> dict:
    """The change of a month's money that stays local from the change of its offers' sums per
    département of residence (`Sums.offers`), written to `stat_money_month`: an offer's money is
    spent online or in its venue's département, for its partner (`facts.money_cells`)."""
    places: dict[int, tuple[str | None, int]] = {}
    ids = sorted({offer for _departement, offer in offers})
    place = case((online(), literal(ONLINE)), else_=Commune.departement_code)
    for chunk in batches(ids):
        places.update((offer, (where, structure)) for offer, where, structure in session.execute(
            select(Offer.id, place, Venue.structure_id).join(Venue, Venue.id == Offer.venue_id)
            .outerjoin(Commune, Commune.code == Venue.commune_code)
            .where(Offer.id.in_(chunk))))
    money: dict = {}
    for (home, offer), (cents, *_rest) in offers.items():
        where, structure = places[offer]
        if cents:
            add_up(money, (home or NOWHERE, where or NOWHERE, structure), (cents,))
    money = {key: values for key, values in money.items() if values[0]}
    _upsert(session, MoneyMonth.__table__, ["month", "home", "place", "structure_id"],
            [{"month": month, "home": home, "place": where, "structure_id": structure,
              "cents": cents} for (home, where, structure), (cents,) in money.items()],
            ["cents"])
    return money


def merge(into: Sums, change: Sums) -> None:
    """Add `change` to `into` (a period's change over the months it holds)."""
    for name in ("counts", "partners", "money"):
        target = getattr(into, name)
        for key, values in getattr(change, name).items():
            add_up(target, key, values)
    for key, (*values, structure) in change.offers.items():
        add_up(into.offers, key, (*values, 0))
        into.offers[key][3] = structure


def nonzero(sums: Sums) -> Sums:
    """The same sums without the rows whose changes cancelled out."""
    return Sums({key: values for key, values in sums.counts.items() if any(values)},
                {key: values for key, values in sums.partners.items() if any(values)},
                {key: values for key, values in sums.offers.items() if any(values[:3])},
                {key: values for key, values in sums.money.items() if any(values)})


def spread(change: Sums, regions: dict[str, str]) -> Sums:
    """Sums per département added up per département, région and the country (the money that
    stays local is kept per département only)."""
    spread_ = Sums(money=change.money)
    for (departement, *rest), values in change.counts.items():
        for level, code in scopes_of(departement, regions):
            add_up(spread_.counts, (level, code, *rest), values)
    for (departement, *rest), values in change.partners.items():
        for level, code in scopes_of(departement, regions):
            add_up(spread_.partners, (level, code, *rest), values)
    for (departement, offer), (*values, structure) in change.offers.items():
        for level, code in scopes_of(departement, regions):
            add_up(spread_.offers, (level, code, offer), (*values, 0))
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


def refresh_money_month(session: Session, month: Period) -> None:
    """Write a month's money per place again, whole, from its bookings."""
    session.execute(delete(MoneyMonth).where(MoneyMonth.month == month.first_day))
    rows = ({"month": month.first_day, "home": home or NOWHERE, "place": place or NOWHERE,
             "structure_id": structure, "cents": int(cents)}
            for home, place, structure, cents in session.execute(
                money_cells(month.start, month.end)) if cents)
    insert_rows(session, MoneyMonth, rows)


def upsert_rows(session: Session, table, keys: list[str], rows: list[dict],
                replaced: list[str]) -> None:
    """Write `rows` in `table`, replacing the values `replaced` of the rows with the same
    `keys`."""
    _upsert(session, table, keys, rows, [], replaced, drop_empty=False)


def add_rows(session: Session, table, keys: list[str], rows: list[dict],
             added: list[str]) -> None:
    """Add the values `added` of `rows` to the rows of `table` with the same `keys` (a new row
    when there is none); a row whose first value falls to 0 is removed."""
    _upsert(session, table, keys, rows, added)


def _upsert(session: Session, table, keys: list[str], rows: list[dict], added: list[str],
            replaced: list[str] = (), *, drop_empty: bool = True) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={**{name: table.c[name] + statement.excluded[name] for name in added},
              **{name: statement.excluded[name] for name in replaced}})
    connection = session.connection()
    for chunk in batches(rows):
        connection.execute(statement, chunk)
    if not drop_empty:
        return
    # A row left with nothing in it is one a full rebuild would not write.
    empty = (delete(table).where(*(table.c[key] == bindparam(f"k_{key}") for key in keys),
                                 table.c[added[0]] == 0))
    emptied = [{f"k_{key}": row[key] for key in keys} for row in rows if row[added[0]] < 0]
    for chunk in batches(emptied):
        connection.execute(empty, chunk)


# The changes of the months a run writes again, per scope, each row once however many periods
# hold its month: each period held then adds up its months' rows in one statement per table
# (`add_differences`), instead of sending the same rows once per period.
_CHANGES = MetaData()
# kind of `Sums`: (table, key columns, summed columns in the order of `Sums`, attributes, the
# column whose 0 says the row is empty).
_KINDS = {
    "counts": (ScopeFigure, ("level", "code", "name"), ("count", "keys"), (), "count"),
    "partners": (PartnerPeriod, ("level", "code", "category", "structure_id"),
                 ("cents", "bookings", "bookings_keys"), (), "bookings"),
    "offers": (OfferPeriod, ("level", "code", "offer_id"),
               ("cents", "bookings", "bookings_keys"), ("structure_id",), "bookings"),
    "money": (MoneyPeriod, ("home", "place", "structure_id"), ("cents",), (), "cents"),
}
_CHANGE_TABLES = {
    kind: Table(f"tmp_stat_{kind}_change", _CHANGES, Column("month", Date),
                *(Column(name, model.__table__.c[name].type)
                  for name in (*keys, *added, *replaced)),
                prefixes=["TEMPORARY"])
    for kind, (model, keys, added, replaced, _empty) in _KINDS.items()}


class MonthChanges:
    """The months' changes of a run, in temporary tables of the run's connection."""

    def __init__(self, session: Session):
        self.session = session
        connection = session.connection()
        for table in _CHANGE_TABLES.values():
            table.drop(connection, checkfirst=True)
            table.create(connection)

    def add(self, month: dt.date, change: Sums) -> None:
        """Keep a month's change per scope (`spread`)."""
        for kind, (_model, keys, added, replaced, _empty) in _KINDS.items():
            names = (*keys, *added, *replaced)
            rows = getattr(change, kind)
            insert_rows(self.session, _CHANGE_TABLES[kind], (
                {"month": month, **dict(zip(names, (*key, *values), strict=True))}
                for key, values in ((key if isinstance(key, tuple) else (key,), values)
                                    for key, values in rows.items())
                if any(values[:len(added)])))

    def add_to(self, period: Period) -> None:
        """Add the changes of the months a period holds to its sums; a row left empty is
        removed, as a full rebuild would not write it."""
        dialect = self.session.get_bind().dialect.name
        insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
        for kind, (model, keys, added, replaced, empty) in _KINDS.items():
            change, table = _CHANGE_TABLES[kind], model.__table__
            months = and_(change.c.month >= period.first_day, change.c.month < period.end_day)
            extra = {"largest": literal(0)} if model is ScopeFigure else {}
            rows = (select(literal(period.slug).label("period"),
                           *(change.c[name] for name in keys),
                           *(func.sum(change.c[name]).label(name) for name in added),
                           *(func.max(change.c[name]).label(name) for name in replaced),
                           *(value.label(name) for name, value in extra.items()))
                    .where(months).group_by(*(change.c[name] for name in keys))
                    .having(or_(*(func.sum(change.c[name]) != 0 for name in added))))
            statement = insert_(table).from_select(
                ["period", *keys, *added, *replaced, *extra], rows)
            self.session.execute(statement.on_conflict_do_update(
                index_elements=["period", *keys],
                set_={**{name: table.c[name] + statement.excluded[name] for name in added},
                      **{name: statement.excluded[name] for name in replaced}}))
            # Found from the changes, each row by the table's primary key: not a walk of the
            # period's rows.
            value = select(table.c[empty]).where(table.c.period == period.slug, *(
                table.c[name] == change.c[name] for name in keys)).scalar_subquery()
            emptied = [dict(zip(keys, row, strict=True)) for row in self.session.execute(
                select(*(change.c[name] for name in keys)).distinct().where(months, value == 0))]
            if emptied:
                self.session.connection().execute(delete(table).where(
                    table.c.period == period.slug,
                    *(table.c[name] == bindparam(f"k_{name}") for name in keys)),
                    [{f"k_{name}": row[name] for name in keys} for row in emptied])

    def close(self) -> None:
        connection = self.session.connection()
        for table in _CHANGE_TABLES.values():
            table.drop(connection)


def build_period(session: Session, period: Period, regions: dict[str, str]) -> None:
    """The sums per scope of a period new to the aggregates, from the month tables."""
    slug, first, end = period.slug, period.first_day, period.end_day
    counts: dict = {}
    for departement, category, digital, lead, month, *rest in session.execute(
            _booking_rows(first, end)):
        scopes = scopes_of(departement, regions)
        for name, count, keys in count_names(category, digital, lead, month, rest):
            for level, code in scopes:
                add_up(counts, (level, code, name), (count, keys))
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
    """Write again the period's figures that are not kept by `add_difference`: people,
    beneficiaries, amounts and the top lists, for every scope (a period new to the aggregates,
    or the first run)."""
    slug = period.slug
    session.execute(delete(ScopeFigure).where(ScopeFigure.period == slug, or_(
        ScopeFigure.name.in_((*PEOPLE_NAMES, AMOUNT)), ScopeFigure.name.like(f"{AMOUNT}.%"))))
    session.execute(delete(ScopeTop).where(ScopeTop.period == slug))
    insert_rows(session, ScopeFigure, _figure_rows(
        slug, _summed_per_departement(session, slug, PeoplePeriod, PEOPLE_COLUMNS, regions),
        PEOPLE_NAMES))
    write_beneficiary_figures(session, period, regions)
    insert_rows(session, ScopeFigure, (
        {"period": slug, "level": level, "code": code,
         "name": f"{AMOUNT}.{category}" if category else AMOUNT, "count": int(cents),
         "keys": partners, "largest": int(largest)}
        for level, code, category, cents, partners, largest in _amounts(session, slug)))
    insert_rows(session, ScopeTop, _tops(session, slug))


PEOPLE_COLUMNS = ("bookers", "bookers_keys", "diverse", "diverse_keys", "score", "score_keys")
BENEFICIARY_COLUMNS = ("ever", "ever_keys", "active", "active_keys")


def write_beneficiary_figures(session: Session, period: Period, regions: dict[str, str]) -> None:
    """Write again the period's beneficiaries of every scope from `stat_beneficiary_period`."""
    slug = period.slug
    session.execute(delete(ScopeFigure).where(ScopeFigure.period == slug,
                                              ScopeFigure.name.in_(BENEFICIARY_NAMES)))
    insert_rows(session, ScopeFigure, _figure_rows(slug, _summed_per_departement(
        session, slug, BeneficiaryPeriod, BENEFICIARY_COLUMNS, regions), BENEFICIARY_NAMES))


def _summed_per_departement(session: Session, slug: str, model, columns, regions) -> dict:
    """A per-commune table's sums for the period, per scope: {(level, code): [sums]}."""
    sums: dict = {}
    for departement, *values in session.execute(
            select(Commune.departement_code,
                   *(func.sum(getattr(model, column)) for column in columns))
            .join(Commune, Commune.code == model.commune_code)
            .where(model.period == slug).group_by(Commune.departement_code)):
        for scope in scopes_of(departement, regions):
            add_up(sums, scope, [int(value) for value in values])
    return sums


def _figure_rows(slug: str, sums: dict, names) -> list[dict]:
    """Each name's (count, keys) pair of the sums per scope, as rows of `stat_scope_figure`."""
    return [{"period": slug, "level": level, "code": code, "name": name,
             "count": values[2 * index], "keys": values[2 * index + 1], "largest": 0}
            for (level, code), values in sums.items() for index, name in enumerate(names)]


def spread_communes(session: Session, per_commune: dict, regions: dict[str, str]) -> dict:
    """Sums per commune added up per département, région and the country."""
    codes = sorted(per_commune)
    departements: dict[str, str] = {}
    for chunk in batches(codes):
        departements.update(session.execute(select(Commune.code, Commune.departement_code)
                                            .where(Commune.code.in_(chunk)))
                            .all())
    sums: dict = {}
    for commune, values in per_commune.items():
        for scope in scopes_of(departements[commune], regions):
            add_up(sums, scope, values)
    return {scope: values for scope, values in sums.items() if any(values)}


def add_counts(session: Session, period: Period, change: dict, names) -> None:
    """Add a change of people's or beneficiaries' sums per scope ({(level, code): [sums]}) to
    the period's figures `names`; a scope left without anyone loses them, as a full rebuild
    would not write them."""
    if not change:
        return
    slug = period.slug
    _upsert(session, ScopeFigure.__table__, ["period", "level", "code", "name"],
            _figure_rows(slug, change, names), ["count", "keys"], drop_empty=False)
    emptied = set(session.execute(select(ScopeFigure.level, ScopeFigure.code).where(
        ScopeFigure.period == slug, ScopeFigure.name == names[0], ScopeFigure.count == 0)).all())
    for level, code in emptied & set(change):
        session.execute(delete(ScopeFigure).where(
            ScopeFigure.period == slug, ScopeFigure.level == level, ScopeFigure.code == code,
            ScopeFigure.name.in_(names)))


def update_amounts_and_tops(session: Session, period: Period, change: Sums) -> None:
    """The amounts and top lists of a period held, after `add_difference` added `change` (per
    scope) to its partners' and offers' sums: only the partners and offers it touched are read
    again. An amount's sum and number of partners move by what each changed partner moved; its
    largest part is read again only when the largest partner lost money. A top list is made
    from its old entries and the changed items, and read again whole only when an item that
    did not change may have come into it (its tenth entry fell)."""
    slug = period.slug
    partners: dict = {}
    for (level, code, category, structure), (cents, *_rest) in change.partners.items():
        partners.setdefault((level, code), {}).setdefault(structure, {})[category] = cents
    offers: dict = {}
    for level, code, offer in change.offers:
        offers.setdefault((level, code), set()).add(offer)
    if not partners and not offers:
        return
    figures = {(level, code, name): (int(count), int(keys), int(largest))
               for level, code, name, count, keys, largest in session.execute(
                   select(ScopeFigure.level, ScopeFigure.code, ScopeFigure.name,
                          ScopeFigure.count, ScopeFigure.keys, ScopeFigure.largest)
                   .where(ScopeFigure.period == slug, or_(
                       ScopeFigure.name == AMOUNT, ScopeFigure.name.like(f"{AMOUNT}.%"))))}
    tops: dict = {}
    top = ScopeTop
    for level, code, kind, *entry in session.execute(
            select(top.level, top.code, top.kind, top.item_id, top.structure_id, top.bookings,
                   top.bookings_keys, top.cents)
            .where(top.period == slug).order_by(top.level, top.code, top.kind, top.rank)):
        tops.setdefault((level, code, kind), []).append(tuple(entry))
    cents_of, totals = _partner_rows_of(session, slug, {
        structure for structures in partners.values() for structure in structures})
    offer_entries = _offer_rows_of(session, slug, {
        offer for changed in offers.values() for offer in changed})
    new_figures: dict = {}
    new_tops: dict = {}
    for (level, code), structures in partners.items():
        by_category: dict = {}
        for structure, categories in structures.items():
            for category, moved in categories.items():
                now = cents_of.get((level, code, category, structure), 0)
                by_category.setdefault(category, []).append((now - moved, now))
        for category, moves in by_category.items():
            name = f"{AMOUNT}.{category}"
            new_figures[level, code, name] = _moved_amount(figures.get((level, code, name)),
                                                           moves)
        moves = []
        for structure, categories in structures.items():
            now = totals.get((level, code, structure), (0, 0, 0))[2]
            moves.append((now - sum(categories.values()), now))
        new_figures[level, code, AMOUNT] = _moved_amount(figures.get((level, code, AMOUNT)),
                                                         moves)
        new_tops[level, code, "partner"] = _moved_top(
            tops.get((level, code, "partner"), []),
            {structure: (structure, *totals[level, code, structure])
             if (level, code, structure) in totals else None for structure in structures})
    for (level, code), changed in offers.items():
        new_tops[level, code, "offer"] = _moved_top(
            tops.get((level, code, "offer"), []),
            {offer: offer_entries.get((level, code, offer)) for offer in changed})
    _read_again(session, slug, new_figures, new_tops)
    _write_changed(session, slug, figures, new_figures, tops, new_tops)


def _partner_rows_of(session: Session, slug: str, structures: set[int]):
    """The partners' cents per (level, code, category, partner) in every scope, and their
    totals over every category: {(level, code, partner): (bookings, keys, cents)}."""
    row = PartnerPeriod
    ids = sorted(structures)
    cents_of: dict = {}
    totals: dict = {}
    for chunk in batches(ids):
        for level, code, category, structure, cents, bookings, keys in session.execute(
                select(row.level, row.code, row.category, row.structure_id, row.cents,
                       row.bookings, row.bookings_keys)
                .where(row.period == slug, row.structure_id.in_(chunk))):
            cents_of[level, code, category, structure] = int(cents)
            add_up(totals, (level, code, structure), (int(bookings), int(keys), int(cents)))
    return cents_of, {key: tuple(values) for key, values in totals.items()}


def _offer_rows_of(session: Session, slug: str, offers: set[int]) -> dict:
    """The offers' entries for a top list in every scope: {(level, code, offer): (partner,
    bookings, keys, cents)}."""
    row = OfferPeriod
    ids = sorted(offers)
    entries: dict = {}
    for chunk in batches(ids):
        for level, code, offer, structure, bookings, keys, cents in session.execute(
                select(row.level, row.code, row.offer_id, row.structure_id, row.bookings,
                       row.bookings_keys, row.cents)
                .where(row.period == slug, row.offer_id.in_(chunk))):
            entries[level, code, offer] = (structure, int(bookings), int(keys), int(cents))
    return entries


# What `_moved_amount` and `_moved_top` answer when only the table can tell.
READ_AGAIN = "read again"


def _moved_amount(figure, moves):
    """An amount (cents, partners with money, largest part) after its partners moved from
    `old` to `new` cents for each (old, new) of `moves`; None when no partner has money, and
    READ_AGAIN in place of the largest part when the largest partner lost money."""
    total, partners, largest = figure or (0, 0, 0)
    read_again = False
    for old, new in moves:
        total += new - old
        partners += (new > 0) - (old > 0)
        if new > largest:
            largest = new
        elif old == largest and new < old:
            read_again = True
    if partners == 0:
        return None
    return total, partners, READ_AGAIN if read_again else largest


def _rank(entry) -> tuple:
    item, _structure, bookings, *_rest = entry
    return -bookings, item


def _moved_top(old: list[tuple], changed: dict):
    """A top list (item, structure, bookings, keys, cents) after the items of `changed` moved
    (to their new entry, without the item; None when left without bookings), or READ_AGAIN:
    items that did not change ranked after the old tenth entry, so the list must be read again
    whole when its new tenth entry ranks after the old one."""
    entries = {entry[0]: entry for entry in old}
    for item, entry in changed.items():
        if entry is None:
            entries.pop(item, None)
        else:
            entries[item] = (item, *entry[-4:])
    ranked = sorted((entry for entry in entries.values() if entry[2] >= TOP_MIN_BOOKINGS),
                    key=_rank)[:TOP_SIZE]
    if len(old) == TOP_SIZE and (len(ranked) < TOP_SIZE or _rank(ranked[-1]) > _rank(old[-1])):
        return READ_AGAIN
    return ranked


def _read_again(session: Session, slug: str, figures: dict, tops: dict) -> None:
    """Read the largest parts and the top lists marked READ_AGAIN from the period's partners
    and offers, one query for each kind."""
    row = PartnerPeriod
    categories = [(level, code, name.removeprefix(f"{AMOUNT}."))
                  for (level, code, name), values in figures.items()
                  if values and values[2] == READ_AGAIN and name != AMOUNT]
    largest = {}
    for chunk in batches(categories):
        largest.update(((level, code, f"{AMOUNT}.{category}"), int(cents))
                       for level, code, category, cents in session.execute(
            select(row.level, row.code, row.category, func.max(row.cents))
            .where(row.period == slug, tuple_(row.level, row.code, row.category).in_(
                chunk))
            .group_by(row.level, row.code, row.category)))
    scopes = [(level, code) for (level, code, name), values in figures.items()
              if values and values[2] == READ_AGAIN and name == AMOUNT]
    for chunk in batches(scopes):
        per_partner = (select(row.level, row.code, func.sum(row.cents).label("cents"))
                       .where(row.period == slug, tuple_(row.level, row.code).in_(
                           chunk))
                       .group_by(row.level, row.code, row.structure_id).subquery())
        largest.update(((level, code, AMOUNT), int(cents)) for level, code, cents in
                       session.execute(select(per_partner.c.level, per_partner.c.code,
                                              func.max(per_partner.c.cents))
                                       .group_by(per_partner.c.level, per_partner.c.code)))
    for key, cents in largest.items():
        total, partners, _largest = figures[key]
        figures[key] = (total, partners, cents)
    for kind in ("partner", "offer"):
        scopes = [(level, code) for (level, code, kind_), entries in tops.items()
                  if kind_ == kind and entries == READ_AGAIN]
        for chunk in batches(scopes):
            for entry in _tops(session, slug, chunk, kind):
                key = (entry["level"], entry["code"], kind)
                if tops[key] == READ_AGAIN:
                    tops[key] = []
                tops[key].append((entry["item_id"], entry["structure_id"], entry["bookings"],
                                  entry["bookings_keys"], entry["cents"]))
    # A list read again with no entry left.
    for key, entries in tops.items():
        if entries == READ_AGAIN:
            tops[key] = []


def _write_changed(session: Session, slug: str, figures: dict, new_figures: dict, tops: dict,
                   new_tops: dict) -> None:
    """Write the amounts and top lists that changed: each row again, and away the rows of an
    amount left without money or the ranks a list lost."""
    changed = {key: values for key, values in new_figures.items()
               if values != figures.get(key)}
    _upsert(session, ScopeFigure.__table__, ["period", "level", "code", "name"], [
        {"period": slug, "level": level, "code": code, "name": name, "count": values[0],
         "keys": values[1], "largest": values[2]}
        for (level, code, name), values in changed.items() if values is not None],
        [], ["count", "keys", "largest"], drop_empty=False)
    gone = [key for key, values in changed.items() if values is None and key in figures]
    for chunk in batches(gone):
        session.execute(delete(ScopeFigure).where(
            ScopeFigure.period == slug, tuple_(ScopeFigure.level, ScopeFigure.code,
                                               ScopeFigure.name).in_(chunk)))
    lists = {key: entries for key, entries in new_tops.items() if entries != tops.get(key, [])}
    _upsert(session, ScopeTop.__table__, ["period", "level", "code", "kind", "rank"], [
        {"period": slug, "level": level, "code": code, "kind": kind, "rank": rank,
         "item_id": item, "structure_id": structure, "bookings": bookings,
         "bookings_keys": keys, "cents": cents}
        for (level, code, kind), entries in lists.items()
        for rank, (item, structure, bookings, keys, cents) in enumerate(entries, start=1)],
        [], ["item_id", "structure_id", "bookings", "bookings_keys", "cents"], drop_empty=False)
    for (level, code, kind), entries in lists.items():
        if len(entries) < len(tops.get((level, code, kind), [])):
            session.execute(delete(ScopeTop).where(
                ScopeTop.period == slug, ScopeTop.level == level, ScopeTop.code == code,
                ScopeTop.kind == kind, ScopeTop.rank > len(entries)))


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


def _tops(session: Session, slug: str, scopes: list | None = None, kind: str | None = None):
    """The top partners and offers of every scope (of `scopes` (level, code) only, and of
    `kind` only, when given), by true bookings then id."""
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
        .having(bookings >= TOP_MIN_BOOKINGS))
    offer = OfferPeriod
    offers = (
        select(offer.level, offer.code, offer.offer_id.label("item"),
               offer.structure_id.label("structure"), offer.bookings.label("bookings"),
               offer.bookings_keys.label("keys"), offer.cents.label("cents"),
               func.row_number().over(partition_by=(offer.level, offer.code),
                                      order_by=(offer.bookings.desc(), offer.offer_id))
               .label("rank"))
        .where(offer.period == slug, offer.bookings >= TOP_MIN_BOOKINGS))
    if scopes is not None:
        partners = partners.where(tuple_(row.level, row.code).in_(scopes))
        offers = offers.where(tuple_(offer.level, offer.code).in_(scopes))
    for name, query in (("partner", partners), ("offer", offers)):
        if kind not in (None, name):
            continue
        ranked = query.subquery()
        for level, code, item, structure, count, keys, cents, rank in session.execute(
                select(ranked).where(ranked.c.rank <= TOP_SIZE).order_by(ranked.c.rank)):
            yield {"period": slug, "level": level, "code": code, "kind": name, "rank": rank,
                   "item_id": item, "structure_id": structure, "bookings": int(count),
                   "bookings_keys": int(keys), "cents": int(cents)}


def insert_rows(session: Session, model, rows) -> None:
    # Core inserts of plain rows, in batches: the ORM's bookkeeping would cost more than the
    # database's work.
    table = model if isinstance(model, Table) else model.__table__
    connection, statement = session.connection(), insert(table)
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            connection.execute(statement, batch)
            batch = []
    if batch:
        connection.execute(statement, batch)

