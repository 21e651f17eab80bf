"""Money that stays local: where the territory's young people spend their credit, and where the
money spent at the territory's partners comes from (docs/domain/local-money.md).

A booking counts as everywhere in the statistics: not cancelled, made in the period, by a person
with a commune of residence (`models.statistics.facts.counted`). Its money is unit price times
quantity. Its place is the commune of the offer's venue; a booking of an offer with an access
link (`Offer.url`) or at a virtual venue is online and has no place. The booking aggregates
keep the structure, not the venue, and a structure may have venues in several territories, so
this money has aggregates of its own: départements, régions and the country sum in SQL the money
per département of residence, département of the venue and partner of `stat_money_period` when
the aggregates hold the period; communes and EPCIs read the bookings.

Every amount goes through `protect_amount` (or `protect_amount_parts` for a table beside its
total, the two tables linked by the line they share) and every share through `protect_ratio` on
the figures its table shows: nothing leaves this module that the secrecy rules have not seen.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session, aliased

from models.offerers.models import Venue
from models.statistics.dashboard import Unit, as_percent
from models.statistics.facts import ONLINE, cents, counted, money_cells, online
from models.statistics.figures import Figure
from models.statistics.models import AggregatedPeriod
from models.statistics.periods import Period
from models.statistics.rollup import NOWHERE
from models.statistics.scale_tables import MoneyPeriod
from models.statistics.scopes import Level, Scope, comparison_scopes, scope_name
from models.statistics.secrecy import Amount, protect_amount, protect_amount_parts, protect_ratio
from models.territories.models import Commune, Departement
from models.users.models import User

# The lines of the flow tables, and the prefixes of their CSV indicators.
HERE = "territoire"
ELSEWHERE = "ailleurs"
DEPARTEMENT = "departement-"
TOTAL = "total"
OUTFLOW = "flux_sortant"
INFLOW = "flux_entrant"
SPENDING_SHARE = "part_depenses_locales"
# Scopes made of whole départements: their sums are read from one table of money per
# département of residence, département of the venue and partner, shared by all of them.
MATRIX_LEVELS = (Level.DEPARTEMENT, Level.REGION, Level.COUNTRY)
REVENUE_SHARE = "part_recettes_locales"


@dataclass(frozen=True)
class Flow:
    """A line of a flow table: the territory itself, another département (`departement` is its
    code and `name` its name), the other places pooled, or online."""

    code: str
    figure: Figure
    departement: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class FlowTable:
    lines: list[Flow]
    total: Figure

    def figure(self, code: str) -> Figure:
        """A line's figure; a line that is not there has no money."""
        return next((line.figure for line in self.lines if line.code == code),
                    Figure.published(0))


@dataclass(frozen=True)
class _Sums:
    """True money per line of a table and per partner (structure), before any rule."""

    by_line: dict[str, dict[int, int]]

    def amount(self, *lines: str) -> Amount:
        per_partner: dict[int, int] = defaultdict(int)
        for line in lines:
            for structure, money in self.by_line.get(line, {}).items():
                per_partner[structure] += money
        positive = [money for money in per_partner.values() if money > 0]
        return Amount(sum(positive), len(positive), max(positive, default=0))

    def total(self) -> Amount:
        return self.amount(*self.by_line)


@dataclass(frozen=True)
class LocalMoney:
    period: Period
    territory: Scope
    # The territory first, then those it is compared with, with their names.
    scopes: list[Scope]
    names: dict[Scope, str]
    spending_share: dict[Scope, Figure]
    revenue_share: dict[Scope, Figure]
    outflows: FlowTable
    inflows: FlowTable

    def cells(self):
        """Every figure of the page as (indicator code, scope, figure, unit), in page order."""
        for code, shares in ((SPENDING_SHARE, self.spending_share),
                             (REVENUE_SHARE, self.revenue_share)):
            for scope in self.scopes:
                yield code, scope, shares[scope], Unit.PERCENT
        for prefix, table in ((OUTFLOW, self.outflows), (INFLOW, self.inflows)):
            for line in table.lines:
                yield f"{prefix}.{line.code}", self.territory, line.figure, Unit.MONEY
            yield f"{prefix}.{TOTAL}", self.territory, table.total, Unit.MONEY


