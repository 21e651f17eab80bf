"""The true figures of each département, région and the country for each period refreshed.

A département, a région or the country holds too many communes and months for a dashboard to
sum their cells at each request, and money and top lists cannot be summed from smaller areas
at all (a partner counts once however many communes its money comes from). So the refresh
adds the months of each period per département, then the départements per région and for the
country, and writes the sums a dashboard protects: counts with their key sums, amounts with
their number of partners and the largest one's part, the top partners and offers
(docs/domain/7-territories.md, "Aggregates").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from models.statistics.models import BookingMonth, OfferMonth, PartnerMonth, PeoplePeriod
from models.statistics.periods import Period
from models.statistics.scopes import COUNTRY_CODE, Level
from models.territories.models import Commune, Departement

TOP_SIZE = 10
# A partner or an offer is listed among the top ones only when its people made at least this
# many bookings: a list never shows that one or two residents booked at a given place.
TOP_MIN_BOOKINGS = 10


def _pair() -> list[int]:
    return [0, 0]


@dataclass
class ScopeSums:
    """The sums of one scope and period."""

    # name -> [count, key sum]; names: "bookings.<CATEGORY>", "quantity.<CATEGORY>", "free",
    # "channel.<0|1>", "lead.<bucket>", "month.<YYYY-MM>", "bookers", "diverse", "score".
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(_pair))
    # (category, structure) -> cents
    money: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    # structure -> [bookings, keys, cents]
    partners: dict[int, list[int]] = field(default_factory=lambda: defaultdict(
        lambda: [0, 0, 0]))
    # offer -> [bookings, keys, cents, structure]
    offers: dict[int, list[int]] = field(default_factory=dict)

    def amounts(self) -> dict[str | None, tuple[int, int, int]]:
        """Per category and for all (None): cents, partners with money, largest partner's."""
        per_category: dict[str, list[int]] = defaultdict(list)
        per_partner: dict[int, int] = defaultdict(int)
        for (category, structure), cents in self.money.items():
            if cents > 0:
                per_category[category].append(cents)
            per_partner[structure] += cents
        result: dict[str | None, tuple[int, int, int]] = {
            category: (sum(values), len(values), max(values))
            for category, values in per_category.items()}
        positive = [cents for cents in per_partner.values() if cents > 0]
        result[None] = (sum(positive), len(positive), max(positive, default=0))
        return result

    def top(self, items: dict[int, list[int]]) -> list[tuple[int, list[int]]]:
        kept = [(item, sums) for item, sums in items.items() if sums[0] >= TOP_MIN_BOOKINGS]
        return sorted(kept, key=lambda pair: (-pair[1][0], pair[0]))[:TOP_SIZE]


def roll_up(session: Session, periods: list[Period]) -> dict[tuple[str, Level, str], ScopeSums]:
    """The sums of every département, région and the country for each period, from the
    aggregates per commune: the database adds the communes of each département, this adds the
    départements of each région and of the country."""
    regions = dict(session.execute(select(Departement.code, Departement.region_code)).all())
    sums: dict[tuple[str, Level, str], ScopeSums] = defaultdict(ScopeSums)
    for period in periods:
        slug = period.slug

        def scopes(departement: str, slug=slug):
            yield sums[slug, Level.DEPARTEMENT, departement]
            if departement in regions:
                yield sums[slug, Level.REGION, regions[departement]]
            yield sums[slug, Level.COUNTRY, COUNTRY_CODE]

        for (departement, category, digital, lead, month, count, keys, quantity,
             quantity_keys, free, free_keys) in session.execute(_bookings(period)):
            for scope in scopes(departement):
                _add(scope.counts[f"bookings.{category}"], count, keys)
                _add(scope.counts[f"quantity.{category}"], quantity, quantity_keys)
                _add(scope.counts["free"], free, free_keys)
                _add(scope.counts[f"channel.{int(bool(digital))}"], count, keys)
                _add(scope.counts[f"lead.{lead}"], count, keys)
                _add(scope.counts[f"month.{month:%Y-%m}"], count, keys)
        for departement, category, structure, cents, count, keys in session.execute(
                _partners(period)):
            for scope in scopes(departement):
                scope.money[category, structure] += int(cents)
                partner = scope.partners[structure]
                partner[0] += int(count)
                partner[1] += int(keys)
                partner[2] += int(cents)
        for departement, offer, structure, cents, count, keys in session.execute(
                _offers(period)):
            for scope in scopes(departement):
                offer_sums = scope.offers.setdefault(offer, [0, 0, 0, structure])
                offer_sums[0] += int(count)
                offer_sums[1] += int(keys)
                offer_sums[2] += int(cents)
        for departement, *people in session.execute(_people(period)):
            for scope in scopes(departement):
                _add(scope.counts["bookers"], people[0], people[1])
                _add(scope.counts["diverse"], people[2], people[3])
                _add(scope.counts["score"], people[4], people[5])
    return sums


def _add(pair: list[int], count, keys) -> None:
    pair[0] += int(count)
    pair[1] += int(keys)


def _in_period(model, period: Period):
    return and_(model.month >= period.first_day, model.month < period.end_day)


def _bookings(period: Period):
    row = BookingMonth
    return (
        select(Commune.departement_code, row.category, row.digital, row.lead, row.month,
               func.sum(row.bookings), func.sum(row.bookings_keys), func.sum(row.quantity),
               func.sum(row.quantity_keys), func.sum(row.free), func.sum(row.free_keys))
        .join(Commune, Commune.code == row.commune_code)
        .where(_in_period(row, period))
        .group_by(Commune.departement_code, row.category, row.digital, row.lead, row.month)
    )


def _partners(period: Period):
    row = PartnerMonth
    return (
        select(Commune.departement_code, row.category, row.structure_id, func.sum(row.cents),
               func.sum(row.bookings), func.sum(row.bookings_keys))
        .join(Commune, Commune.code == row.commune_code)
        .where(_in_period(row, period))
        .group_by(Commune.departement_code, row.category, row.structure_id)
    )


def _offers(period: Period):
    row = OfferMonth
    return (
        select(Commune.departement_code, row.offer_id, func.max(row.structure_id),
               func.sum(row.cents), func.sum(row.bookings), func.sum(row.bookings_keys))
        .join(Commune, Commune.code == row.commune_code)
        .where(_in_period(row, period))
        .group_by(Commune.departement_code, row.offer_id)
    )


def _people(period: Period):
    row = PeoplePeriod
    return (
        select(Commune.departement_code, func.sum(row.bookers), func.sum(row.bookers_keys),
               func.sum(row.diverse), func.sum(row.diverse_keys), func.sum(row.score),
               func.sum(row.score_keys))
        .join(Commune, Commune.code == row.commune_code)
        .where(row.period == period.slug)
        .group_by(Commune.departement_code)
    )
