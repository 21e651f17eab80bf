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
from models.statistics.facts import NO_DATE
from models.statistics.figures import Figure
from models.statistics.indicators import BookingCounts, Selection
from models.statistics.names import offer_names, structure_names
from models.statistics.periods import Period
from models.statistics.scopes import Scope, comparison_scopes, scope_name
from models.statistics.secrecy import (
    Amount,
    Count,
    protect_amount,
    protect_amount_parts,
    protect_count,
    protect_public_count,
    protect_ratio,
)
from models.statistics.sources import Ranked, RawSource, source_for
from models.statistics.take_up import AGES, TakeUp, UploadedCohorts, beneficiaries_by_age, take_up
from models.statistics.take_up_aggregates import count_by_age_for


class Unit(StrEnum):
    PEOPLE = "people"
    BOOKINGS = "bookings"
    MONEY = "money"
    PERCENT = "percent"
    # A mean, shown with one decimal.
    MEAN = "mean"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: Unit
    category: str | None = None
    month: Period | None = None
    # The lead-time bucket of a booking-by-lead-time indicator (models.statistics.facts).
    lead: int | None = None


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
DIVERSIFICATION = Indicator("score_diversification_moyen",
                            "Score de diversification moyen des personnes ayant réservé",
                            Unit.MEAN)
DIGITAL_BOOKINGS = Indicator("reservations_numeriques", "Réservations d'offres numériques",
                             Unit.BOOKINGS)
ON_SITE_BOOKINGS = Indicator("reservations_sur_place", "Réservations d'offres sur place",
                             Unit.BOOKINGS)
DIGITAL_SHARE = Indicator("part_numerique", "Part des réservations d'offres numériques",
                          Unit.PERCENT)
LEAD_LABELS = {
    NO_DATE: "Sans date (livres, abonnements…)",
    1: "Moins d'un jour avant",
    2: "De 1 à 7 jours avant",
    3: "De 8 à 30 jours avant",
    4: "Plus de 30 jours avant",
}
BOOKINGS_BY_LEAD = {lead: Indicator(f"reservations_delai.{lead}", label, Unit.BOOKINGS,
                                    lead=lead) for lead, label in LEAD_LABELS.items()}
TAKE_UP_TITLE = "Taux de recours par âge"
TAKE_UP_BY_AGE = {age: Indicator(f"taux_recours.{age}", f"{age} ans", Unit.PERCENT)
                  for age in AGES}
TOP_PARTNERS_AMOUNT = Indicator("montant_10_premiers_partenaires",
                                "Montant des réservations chez les 10 premiers partenaires",
                                Unit.MONEY)


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
    # What the rows are, when they are neither indicators, categories nor months.
    row_heading: str | None = None


