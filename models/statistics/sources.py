"""Where a dashboard's booking figures come from: the aggregates, or the bookings themselves.

Both sources answer the same questions with the same true counts and key sums, so a figure is
published the same whichever answered (docs/domain/7-territories.md, "Aggregates"). A dashboard
reads the aggregates when the `statistics_aggregates` job has refreshed its period, the bookings
otherwise (a range of days, a rolling period ending before the current month, or before the
first run).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from models.statistics import indicators
from models.statistics.facts import (
    booking_cells,
    dialect_of,
    offer_cells,
    partner_cells,
    people_cells,
)
from models.statistics.indicators import BookingCounts, Selection
from models.statistics.models import (
    AggregatedPeriod,
    BookingMonth,
    OfferMonth,
    PartnerMonth,
    PeoplePeriod,
    ScopeFigure,
    ScopeTop,
)
from models.statistics.rollup import TOP_MIN_BOOKINGS, TOP_SIZE
from models.statistics.scale_tables import BeneficiaryPeriod
from models.statistics.scopes import Level
from models.statistics.secrecy import Amount, Count

ROLLED_UP = (Level.DEPARTEMENT, Level.REGION, Level.COUNTRY)


@dataclass(frozen=True)
class Ranked:
    """A partner or an offer among the top ones, with its bookings and its money."""

    id: int
    bookings: Count
    cents: int
    structure_id: int


def is_aggregated(session: Session, selection: Selection) -> bool:
    return selection.categories is None and session.get(
        AggregatedPeriod, selection.period.slug) is not None


def source_for(session: Session, selection: Selection):
    if not is_aggregated(session, selection):
        return RawSource(session, selection)
    if selection.scope.level in ROLLED_UP:
        return RolledUpSource(session, selection)
    return AggregateSource(session, selection)


def _amounts(per_partner: dict) -> Amount:
    positive = [cents for cents in per_partner.values() if cents > 0]
    return Amount(sum(positive), len(positive), max(positive, default=0))


class RawSource:
    """The figures counted from the bookings: the raw queries of `indicators`, and the groups
    of `facts` for the scope and period for the figures those do not count."""

    def __init__(self, session: Session, selection: Selection):
        self.session, self.selection = session, selection
        self._bounds = (selection.period.start, selection.period.end, selection.scope)

    def beneficiaries(self, now: dt.datetime) -> tuple[Count, Count]:
        """Residents who ever received a credit, and those holding a live one."""
        return (indicators.beneficiaries_ever(self.session, self.selection),
                indicators.beneficiaries_active(self.session, self.selection, now))

    def bookings_by_category(self) -> dict[str, BookingCounts]:
        return indicators.bookings_by_category(self.session, self.selection)

    def bookings_by_month(self) -> dict[str, Count]:
        return indicators.bookings_by_month(self.session, self.selection)

    def amounts_by_category(self) -> dict[str, Amount]:
        return indicators.amounts_by_category(self.session, self.selection)

    def amount_total(self) -> Amount:
        return indicators.amount_total(self.session, self.selection)

    def bookers(self) -> tuple[Count, Count]:
        return indicators.bookers(self.session, self.selection)

    def diversification(self) -> Count:
        total = Count()
        for _commune, _people, _keys, _diverse, _diverse_keys, score, score_keys in (
                self.session.execute(people_cells(self.selection.period, self.selection.scope))):
            total += Count(int(score), int(score_keys))
        return total

    @cached_property
    def _booking_cells(self) -> list:
        return self.session.execute(
            booking_cells(dialect_of(self.session), *self._bounds)).all()

    def bookings_by_channel(self) -> dict[bool, Count]:
        sums: dict = defaultdict(Count)
        for _commune, _category, digital, _lead, count, keys, *_rest in self._booking_cells:
            sums[bool(digital)] += Count(int(count), int(keys))
        return dict(sums)

    def bookings_by_lead(self) -> dict[int, Count]:
        sums: dict = defaultdict(Count)
        for _commune, _category, _digital, lead, count, keys, *_rest in self._booking_cells:
            sums[int(lead)] += Count(int(count), int(keys))
        return dict(sums)

    def top_partners(self) -> list[Ranked]:
        sums: dict = defaultdict(lambda: [0, Count()])
        for _commune, _category, structure, cents, count, keys in self.session.execute(
                partner_cells(*self._bounds)):
            sums[structure][0] += int(cents)
            sums[structure][1] += Count(int(count), int(keys))
        return _top(Ranked(structure, count, cents, structure)
                    for structure, (cents, count) in sums.items())

    def top_offers(self) -> list[Ranked]:
        sums: dict = defaultdict(lambda: [0, Count(), 0])
        for _commune, offer, structure, cents, count, keys in self.session.execute(
                offer_cells(*self._bounds)):
            sums[offer][0] += int(cents)
            sums[offer][1] += Count(int(count), int(keys))
            sums[offer][2] = structure
        return _top(Ranked(offer, count, cents, structure)
                    for offer, (cents, count, structure) in sums.items())


def _top(candidates) -> list[Ranked]:
    kept = [each for each in candidates if each.bookings.count >= TOP_MIN_BOOKINGS]
    return sorted(kept, key=lambda each: (-each.bookings.count, each.id))[:TOP_SIZE]


class AggregateSource:
    """The same figures read from the aggregate tables."""

    def __init__(self, session: Session, selection: Selection):
        self.session, self.selection = session, selection

    def _where(self, model):
        period = self.selection.period
        return and_(model.month >= period.first_day, model.month < period.end_day,
                    self.selection.scope.resident_clause(model.commune_code))

    def beneficiaries(self, _now: dt.datetime) -> tuple[Count, Count]:
        """As counted by the last refresh, at the period's end or at the refresh."""
        row = self.session.execute(
            select(func.sum(BeneficiaryPeriod.ever), func.sum(BeneficiaryPeriod.ever_keys),
                   func.sum(BeneficiaryPeriod.active), func.sum(BeneficiaryPeriod.active_keys))
            .where(BeneficiaryPeriod.period == self.selection.period.slug,
                   self.selection.scope.resident_clause(BeneficiaryPeriod.commune_code))).one()
        ever, ever_keys, active, active_keys = (int(value or 0) for value in row)
        return Count(ever, ever_keys), Count(active, active_keys)

    def bookings_by_category(self) -> dict[str, BookingCounts]:
        rows = self.session.execute(
            select(BookingMonth.category, func.sum(BookingMonth.bookings),
                   func.sum(BookingMonth.bookings_keys), func.sum(BookingMonth.quantity),
                   func.sum(BookingMonth.quantity_keys), func.sum(BookingMonth.free),
                   func.sum(BookingMonth.free_keys))
            .where(self._where(BookingMonth)).group_by(BookingMonth.category))
        return {category: BookingCounts(Count(int(b), int(bk)), Count(int(q), int(qk)),
                                        Count(int(f), int(fk)))
                for category, b, bk, q, qk, f, fk in rows}

    def bookings_by_month(self) -> dict[str, Count]:
        rows = self.session.execute(
            select(BookingMonth.month, func.sum(BookingMonth.bookings),
                   func.sum(BookingMonth.bookings_keys))
            .where(self._where(BookingMonth)).group_by(BookingMonth.month))
        return {f"{month:%Y-%m}": Count(int(count), int(keys)) for month, count, keys in rows}

    def _grouped_bookings(self, column) -> dict:
        rows = self.session.execute(
            select(column, func.sum(BookingMonth.bookings), func.sum(BookingMonth.bookings_keys))
            .where(self._where(BookingMonth)).group_by(column))
        return {value: Count(int(count), int(keys)) for value, count, keys in rows}

    def bookings_by_channel(self) -> dict[bool, Count]:
        return {bool(digital): count
                for digital, count in self._grouped_bookings(BookingMonth.digital).items()}

    def bookings_by_lead(self) -> dict[int, Count]:
        return self._grouped_bookings(BookingMonth.lead)

    def _per_partner(self, *group):
        cents = func.sum(PartnerMonth.cents)
        return (select(*group, cents.label("cents")).where(self._where(PartnerMonth))
                .group_by(*group).having(cents > 0).subquery())

    def amounts_by_category(self) -> dict[str, Amount]:
        per_partner = self._per_partner(PartnerMonth.category, PartnerMonth.structure_id)
        rows = self.session.execute(
            select(per_partner.c.category, func.sum(per_partner.c.cents), func.count(),
                   func.max(per_partner.c.cents)).group_by(per_partner.c.category))
        return {category: Amount(int(cents), partners, int(largest))
                for category, cents, partners, largest in rows}

    def amount_total(self) -> Amount:
        per_partner = self._per_partner(PartnerMonth.structure_id)
        cents, partners, largest = self.session.execute(
            select(func.sum(per_partner.c.cents), func.count(), func.max(per_partner.c.cents))
        ).one()
        return Amount(int(cents or 0), partners, int(largest or 0))

    @cached_property
    def _people(self) -> tuple[int, ...]:
        row = self.session.execute(
            select(func.sum(PeoplePeriod.bookers), func.sum(PeoplePeriod.bookers_keys),
                   func.sum(PeoplePeriod.diverse), func.sum(PeoplePeriod.diverse_keys),
                   func.sum(PeoplePeriod.score), func.sum(PeoplePeriod.score_keys))
            .where(PeoplePeriod.period == self.selection.period.slug,
                   self.selection.scope.resident_clause(PeoplePeriod.commune_code))).one()
        return tuple(int(value or 0) for value in row)

    def bookers(self) -> tuple[Count, Count]:
        people = self._people
        return Count(people[0], people[1]), Count(people[2], people[3])

    def diversification(self) -> Count:
        people = self._people
        return Count(people[4], people[5])

    def top_partners(self) -> list[Ranked]:
        return self._top(PartnerMonth, PartnerMonth.structure_id, PartnerMonth.structure_id)

    def top_offers(self) -> list[Ranked]:
        return self._top(OfferMonth, OfferMonth.offer_id, func.max(OfferMonth.structure_id))

    def _top(self, model, group, structure) -> list[Ranked]:
        bookings = func.sum(model.bookings)
        rows = self.session.execute(
            select(group, bookings, func.sum(model.bookings_keys), func.sum(model.cents),
                   structure)
            .where(self._where(model)).group_by(group)
            .having(bookings >= TOP_MIN_BOOKINGS)
            .order_by(bookings.desc(), group).limit(TOP_SIZE))
        return [Ranked(each, Count(int(count), int(keys)), int(cents), structure_id)
                for each, count, keys, cents, structure_id in rows]


