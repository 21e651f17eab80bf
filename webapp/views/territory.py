"""The local governments' dashboards: the indicators of a territory, for a period, as a page and
as a CSV in the long format, both read from the same protected figures
(docs/domain/7-territories.md)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, request, url_for
from flask_babel import format_currency, format_date, format_decimal, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models.db import utcnow
from models.statistics.cohorts import upload_of, uploaded_cohorts
from models.statistics.dashboard import (
    Dashboard,
    Section,
    Unit,
    build_dashboard,
    supply,
)
from models.statistics.export import export_csv
from models.statistics.figures import Figure
from models.statistics.peers import PEER_LEVELS, automatic_peers, chosen_peers
from models.statistics.periods import (
    PARIS,
    Period,
    PeriodKind,
    default_period,
    parse_period,
    period_choices,
)
from models.statistics.scopes import Scope, comparison_scopes, parse_scope, scope_name
from models.territories.repository import validated_mandate
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.security import requires
from webapp.spreadsheet import BOM
from webapp.templating import category_label, render

blueprint = Blueprint("territory", __name__, url_prefix="/territoire")


@blueprint.get("/")
@requires(Capacity.TERRITORY)
def home():
    """Show the indicators of a territory the officer may read, for the period asked."""
    choices, dashboard = _requested_dashboard()
    return render(
        "territory/home.html",
        dashboard=dashboard,
        choices=choices,
        periods=offered_periods(dashboard.period),
        charts={section.title: bar_chart(dashboard, section)
                for section in dashboard.sections if section.chart},
        supply=supply(db.session, dashboard.territory, utcnow()),
        peers_offered=dashboard.territory.level in PEER_LEVELS,
        peers_shown=[dashboard.names[peer] for peer in dashboard.peers],
        own_territory=next(iter(choices)),
    )


@blueprint.get("/indicateurs.csv")
@requires(Capacity.TERRITORY)
def indicators_csv():
    """Download every indicator of the page, in the long format."""
    _, dashboard = _requested_dashboard()
    response = Response(BOM + export_csv(dashboard), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="indicateurs-{dashboard.territory.slug}-'
        f'{dashboard.period.slug}.csv"')
    return response


def _requested_dashboard() -> tuple[dict[Scope, str], Dashboard]:
    """The territories the officer may read (with their names), and the dashboard the URL names:
    the officer's own territory and the current year by default.

    Only the officer's territory and those it is compared with may be asked for: anything else
    is a 404, as is a period that does not exist.
    """
    mandate = validated_mandate(db.session, current_user.id)
    if mandate is None:
        abort(403)
    allowed = comparison_scopes(
        db.session, Scope.of_territory(mandate.territory_kind, mandate.territory_code))
    scope = parse_scope(request.args["territoire"]) if "territoire" in request.args else allowed[0]
    if scope not in allowed:
        abort(404)
    now = utcnow()
    period = requested_period(now)
    choices = {each: scope_name(db.session, each) or each.code for each in allowed}
    # The officer's own cohort figures replace the estimate on its own territory only.
    uploaded = uploaded_cohorts(upload_of(db.session, mandate))
    return choices, build_dashboard(db.session, scope, period, now,
                                    peers=requested_peers(scope),
                                    cohorts={allowed[0]: uploaded} if uploaded else None)


def requested_peers(scope: Scope) -> list[Scope]:
    """The peers the URL asks for: `pairs=auto` for those picked by population and density,
    or a comma-separated list of territories of the same level; none without `pairs`."""
    asked = request.args.get("pairs", "")
    if asked == "auto":
        return automatic_peers(db.session, scope)
    slugs = [parse_scope(slug) for slug in asked.split(",") if slug]
    return chosen_peers(db.session, scope, [each for each in slugs if each is not None])


def requested_period(now) -> Period:
    """The period the URL names, the current year by default; a 404 for one that does not exist.

    Only the rolling periods ending this month are kept up to date (docs/domain/7-territories.md,
    "Aggregates"): an older link to a rolling period (shared last month, say) is sent to the
    same number of months ending this month, the page saying so, rather than counted from the
    raw tables at each request (tens of seconds at national scale)."""
    period = (parse_period(request.args["periode"], now) if "periode" in request.args
              else default_period(now))
    if period is None:
        abort(404)
    current = _current_rolling(period, now)
    if current is not None:
        # The query as typed, but never a name url_for reads itself (`_external`, `_anchor`...)
        # nor one of the path's, which the path's own values win over.
        kept = {name: value for name, value in request.args.items() if not name.startswith("_")}
        arguments = {**kept, "periode": current.slug, "depuis": period.slug,
                     **(request.view_args or {})}
        abort(redirect(url_for(request.endpoint, **arguments)))
    return period


def _current_rolling(period: Period, now) -> Period | None:
    """The rolling period of the same length ending this month, when `period` ended earlier."""
    if period.kind is not PeriodKind.ROLLING:
        return None
    current = Period.rolling(len(period.months()), *_this_month(now))
    return current if current.last_month > period.last_month else None


def _this_month(now) -> tuple[int, int]:
    today = now.astimezone(PARIS).date()
    return today.year, today.month


@blueprint.app_template_global("moved_from")
def moved_from(shown: Period) -> Period | None:
    """The older rolling period an old link asked for, when `shown` replaces it (`depuis`)."""
    now = utcnow()
    asked = parse_period(request.args.get("depuis"), now)
    if asked is None or _current_rolling(asked, now) != shown:
        return None
    return asked


def offered_periods(shown: Period) -> list[Period]:
    """The periods of the form, with the one shown first when it is not among them."""
    choices = period_choices(utcnow())
    return choices if shown in choices else [shown, *choices]


@blueprint.app_template_global("period_label")
def period_label(period: Period) -> str:
    if period.kind is PeriodKind.YEAR:
        return gettext("Année %(year)s", year=period.first_day.year)
    if period.kind is PeriodKind.ROLLING:
        return gettext("%(count)s mois jusqu'à %(month)s", count=len(period.months()),
                       month=format_date(period.last_month, "MMMM y"))
    if period.kind is PeriodKind.QUARTER:
        return gettext("Trimestre %(quarter)s de %(year)s",
                       quarter=(period.first_day.month + 2) // 3, year=period.first_day.year)
    return format_date(period.first_day, "MMMM y").capitalize()


@blueprint.app_template_filter("statistic")
def statistic_text(figure: Figure, unit: Unit) -> str:
    """A published figure as people read it; a secret one as the reason it is withheld."""
    unit = Unit(unit)
    if figure.is_secret:
        return gettext(figure.reason)
    if unit is Unit.MONEY:
        return format_currency(figure.value / 100, "EUR")
    if unit is Unit.MEAN:
        return format_decimal(figure.value, format="#,##0.0")
    if unit is Unit.PERCENT:
        return gettext("%(percent)s %%", percent=format_decimal(figure.value, format="#,##0.0"))
    return format_decimal(figure.value)


def bar_chart(dashboard: Dashboard, section: Section) -> list[dict]:
    """The territory's published figures of a section as bar lengths, in percent of the
    longest; secret or empty cells get no bar (the table beside says why)."""
    figures = [(indicator, dashboard.figure(indicator, dashboard.territory))
               for indicator in section.indicators]
    longest = max((float(figure.value or 0) for _, figure in figures), default=0) or 1
    return [{"label": category_label(indicator.category) if indicator.category
             else period_label(indicator.month) if indicator.month else gettext(indicator.label),
             "figure": figure, "unit": indicator.unit,
             "length": round(100 * float(figure.value or 0) / longest, 1)}
            for indicator, figure in figures]


# The French words of `models/statistics` shown on the page, listed word for word so that
# extraction finds them (as webapp/domain_messages.py does for domain errors); a unit test
# checks that none is missing.
STATISTICS_MESSAGES = (
    _l("Secret statistique : moins de 4 partenaires"),
    _l("Secret statistique : un seul partenaire fait plus de 85 pour cent du montant"),
    _l("Secret statistique : moins de 20 personnes au dénominateur"),
    _l("Secret statistique : une partie du calcul est secrète"),
    _l("Secret statistique : masqué pour protéger une autre case du tableau"),
    _l("Bénéficiaires"),
    _l("Réservations"),
    _l("Réservations par catégorie"),
    _l("Places et articles réservés par catégorie"),
    _l("Montants par catégorie"),
    _l("Bénéficiaires depuis le début"),
    _l("Bénéficiaires avec un crédit en cours"),
    _l("Personnes ayant réservé"),
    _l("Personnes ayant réservé dans 3 catégories ou plus"),
    _l("Part des personnes ayant réservé dans 3 catégories ou plus"),
    _l("Réservations d'offres gratuites"),
    _l("Places et articles réservés"),
    _l("Montant des réservations"),
    _l("Réservations par mois"),
    _l("Diversité des pratiques"),
    _l("Numérique et sur place"),
    _l("Délai entre la réservation et l'événement"),
    _l("Score de diversification moyen des personnes ayant réservé"),
    _l("Réservations d'offres numériques"),
    _l("Réservations d'offres sur place"),
    _l("Part des réservations d'offres numériques"),
    _l("Montant des réservations chez les 10 premiers partenaires"),
    _l("Sans date (livres, abonnements…)"),
    _l("Moins d'un jour avant"),
    _l("De 1 à 7 jours avant"),
    _l("De 8 à 30 jours avant"),
    _l("Plus de 30 jours avant"),
    _l("Taux de recours par âge"),
    _l("Âge"),
    _l("15 ans"), _l("16 ans"), _l("17 ans"), _l("18 ans"), _l("19 ans"), _l("20 ans"),
)