def local_money(session: Session, scope: Scope, period: Period, *,
                raw: bool = False) -> LocalMoney:
    """The two shares for the scope and those it is compared with, and the scope's flows.

    Départements, régions and the country share one reading of the period's bookings (see
    `_Matrix`); with `raw`, each scope is read on its own, which the tests compare.
    """
    scopes = comparison_scopes(session, scope)
    spending, revenue, tables = {}, {}, {}
    matrix: _Matrix | None = None
    aggregated = not raw and session.get(AggregatedPeriod, period.slug) is not None
    for each in scopes:
        if each.level in MATRIX_LEVELS and aggregated:
            out_sums, in_sums = (_aggregated_outflow(session, each, period),
                                 _aggregated_inflow(session, each, period))
        elif each.level in MATRIX_LEVELS and not raw:
            matrix = matrix or _Matrix.read(session, period)
            out_sums, in_sums = matrix.outflow(each), matrix.inflow(each)
        else:
            out_sums, in_sums = (_outflow_sums(session, each, period),
                                 _inflow_sums(session, each, period))
        outflows, inflows = _linked_tables(session, out_sums, in_sums)
        tables[each] = outflows, inflows
        spending[each] = _share(outflows.figure(HERE), outflows.total)
        revenue[each] = _share(inflows.figure(HERE), inflows.total)
    names = {each: scope_name(session, each) or each.code for each in scopes}
    return LocalMoney(period, scope, scopes, names, spending, revenue, *tables[scope])


def _linked_tables(session: Session, out_sums: _Sums, in_sums: _Sums) -> tuple[FlowTable,
                                                                               FlowTable]:
    """The two flow tables, where the residents' money spent in the territory is one line of
    each: when one table hides it, the other hides it too (and its own secondary suppression
    follows), or the first table's total minus its other lines would give its secret away."""
    outflows = _table(session, out_sums, last=(ONLINE,))
    inflows = _table(session, in_sums, last=())
    if outflows.figure(HERE).is_secret and not inflows.figure(HERE).is_secret:
        inflows = _table(session, in_sums, last=(), withheld=(HERE,))
    elif inflows.figure(HERE).is_secret and not outflows.figure(HERE).is_secret:
        outflows = _table(session, out_sums, last=(ONLINE,), withheld=(HERE,))
    return outflows, inflows


def _share(part: Figure, whole: Figure) -> Figure:
    """A share of money: the ratio of two amounts as their table shows them."""
    return as_percent(protect_ratio(part, whole))


def _table(session: Session, sums: _Sums, *, last: tuple[str, ...],
           withheld: tuple[str, ...] = ()) -> FlowTable:
    """The lines of a flow table: the territory, each other département whose money may be
    shown on its own, the others pooled as "elsewhere", then `last` (online); the table's
    secondary suppression is that of any table of amounts beside their total."""
    departements = [line for line in sums.by_line if line.startswith(DEPARTEMENT)]
    own = [line for line in departements if not protect_amount(sums.amount(line)).is_secret]
    pooled = [line for line in sums.by_line if line not in own and line not in (HERE, *last)]
    parts = {line: sums.amount(line) for line in (HERE, *own) if line in sums.by_line}
    if pooled:
        parts[ELSEWHERE] = sums.amount(*pooled)
    parts.update({line: sums.amount(line) for line in last if line in sums.by_line})
    figures, total = protect_amount_parts(parts, sums.total(), withheld=withheld)
    names = dict(session.execute(
        select(Departement.code, Departement.name).where(
            Departement.code.in_([line.removeprefix(DEPARTEMENT) for line in own])))
        .all()) if own else {}
    lines = [Flow(HERE, figures[HERE])] if HERE in figures else []
    shown = sorted(own, key=lambda line: (figures[line].is_secret, -(figures[line].value or 0),
                                          line))
    lines += [Flow(line, figures[line], line.removeprefix(DEPARTEMENT),
                   names.get(line.removeprefix(DEPARTEMENT))) for line in shown]
    lines += [Flow(line, figures[line]) for line in (ELSEWHERE, *last) if line in figures]
    return FlowTable(lines, total)


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return period.start, period.end


def _online():
    return online()


def _line(here, departement_column):
    """The line of a table a booking falls in: here, or a département (elsewhere when the
    place has no known commune)."""
    return case((here, literal(HERE)),
                (departement_column.is_(None), literal(ELSEWHERE)),
                else_=literal(DEPARTEMENT) + departement_column)


def _outflow_sums(session: Session, scope: Scope, period: Period) -> _Sums:
    """The money the scope's residents spent, per place of the venue and per partner."""
    place = aliased(Commune)
    line = case((_online(), literal(ONLINE)),
                else_=_line(scope.resident_clause(Venue.commune_code),
                            place.departement_code)).label("line")
    query = (counted(*_bounds(period), scope, line, Venue.structure_id, func.sum(cents()))
             .outerjoin(place, place.code == Venue.commune_code)
             .group_by(line, Venue.structure_id))
    return _collect(session, query)


