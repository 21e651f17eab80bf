"""Forms of the discovery deck and the search page; their values live in the URL.

The search and deck filters are GET forms without CSRF token, so a search can be shared and
bookmarked; parameter names are short French words ("q", "categorie", "rayon"...).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask_babel import format_date, gettext, to_user_timezone
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from models.db import utcnow
from models.geo import Point
from models.offers.catalogue import CATEGORIES, SUBCATEGORIES, subcategories_of
from models.offers.models import MAX_STOCK_PRICE_CENTS
from models.search.budget import Budget
from models.search.criteria import (
    DEFAULT_RADIUS_KM,
    AccessibilityNeed,
    DateWindow,
    Format,
    SearchCriteria,
    Sort,
    date_window,
    window_days,
)
from models.territories.models import Commune
from models.territories.repository import resolve_commune
from webapp.forms.widgets import KeptSelect
from webapp.inputs import DateInRange, IdField

RADIUS_CHOICES = [
    ("5", _l("5 km")), ("10", _l("10 km")), ("20", _l("20 km")), ("50", _l("50 km")),
    ("100", _l("100 km")),
]
ALL_FRANCE = "france"
MAX_PRICE_EUROS = MAX_STOCK_PRICE_CENTS // 100

DATE_WINDOWS = {
    "aujourdhui": DateWindow.TODAY,
    "weekend": DateWindow.WEEKEND,
    "semaine": DateWindow.WEEK,
    "dates": DateWindow.CUSTOM,
}
FORMATS = {"sur_place": Format.ON_SITE, "en_ligne": Format.ONLINE}
SORTS = {
    "pertinence": Sort.RELEVANCE, "distance": Sort.DISTANCE, "date": Sort.DATE,
    "prix": Sort.PRICE,
}
NEEDS = {
    "auditif": AccessibilityNeed.HEARING,
    "psychique": AccessibilityNeed.MENTAL,
    "moteur": AccessibilityNeed.MOTOR,
    "visuel": AccessibilityNeed.VISUAL,
}


def category_choices() -> list[tuple[str, str]]:
    return [(category.id, _l(category.label)) for category in CATEGORIES.values()]


def subcategory_choices() -> list[tuple[str, str]]:
    return [(sub.id, _l(sub.label)) for sub in SUBCATEGORIES.values()]


class UrlForm(FlaskForm):
    """A form read from the query string: no CSRF token, unknown parameters ignored."""

    class Meta:
        csrf = False


class DeckFiltersForm(UrlForm):
    categorie = SelectMultipleField(_l("Catégories"), choices=category_choices,
                                    validate_choice=False)
    rayon = SelectField(_l("Distance maximale"), choices=RADIUS_CHOICES,
                        default=str(DEFAULT_RADIUS_KM), validate_choice=False,
                        widget=KeptSelect())
    gratuit = BooleanField(_l("Gratuit uniquement"))

    def category_ids(self) -> tuple[str, ...]:
        return tuple(value for value in self.categorie.data or () if value in CATEGORIES)

    def radius_km(self) -> int:
        valid = {value for value, _label in RADIUS_CHOICES}
        return int(self.rayon.data) if self.rayon.data in valid else DEFAULT_RADIUS_KM

    def query_args(self) -> dict:
        """The filters as URL parameters, defaults left out, for links and redirects."""
        args = {}
        if self.category_ids():
            args["categorie"] = list(self.category_ids())
        if self.radius_km() != DEFAULT_RADIUS_KM:
            args["rayon"] = self.radius_km()
        if self.gratuit.data:
            args["gratuit"] = 1
        return args


class DeckActionForm(FlaskForm):
    """Answer one card: the offer and the button pressed."""

    offer_id = IdField(validators=[InputRequired()])
    action = HiddenField(validators=[InputRequired()])

    def validate_action(self, field):
        if field.data not in ("like", "skip"):
            raise ValidationError(_l("Action inconnue."))


class CommuneForm(FlaskForm):
    """Choose a commune by name or postal code (see macros/commune_picker.html)."""

    lieu = StringField(_l("Ta commune"), validators=[Length(max=80)])
    commune = StringField(validators=[Optional(), Length(max=5)])

    def chosen_commune(self, session) -> tuple[Commune | None, list[Commune]]:
        """The commune posted, else the candidates to choose from; an error when none fits."""
        commune, candidates = resolve_commune(session, self.commune.data, self.lieu.data)
        if commune is None and not candidates:
            self.lieu.errors.append(_l("Aucune commune ne correspond : vérifie le nom ou le "
                                       "code postal."))
        return commune, candidates


class OfferFiltersForm(UrlForm):
    """The filters the search page and the map share, with the same parameter names."""

    categorie = SelectField(_l("Catégorie"), choices=lambda: [("", _l("Toutes"))]
                            + category_choices(), default="", widget=KeptSelect())
    quand = RadioField(_l("Quand ?"), choices=[
        ("", _l("N'importe quand")), ("aujourdhui", _l("Aujourd'hui")),
        ("weekend", _l("Ce week-end")), ("semaine", _l("Cette semaine")),
        ("dates", _l("Entre deux dates")),
    ], default="")
    du = DateField(_l("Du"), validators=[Optional(), DateInRange()])
    au = DateField(_l("Au"), validators=[Optional(), DateInRange()])
    gratuit = BooleanField(_l("Gratuit uniquement"))
    acces = SelectMultipleField(_l("Accessibilité"), choices=[
        ("auditif", _l("Handicap auditif")), ("psychique", _l("Handicap psychique ou mental")),
        ("moteur", _l("Handicap moteur")), ("visuel", _l("Handicap visuel")),
    ])

    def validate_au(self, field):
        if field.data and self.du.data and field.data < self.du.data:
            raise ValidationError(_l("La date de fin doit suivre la date de début."))

    def date_window(self) -> DateWindow | None:
        if self.quand.data in DATE_WINDOWS:
            return DATE_WINDOWS[self.quand.data]
        return DateWindow.CUSTOM if self.du.data or self.au.data else None

    def date_bounds(self, today: dt.date, zone: ZoneInfo) -> tuple[dt.datetime | None,
                                                                   dt.datetime | None]:
        window = self.date_window()
        if window is None:
            return None, None
        return date_window(window, today, zone, self.du.data, self.au.data)

    def accessibility_needs(self) -> frozenset[AccessibilityNeed]:
        return frozenset(NEEDS[need] for need in self.acces.data or () if need in NEEDS)

    def window_dates(self) -> dict[str, str]:
        """The days each named "when" choice covers now, said beside it ("sam. 14 – dim. 15
        mars"), so that "ce week-end" on a Sunday evening says it means today only."""
        today = to_user_timezone(utcnow()).date()
        return {value: _spell_days(*window_days(window, today))
                for value, window in DATE_WINDOWS.items() if window is not DateWindow.CUSTOM}


class SearchForm(OfferFiltersForm):
    q = StringField(_l("Que cherches-tu ?"), validators=[Length(max=100)])
    sous_categorie = SelectField(_l("Sous-catégorie"), choices=lambda: [("", _l("Toutes"))]
                                 + subcategory_choices(), default="", widget=KeptSelect())
    prix_min = IntegerField(_l("Prix minimum (€)"), validators=[
        Optional(), NumberRange(0, MAX_PRICE_EUROS, _l("Indique un prix entre 0 et 300 €.")),
    ])
    prix_max = IntegerField(_l("Prix maximum (€)"), validators=[
        Optional(), NumberRange(0, MAX_PRICE_EUROS, _l("Indique un prix entre 0 et 300 €.")),
    ])
    credit = BooleanField(_l("Dans mon crédit restant"))
    duo = BooleanField(_l("Duo (pour venir à deux)"))
    format = RadioField(_l("Format"), choices=[
        ("", _l("Sur place ou en ligne")), ("sur_place", _l("Sur place")),
        ("en_ligne", _l("En ligne")),
    ], default="")
    lieu = StringField(_l("Autour de"), validators=[Length(max=80)])
    commune = StringField(validators=[Optional(), Length(max=5)])
    rayon = SelectField(_l("Distance maximale"), choices=RADIUS_CHOICES
                        + [(ALL_FRANCE, _l("Toute la France"))], default=str(DEFAULT_RADIUS_KM),
                        widget=KeptSelect())
    tri = SelectField(_l("Trier par"), choices=[
        ("pertinence", _l("Pertinence")), ("distance", _l("Distance")),
        ("date", _l("Date")), ("prix", _l("Prix")),
    ], default="pertinence", widget=KeptSelect())
    page = IntegerField(default=1, validators=[Optional(), NumberRange(1, 500)])

    def validate_sous_categorie(self, field):
        chosen = SUBCATEGORIES.get(field.data or "")
        if chosen and self.categorie.data and chosen.category_id != self.categorie.data:
            raise ValidationError(_l("Cette sous-catégorie n'est pas dans la catégorie choisie."))

    def validate_prix_max(self, field):
        low = self.prix_min.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(_l("Le prix maximum doit être au moins le prix minimum."))

    def subcategory_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Subcategories under their category's label, for <optgroup>s."""
        return [
            (_l(category.label), [(sub.id, _l(sub.label)) for sub in subcategories_of(category.id)])
            for category in CATEGORIES.values()
        ]

    def radius_km(self) -> int | None:
        return None if self.rayon.data == ALL_FRANCE else int(self.rayon.data)

    def page_number(self) -> int:
        return self.page.data or 1

    def is_filtered(self) -> bool:
        """Whether any filter beyond the words, place and order is set."""
        return any((
            self.categorie.data, self.sous_categorie.data, self.date_window(),
            self.prix_min.data is not None, self.prix_max.data is not None, self.gratuit.data,
            self.credit.data, self.duo.data, self.format.data, self.acces.data,
        ))

    def criteria(self, center: Point | None, budget: Budget | None, today: dt.date,
                 zone: ZoneInfo) -> SearchCriteria:
        """The search these (valid) fields describe, around `center` when there is one."""
        starts, ends = self.date_bounds(today, zone)
        return SearchCriteria(
            text=(self.q.data or "").strip(),
            category_id=self.categorie.data or None,
            subcategory_id=self.sous_categorie.data or None,
            starts=starts,
            ends=ends,
            min_price_cents=_cents(self.prix_min.data),
            max_price_cents=_cents(self.prix_max.data),
            free_only=bool(self.gratuit.data),
            within_budget=budget if self.credit.data else None,
            duo_only=bool(self.duo.data),
            format=FORMATS.get(self.format.data or ""),
            accessibility=self.accessibility_needs(),
            center=center,
            radius_km=self.radius_km(),
            sort=SORTS.get(self.tri.data, Sort.RELEVANCE),
        )


def _spell_days(first: dt.date, last: dt.date) -> str:
    if first == last:
        return format_date(first, "EEE d MMM")
    return gettext("%(first)s – %(last)s", first=format_date(first, "EEE d MMM"),
                   last=format_date(last, "EEE d MMM"))


def _cents(euros: int | None) -> int | None:
    return None if euros is None else euros * 100
