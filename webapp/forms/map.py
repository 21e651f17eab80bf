"""Forms of the map: its filters and view live in the URL; the position is posted.

The filters use the search page's parameter names ("categorie", "quand", "gratuit", "acces",
"rayon"), so a link can carry them from one page to the other. The view adds "lat", "lon"
(its centre) and "z" (its zoom level); without them the map fits the search circle.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional

from models.geo import Point
from models.map.projection import MAX_ZOOM, MIN_ZOOM
from models.search.criteria import Format, SearchCriteria
from webapp.forms.search import RADIUS_CHOICES, OfferFiltersForm
from webapp.forms.widgets import KeptSelect

MAP_RADIUS_KM = 20
FILTER_NAMES = ("categorie", "quand", "du", "au", "gratuit", "acces", "rayon")


class MapFiltersForm(OfferFiltersForm):
    rayon = SelectField(_l("Distance maximale"), choices=RADIUS_CHOICES,
                        default=str(MAP_RADIUS_KM), widget=KeptSelect())
    lat = FloatField(validators=[Optional(), NumberRange(-85, 85)])
    lon = FloatField(validators=[Optional(), NumberRange(-180, 180)])
    z = IntegerField(validators=[Optional(), NumberRange(MIN_ZOOM, MAX_ZOOM)])
    page = IntegerField(default=1, validators=[Optional(), NumberRange(1, 1000)])

    def radius_km(self) -> int:
        # An unknown radius is refused by validation, but the page still draws its filters.
        valid = {value for value, _label in RADIUS_CHOICES}
        return int(self.rayon.data) if self.rayon.data in valid else MAP_RADIUS_KM

    def view_center(self) -> Point | None:
        if self.lat.data is None or self.lon.data is None:
            return None
        return Point(self.lat.data, self.lon.data)

    def is_filtered(self) -> bool:
        return any((self.categorie.data, self.quand.data, self.du.data, self.au.data,
                    self.gratuit.data, self.acces.data))

    def criteria(self, today: dt.date, zone: ZoneInfo) -> SearchCriteria:
        """The offers these (valid) filters ask for; the place is the map's business."""
        starts, ends = self.date_bounds(today, zone)
        return SearchCriteria(
            category_id=self.categorie.data or None,
            starts=starts,
            ends=ends,
            free_only=bool(self.gratuit.data),
            format=Format.ON_SITE,
            accessibility=self.accessibility_needs(),
            center=None,
            radius_km=self.radius_km(),
        )


class GeolocationForm(FlaskForm):
    """The coordinates the browser gave, on the person's request."""

    latitude = FloatField(validators=[InputRequired(), NumberRange(-90, 90)])
    longitude = FloatField(validators=[InputRequired(), NumberRange(-180, 180)])
