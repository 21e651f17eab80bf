"""The filters of the pro bookings list and its export; their values live in the URL.

A GET form without CSRF token, so a filtered list can be bookmarked, shared with a colleague
and exported as it is shown. Parameter names are short French words (lieu, offre, date, du,
au, statut, apres). docs/domain/5-bookings.md, "Pro list and export".
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import Select, html_params

from models.bookings.models import BookingStatus
from models.bookings.pro_repository import BookingFilters, Cursor
from webapp.forms.search import UrlForm
from webapp.inputs import EARLIEST_DATE, LATEST_DATE, MAX_ID, DateInRange

STATUS_LABELS = {
    BookingStatus.CONFIRMED: _l("Réservée"),
    BookingStatus.USED: _l("Validée"),
    BookingStatus.CANCELLED: _l("Annulée"),
    BookingStatus.REIMBURSED: _l("Remboursée"),
}
# The keyset of the next page: the booking instant in microseconds since the epoch, then the id.
CURSOR_PATTERN = re.compile(r"(\d{1,17})-(\d{1,10})")
UTC = dt.UTC


class FilterDateField(DateField):
    """A date typed in a filter; a value that is not a date gets a French message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Saisis une date valide, par exemple 14/03/2026.")) from error


class PlainSelect(Select):
    """A select whose options are written in one pass: WTForms' own widget takes 10 ms for the
    500 offers a bookshop may have, more than the database takes to find its bookings."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        chosen = field.data or ""
        options = "".join(
            f'<option value="{escape(choice.value)}"'
            f'{" selected" if choice.value == chosen else ""}>{escape(choice.label)}</option>'
            for choice in field.choices)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")


def _day_bounds(day: dt.date | None, zone: ZoneInfo) -> tuple[dt.datetime | None,
                                                             dt.datetime | None]:
    if day is None:
        return None, None
    start = dt.datetime.combine(day, dt.time(), zone)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)


class BookingFiltersForm(UrlForm):
    """Venue, offer, event date, booking period and status; every one is optional."""

    lieu = SelectField(_l("Lieu"), validators=[Optional()], validate_choice=False,
                       widget=PlainSelect())
    offre = SelectField(_l("Offre"), validators=[Optional()], validate_choice=False,
                        widget=PlainSelect())
    date = FilterDateField(_l("Date de l'évènement"), validators=[Optional(), DateInRange()])
    du = FilterDateField(_l("Réservées à partir du"), validators=[Optional(), DateInRange()])
    au = FilterDateField(_l("Réservées jusqu'au"), validators=[Optional(), DateInRange()])
    statut = SelectField(_l("Statut"), validators=[Optional()], validate_choice=False,
                         choices=[SelectChoice("", _l("Tous les statuts")),
                                  *(SelectChoice(status.value, label) for status, label in
                                    STATUS_LABELS.items())])
    apres = StringField(validators=[Optional()])

    def set_choices(self, venues, offers) -> None:
        """The member's venues and offers, as (id, name) pairs, for choices; "all" first."""
        self.lieu.choices = [SelectChoice("", _l("Tous les lieux")),
                             *(SelectChoice(str(venue_id), name) for venue_id, name in venues)]
        self.offre.choices = [SelectChoice("", _l("Toutes les offres")),
                              *(SelectChoice(str(offer_id), name) for offer_id, name in offers)]

    def requested_offer_id(self) -> int | None:
        """The offer asked for in the URL, if it is a number an id can be."""
        value = (self.offre.data or "").strip()
        return int(value) if value.isdigit() and 0 < int(value) <= MAX_ID else None

    def validate_lieu(self, field):
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choisis un lieu de la liste."))

    def validate_offre(self, field):
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choisis une offre de la liste."))

    def validate_statut(self, field):
        if field.data and field.data not in {status.value for status in BookingStatus}:
            raise ValidationError(_l("Choisis un statut de la liste."))

    def validate_au(self, field):
        if field.data and self.du.data and field.data < self.du.data:
            raise ValidationError(_l("La fin de la période doit suivre son début."))

    def validate_apres(self, field):
        if field.data and self.cursor() is None:
            raise ValidationError(_l("Ce lien de page n'est pas valide : reviens à la "
                                     "première page."))

    def filters(self, structure_ids, zone: ZoneInfo) -> BookingFilters:
        """What the list and the export read, dates taken as whole days in `zone`."""
        event_from, event_until = _day_bounds(self.date.data, zone)
        booked_from, _ = _day_bounds(self.du.data, zone)
        _, booked_until = _day_bounds(self.au.data, zone)
        return BookingFilters(
            structure_ids=tuple(structure_ids),
            venue_id=int(self.lieu.data) if self.lieu.data else None,
            offer_id=int(self.offre.data) if self.offre.data else None,
            event_from=event_from, event_until=event_until,
            booked_from=booked_from, booked_until=booked_until,
            status=BookingStatus(self.statut.data) if self.statut.data else None,
        )

    def cursor(self) -> Cursor | None:
        match = CURSOR_PATTERN.fullmatch((self.apres.data or "").strip())
        if match is None or not 0 < int(match.group(2)) <= MAX_ID:
            return None
        try:
            moment = dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(
                microseconds=int(match.group(1)))
        except OverflowError:
            return None
        if not EARLIEST_DATE <= moment.date() <= LATEST_DATE:
            return None
        return Cursor(moment, int(match.group(2)))

    def query_args(self) -> dict:
        """The filters as URL parameters, empty ones left out, for links (pages, export)."""
        return {name: self[name].raw_data[0] for name in ("lieu", "offre", "date", "du", "au",
                                                          "statut")
                if self[name].raw_data and self[name].raw_data[0]}


def cursor_value(cursor: Cursor) -> str:
    """The `apres` parameter that continues the list after `cursor`."""
    since_epoch = cursor.booked_at.astimezone(UTC) - dt.datetime(1970, 1, 1, tzinfo=UTC)
    microseconds = (since_epoch.days * 86_400 + since_epoch.seconds) * 1_000_000 \
        + since_epoch.microseconds
    return f"{microseconds}-{cursor.booking_id}"
