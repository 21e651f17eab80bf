"""A territory's dashboard: every indicator for the territory and the scopes it is compared with.

The page and the CSV both read a `Dashboard`, whose figures have all passed the secrecy rules
(docs/domain/7-territories.md); so they cannot disagree, and neither computes a number itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from sqlalchemy.orm import Session

from models.offerers.models import VenueType
from models.offerers.repository import count_partner_venues_by_type
from models.offers.catalogue import CATEGORIES
from models.offers.repository import count_bookable_offers
from models.statistics import indicators
from models.statistics.figures import Figure
from models.statistics.indicators import BookingCounts, Selection
from models.statistics.periods import Period
from models.statistics.scopes import Scope, comparison_scopes, scope_name
from models.statistics.secrecy import (
    Amount,
    Count,
    protect_amount_parts,
    protect_count,
    protect_public_count,
    protect_ratio,
)


class Unit(StrEnum):
    PEOPLE = "people"
    BOOKINGS = "bookings"
    MONEY = "money"
    PERCENT = "percent"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: Unit
    category: str | None = None
    month: Period | None = None


BENEFICIARIES_EVER = Indicator("beneficiaires_total", "Bénéficiaires depuis le début", Unit.PEOPLE)
BENEFICIARIES_ACTIVE = Indicator("beneficiaires_actifs", "Bénéficiaires avec un crédit en cours",
                                 Unit.PEOPLE)
BOOKERS = Indicator("personnes_ayant_reserve", "Personnes ayant réservé", Unit.PEOPLE)
DIVERSE_BOOKERS = Indicator("personnes_3_categories",
                            "Personnes ayant réservé dans 3 catégories ou plus", Unit.PEOPLE)
DIVERSITY_SHARE = Indicator(
    "part_3_categories", "Part des personnes ayant réservé dans 3 catégories ou plus",
    Unit.PERCENT)
BOOKINGS = Indicator("reservations", "Réservations", Unit.BOOKINGS)
FREE_BOOKINGS = Indicator("reservations_gratuites", "Réservations d'offres gratuites",
                          Unit.BOOKINGS)
QUANTITY = Indicator("quantite", "Places et articles réservés", Unit.BOOKINGS)
AMOUNT = Indicator("montant_euros", "Montant des réservations", Unit.MONEY)


def _by_category(base: Indicator) -> dict[str, Indicator]:
    return {category: Indicator(f"{base.code}.{category}", base.label, base.unit, category)
            for category in CATEGORIES}


BOOKINGS_BY_CATEGORY = _by_category(BOOKINGS)
QUANTITY_BY_CATEGORY = _by_category(QUANTITY)
AMOUNT_BY_CATEGORY = _by_category(AMOUNT)


@dataclass(frozen=True)
class Section:
    """A table of the page: indicators in rows, scopes in columns."""

    title: str
    indicators: tuple[Indicator, ...]
    by_category: bool = False
    # Drawn as a bar chart of the territory's figures, above the table that holds them.
    chart: bool = False


SECTIONS = (
    Section("Bénéficiaires", (BENEFICIARIES_EVER, BENEFICIARIES_ACTIVE)),
    Section("Réservations", (BOOKERS, BOOKINGS, FREE_BOOKINGS, QUANTITY, AMOUNT, DIVERSE_BOOKERS,
                             DIVERSITY_SHARE)),
    Section("Réservations par catégorie", tuple(BOOKINGS_BY_CATEGORY.values()), True, True),
    Section("Places et articles réservés par catégorie", tuple(QUANTITY_BY_CATEGORY.values()),
            True),
    Section("Montants par catégorie", tuple(AMOUNT_BY_CATEGORY.values()), True),
)


MONTHLY_TITLE = "Réservations par mois"


def monthly_bookings(period: Period) -> tuple[Indicator, ...]:
    """One indicator per month of a period longer than a month; none for a single month."""
    months = period.months()
    if len(months) < 2:
        return ()
    return tuple(Indicator(f"reservations_mois.{month.slug}", BOOKINGS.label, Unit.BOOKINGS,
                           month=month) for month in months)


def sections_of(period: Period) -> tuple[Section, ...]:
    monthly = monthly_bookings(period)
    if not monthly:
        return SECTIONS
    return (*SECTIONS[:3], Section(MONTHLY_TITLE, monthly, chart=True), *SECTIONS[3:])


@dataclass
class Dashboard:
    period: Period
    scopes: list[Scope]
    names: dict[Scope, str]
    figures: dict[tuple[str, Scope], Figure] = field(default_factory=dict)

    @property
    def sections(self) -> tuple[Section, ...]:
        return sections_of(self.period)

    @property
    def territory(self) -> Scope:
        return self.scopes[0]

    def figure(self, indicator: Indicator, scope: Scope) -> Figure:
        return self.figures[indicator.code, scope]

    def cells(self):
        """(indicator, scope, figure) for every figure, in the order of the page's tables."""
        for section in self.sections:
            for indicator in section.indicators:
                for scope in self.scopes:
                    yield indicator, scope, self.figure(indicator, scope)