def _inflow_sums(session: Session, scope: Scope, period: Period) -> _Sums:
    """The money spent at the scope's venues (online bookings have no place), per commune of
    residence of the people who spent it and per partner."""
    home = aliased(Commune)
    line = _line(scope.resident_clause(User.commune_code), home.departement_code).label("line")
    query = (counted(*_bounds(period), None, line, Venue.structure_id, func.sum(cents()))
             .outerjoin(home, home.code == User.commune_code)
             .where(~_online(), scope.resident_clause(Venue.commune_code))
             .group_by(line, Venue.structure_id))
    return _collect(session, query)


@dataclass(frozen=True)
class _Matrix:
    """The period's money per département of residence, département of the venue (or online,
    or None for a venue without a commune) and partner: one reading of the period's bookings
    answers the département, the région and the country alike, with the same sums as the
    queries above would."""

    rows: list[tuple[str | None, str | None, int, int]]
    regions: dict[str, str]

    @classmethod
    def read(cls, session: Session, period: Period) -> _Matrix:
        rows = [(origin, where, structure, int(money))
                for origin, where, structure, money in session.execute(
                    money_cells(*_bounds(period))) if money]
        regions = dict(session.execute(select(Departement.code, Departement.region_code)).all())
        return cls(rows, regions)

    def _holds(self, scope: Scope, departement: str | None) -> bool:
        if scope.level is Level.COUNTRY:
            return departement is not None
        if scope.level is Level.REGION:
            return self.regions.get(departement) == scope.code
        return departement == scope.code

    def outflow(self, scope: Scope) -> _Sums:
        by_line: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for origin, where, structure, money in self.rows:
            # Every person counted has a commune: the country holds them all.
            if scope.level is not Level.COUNTRY and not self._holds(scope, origin):
                continue
            line = (ONLINE if where == ONLINE else HERE if self._holds(scope, where)
                    else ELSEWHERE if where is None else DEPARTEMENT + where)
            by_line[line][structure] += money
        return _Sums({line: dict(partners) for line, partners in by_line.items()})

    def inflow(self, scope: Scope) -> _Sums:
        by_line: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for origin, where, structure, money in self.rows:
            if where == ONLINE or not self._holds(scope, where):
                continue
            line = (HERE if scope.level is Level.COUNTRY or self._holds(scope, origin)
                    else ELSEWHERE if origin is None else DEPARTEMENT + origin)
            by_line[line][structure] += money
        return _Sums({line: dict(partners) for line, partners in by_line.items()})


# The aggregates (`stat_money_period`) hold the same rows as `_Matrix`, "" standing for a venue
# without a commune; a département, a région or the country sums them in SQL with the same lines.


def _places_in(scope: Scope, column):
    """Whether a département code of the aggregates lies in the scope."""
    if scope.level is Level.COUNTRY:
        return column.not_in((NOWHERE, ONLINE))
    if scope.level is Level.REGION:
        return column.in_(select(Departement.code).where(Departement.region_code == scope.code))
    return column == scope.code


def _aggregated_outflow(session: Session, scope: Scope, period: Period) -> _Sums:
    money = MoneyPeriod
    line = case((money.place == ONLINE, literal(ONLINE)),
                (_places_in(scope, money.place), literal(HERE)),
                (money.place == NOWHERE, literal(ELSEWHERE)),
                else_=literal(DEPARTEMENT) + money.place).label("line")
    query = (select(line, money.structure_id, func.sum(money.cents))
             .where(money.period == period.slug).group_by(line, money.structure_id))
    if scope.level is not Level.COUNTRY:
        query = query.where(_places_in(scope, money.home))
    return _collect(session, query)


def _aggregated_inflow(session: Session, scope: Scope, period: Period) -> _Sums:
    money = MoneyPeriod
    line = (literal(HERE) if scope.level is Level.COUNTRY else
            case((_places_in(scope, money.home), literal(HERE)),
                 (money.home == NOWHERE, literal(ELSEWHERE)),
                 else_=literal(DEPARTEMENT) + money.home)).label("line")
    query = (select(line, money.structure_id, func.sum(money.cents))
             .where(money.period == period.slug, _places_in(scope, money.place))
             .group_by(line, money.structure_id))
    return _collect(session, query)


def _collect(session: Session, query) -> _Sums:
    by_line: dict[str, dict[int, int]] = defaultdict(dict)
    for line, structure, money in session.execute(query):
        if money:
            by_line[line][structure] = int(money)
    return _Sums(dict(by_line))