class RolledUpSource:
    """The figures of a département, a région or the country, summed for the period by the
    refresh (`models.statistics.rollup`): two small reads."""

    def __init__(self, session: Session, selection: Selection):
        self.session, self.selection = session, selection

    @cached_property
    def _figures(self) -> dict[str, tuple[int, int, int]]:
        scope, slug = self.selection.scope, self.selection.period.slug
        rows = self.session.execute(
            select(ScopeFigure.name, ScopeFigure.count, ScopeFigure.keys, ScopeFigure.largest)
            .where(ScopeFigure.period == slug, ScopeFigure.level == scope.level.value,
                   ScopeFigure.code == scope.code))
        return {name: (int(count), int(keys), int(largest))
                for name, count, keys, largest in rows}

    def _count(self, name: str) -> Count:
        count, keys, _ = self._figures.get(name, (0, 0, 0))
        return Count(count, keys)

    def _prefixed(self, prefix: str) -> dict[str, tuple[int, int, int]]:
        return {name[len(prefix):]: values for name, values in self._figures.items()
                if name.startswith(prefix)}

    def beneficiaries(self, _now: dt.datetime) -> tuple[Count, Count]:
        """As counted by the last refresh, at the period's end or at the refresh."""
        return self._count("beneficiaries"), self._count("active")

    def bookings_by_category(self) -> dict[str, BookingCounts]:
        categories = self._prefixed("bookings.")
        free = self._count("free")
        counts = {category: BookingCounts(Count(count, keys),
                                          self._count(f"quantity.{category}"))
                  for category, (count, keys, _) in categories.items()}
        # Free bookings are kept for all categories at once: the dashboard only shows their
        # total, which adding the categories gives back.
        if counts:
            first = min(counts)
            counts[first] = BookingCounts(counts[first].bookings, counts[first].quantity, free)
        return counts

    def bookings_by_month(self) -> dict[str, Count]:
        return {month: Count(count, keys)
                for month, (count, keys, _) in self._prefixed("month.").items()}

    def bookings_by_channel(self) -> dict[bool, Count]:
        return {value == "1": Count(count, keys)
                for value, (count, keys, _) in self._prefixed("channel.").items()}

    def bookings_by_lead(self) -> dict[int, Count]:
        return {int(value): Count(count, keys)
                for value, (count, keys, _) in self._prefixed("lead.").items()}

    def amounts_by_category(self) -> dict[str, Amount]:
        return {category: Amount(cents, partners, largest)
                for category, (cents, partners, largest) in self._prefixed("amount.").items()}

    def amount_total(self) -> Amount:
        return Amount(*self._figures.get("amount", (0, 0, 0)))

    def bookers(self) -> tuple[Count, Count]:
        return self._count("bookers"), self._count("diverse")

    def diversification(self) -> Count:
        return self._count("score")

    def _top(self, kind: str) -> list[Ranked]:
        scope = self.selection.scope
        rows = self.session.execute(
            select(ScopeTop.item_id, ScopeTop.bookings, ScopeTop.bookings_keys, ScopeTop.cents,
                   ScopeTop.structure_id)
            .where(ScopeTop.period == self.selection.period.slug,
                   ScopeTop.level == scope.level.value, ScopeTop.code == scope.code,
                   ScopeTop.kind == kind)
            .order_by(ScopeTop.rank))
        return [Ranked(item, Count(count, keys), int(cents), structure)
                for item, count, keys, cents, structure in rows]

    def top_partners(self) -> list[Ranked]:
        return self._top("partner")

    def top_offers(self) -> list[Ranked]:
        return self._top("offer")