def build_dashboard(session: Session, scope: Scope, period: Period, now: dt.datetime) -> Dashboard:
    scopes = comparison_scopes(session, scope)
    dashboard = Dashboard(period, scopes,
                          {each: scope_name(session, each) or each.code for each in scopes})
    for each in scopes:
        dashboard.figures.update(scope_figures(session, Selection(each, period), now))
    return dashboard


def scope_figures(session: Session, selection: Selection,
                  now: dt.datetime) -> dict[tuple[str, Scope], Figure]:
    """Every indicator of one scope and period, protected."""
    scope = selection.scope
    figures: dict[Indicator, Figure] = {
        BENEFICIARIES_EVER: protect_count(indicators.beneficiaries_ever(session, selection)),
        BENEFICIARIES_ACTIVE: protect_count(
            indicators.beneficiaries_active(session, selection, now)),
    }
    people, diverse = indicators.bookers(session, selection)
    figures[BOOKERS] = protect_count(people)
    figures[DIVERSE_BOOKERS] = protect_count(diverse)
    figures[DIVERSITY_SHARE] = as_percent(protect_ratio(figures[DIVERSE_BOOKERS],
                                                        figures[BOOKERS]))
    counts = indicators.bookings_by_category(session, selection)
    total = sum(counts.values(), BookingCounts())
    figures[BOOKINGS] = protect_count(total.bookings)
    figures[FREE_BOOKINGS] = protect_count(total.free)
    figures[QUANTITY] = protect_count(total.quantity)
    for category in CATEGORIES:
        in_category = counts.get(category, BookingCounts())
        figures[BOOKINGS_BY_CATEGORY[category]] = protect_count(in_category.bookings)
        figures[QUANTITY_BY_CATEGORY[category]] = protect_count(in_category.quantity)
    by_month = indicators.bookings_by_month(session, selection)
    for indicator in monthly_bookings(selection.period):
        figures[indicator] = protect_count(by_month.get(indicator.month.slug, Count()))
    amounts = indicators.amounts_by_category(session, selection)
    parts, figures[AMOUNT] = protect_amount_parts(
        {category: amounts.get(category, Amount()) for category in CATEGORIES},
        indicators.amount_total(session, selection),
    )
    for category, figure in parts.items():
        figures[AMOUNT_BY_CATEGORY[category]] = figure
    return {(indicator.code, scope): figure for indicator, figure in figures.items()}


def as_percent(ratio: Figure) -> Figure:
    """A published ratio as a percentage with one decimal, rounded once for page and CSV."""
    if ratio.is_secret:
        return ratio
    percent = (Decimal(ratio.value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Figure.published(percent, ratio.numerator, ratio.denominator)


@dataclass(frozen=True)
class Supply:
    """The cultural supply located in a scope today: public places and offers, no person."""

    bookable_offers: Figure
    venues_by_type: dict[VenueType, Figure]


def supply(session: Session, scope: Scope, now: dt.datetime) -> Supply:
    communes = scope.commune_codes()
    return Supply(
        protect_public_count(count_bookable_offers(session, now, communes)),
        {venue_type: protect_public_count(count) for venue_type, count
         in count_partner_venues_by_type(session, communes).items()},
    )