SECTIONS = (
    Section("Bénéficiaires", (BENEFICIARIES_EVER, BENEFICIARIES_ACTIVE)),
    Section(TAKE_UP_TITLE, tuple(TAKE_UP_BY_AGE.values()), chart=True, row_heading="Âge"),
    Section("Réservations", (BOOKERS, BOOKINGS, FREE_BOOKINGS, QUANTITY, AMOUNT,
                             TOP_PARTNERS_AMOUNT)),
    Section("Diversité des pratiques", (DIVERSE_BOOKERS, DIVERSITY_SHARE, DIVERSIFICATION)),
    Section("Numérique et sur place", (DIGITAL_BOOKINGS, ON_SITE_BOOKINGS, DIGITAL_SHARE)),
    Section("Réservations par catégorie", tuple(BOOKINGS_BY_CATEGORY.values()), True, True),
    Section("Délai entre la réservation et l'événement", tuple(BOOKINGS_BY_LEAD.values()),
            chart=True),
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
    return (*SECTIONS[:6], Section(MONTHLY_TITLE, monthly, chart=True), *SECTIONS[6:])


@dataclass
class Dashboard:
    period: Period
    # The territory first, then those it is compared with (enclosing ones, then peers).
    scopes: list[Scope]
    names: dict[Scope, str]
    figures: dict[tuple[str, Scope], Figure] = field(default_factory=dict)
    # The territory's top partners and offers, by published bookings.
    top_partners: list[TopEntry] = field(default_factory=list)
    top_offers: list[TopEntry] = field(default_factory=list)
    # The scopes shown as peers, the last ones of `scopes`.
    peers: list[Scope] = field(default_factory=list)
    # Take-up by age of each scope, with its beneficiaries and cohorts (models.statistics.take_up).
    take_up: dict[Scope, TakeUp] = field(default_factory=dict)

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


@dataclass(frozen=True)
class TopEntry:
    """A partner or an offer among the territory's top ones: its public name, its partner's
    name for an offer, and its published bookings."""

    name: str
    partner: str | None
    bookings: Figure


def build_dashboard(session: Session, scope: Scope, period: Period, now: dt.datetime, *,
                    raw: bool = False, peers: list[Scope] = (),
                    cohorts: dict[Scope, UploadedCohorts] | None = None) -> Dashboard:
    """The dashboard of a scope and period, beside its département, région, the country and
    `peers`; from the bookings themselves when `raw` (the benchmark and the tests compare both),
    else from the aggregates when they hold the period. `cohorts` replace the estimated age
    cohorts of the scopes they name (an officer's own territory)."""
    scopes = comparison_scopes(session, scope)
    peers = [peer for peer in peers if peer not in scopes]
    scopes += peers
    dashboard = Dashboard(period, scopes,
                          {each: scope_name(session, each) or each.code for each in scopes},
                          peers=peers)
    count_by_age = beneficiaries_by_age if raw else count_by_age_for(session, period, now)
    for each in scopes:
        selection = Selection(each, period)
        source = RawSource(session, selection) if raw else source_for(session, selection)
        dashboard.figures.update(scope_figures(session, selection, now, source))
        dashboard.take_up[each] = take_up(session, selection, now, (cohorts or {}).get(each),
                                          count_by_age)
        dashboard.figures.update({(TAKE_UP_BY_AGE[line.age].code, each): as_percent(line.rate)
                                  for line in dashboard.take_up[each].ages})
        if each == scope:
            dashboard.top_partners = _top_entries(session, source.top_partners(), offers=False)
            dashboard.top_offers = _top_entries(session, source.top_offers(), offers=True)
    return dashboard


def _top_entries(session: Session, ranked: list[Ranked], *, offers: bool) -> list[TopEntry]:
    partners = structure_names(session, {each.structure_id for each in ranked})
    titles = offer_names(session, [each.id for each in ranked]) if offers else {}
    return [TopEntry(titles.get(each.id, "") if offers else partners.get(each.id, ""),
                     partners.get(each.structure_id) if offers else None,
                     protect_count(each.bookings)) for each in ranked]


def scope_figures(session: Session, selection: Selection, now: dt.datetime,
                  source=None) -> dict[tuple[str, Scope], Figure]:
    """Every indicator of one scope and period, protected."""
    scope = selection.scope
    source = source or source_for(session, selection)
    ever, active = source.beneficiaries(now)
    figures: dict[Indicator, Figure] = {
        BENEFICIARIES_EVER: protect_count(ever),
        BENEFICIARIES_ACTIVE: protect_count(active),
    }
    people, diverse = source.bookers()
    figures[BOOKERS] = protect_count(people)
    figures[DIVERSE_BOOKERS] = protect_count(diverse)
    figures[DIVERSITY_SHARE] = as_percent(protect_ratio(figures[DIVERSE_BOOKERS],
                                                        figures[BOOKERS]))
    figures[DIVERSIFICATION] = as_mean(protect_ratio(
        protect_count(source.diversification()), figures[BOOKERS], share=False))
    channels = source.bookings_by_channel()
    figures[DIGITAL_BOOKINGS] = protect_count(channels.get(True, Count()))
    figures[ON_SITE_BOOKINGS] = protect_count(channels.get(False, Count()))
    leads = source.bookings_by_lead()
    for lead, indicator in BOOKINGS_BY_LEAD.items():
        figures[indicator] = protect_count(leads.get(lead, Count()))
    top = source.top_partners()
    figures[TOP_PARTNERS_AMOUNT] = protect_amount(Amount(
        sum(each.cents for each in top), sum(1 for each in top if each.cents > 0),
        max((each.cents for each in top), default=0)))
    counts = source.bookings_by_category()
    total = sum(counts.values(), BookingCounts())
    figures[BOOKINGS] = protect_count(total.bookings)
    figures[FREE_BOOKINGS] = protect_count(total.free)
    figures[QUANTITY] = protect_count(total.quantity)
    figures[DIGITAL_SHARE] = as_percent(protect_ratio(figures[DIGITAL_BOOKINGS],
                                                      figures[BOOKINGS]))
    for category in CATEGORIES:
        in_category = counts.get(category, BookingCounts())
        figures[BOOKINGS_BY_CATEGORY[category]] = protect_count(in_category.bookings)
        figures[QUANTITY_BY_CATEGORY[category]] = protect_count(in_category.quantity)
    by_month = source.bookings_by_month()
    for indicator in monthly_bookings(selection.period):
        figures[indicator] = protect_count(by_month.get(indicator.month.slug, Count()))
    amounts = source.amounts_by_category()
    parts, figures[AMOUNT] = protect_amount_parts(
        {category: amounts.get(category, Amount()) for category in CATEGORIES},
        source.amount_total(),
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


def as_mean(ratio: Figure) -> Figure:
    """A published mean with one decimal, rounded once for page and CSV."""
    if ratio.is_secret:
        return ratio
    mean = Decimal(ratio.value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Figure.published(mean, ratio.numerator, ratio.denominator)


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
