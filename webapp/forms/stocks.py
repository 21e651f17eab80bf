"""Forms of an offer's stocks: a thing's stock, an event's dates, price categories, recurrences.

Fields only read what was typed (a price in euros with a comma or a point, a date, a time);
the rules (0–300 €, places already booked, booking limit before the start, dates to come) are
checked by `models.offers.stocks`, whose errors the view puts beside their field.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    Field,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from webapp.inputs import DateInRange

MAX_QUANTITY = 1_000_000
MAX_LIMIT_AMOUNT = 365
PRICE_PATTERN = re.compile(r"\d{1,6}([.,]\d{1,2})?\Z")
WEEKDAYS = [
    SelectChoice(str(number), label) for number, label in enumerate(
        (_l("Lundi"), _l("Mardi"), _l("Mercredi"), _l("Jeudi"), _l("Vendredi"), _l("Samedi"),
         _l("Dimanche")))
]
LIMIT_UNITS = [SelectChoice("hours", _l("heures avant le début")),
               SelectChoice("days", _l("jours avant le début"))]


class EuroField(Field):
    """A price typed in euros ("12,50", "12.5", "12 €"), held in cents."""

    widget = TextInput()
    message = _l("Indique un prix en euros, par exemple 12,50.")

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "") or ""
        typed = self.raw.replace("€", "").replace(" ", "").replace("\u00a0", "")
        if not typed:
            self.data = None
            return
        if not PRICE_PATTERN.match(typed):
            self.data = None
            raise ValueError(self.message)
        try:
            self.data = int(Decimal(typed.replace(",", ".")) * 100)
        except InvalidOperation as error:  # pragma: no cover - the pattern already said no
            raise ValueError(self.message) from error

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{self.data // 100},{self.data % 100:02d}"


class FrenchDateField(DateField):
    """A date from a date picker (2026-03-20) or typed as people write it (20/03/2026)."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d/%m/%Y"], **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None  # left empty: the field's Required or Optional decides
            return
        try:
            super().process_formdata([valuelist[0].strip()])
        except ValueError as error:
            raise ValueError(_l("Indique une date, par exemple 20/03/2026.")) from error


class FrenchTimeField(TimeField):
    """A time from a time picker (20:30) or typed as "20h30"."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format="%H:%M", **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None  # left empty: the field's Required or Optional decides
            return
        typed = valuelist[0].strip().lower().replace("h", ":")
        typed = typed + "00" if typed.endswith(":") else typed
        valuelist = [typed[:5]]
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Indique une heure, par exemple 20:30.")) from error


class WholeNumberField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata([value.strip() for value in valuelist])
        except ValueError as error:
            raise ValueError(_l("Indique un nombre entier, par exemple 50.")) from error


def _id_or_none(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _quantity_field():
    return WholeNumberField(
        _l("Nombre de places"), validators=[
            Optional(), NumberRange(0, MAX_QUANTITY, _l("Indique un nombre de places entre 0 et "
                                                         "1 000 000, ou laisse vide."))],
        render_kw={"inputmode": "numeric"},
    )


def _price_category_field():
    # The domain checks the category belongs to the offer (`PriceCategoryRequired`).
    return SelectField(_l("Tarif"), coerce=_id_or_none, validate_choice=False,
                       validators=[InputRequired(_l("Choisis un tarif."))])


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class Required:
    """Required, with a French sentence, also for fields whose text could not be read."""

    def __init__(self, message):
        self.message = message

    def __call__(self, _form, field):
        if field.data is None and not field.process_errors:
            field.errors[:] = []
            raise StopValidation(self.message)


class ThingStockForm(FlaskForm):
    price = EuroField(_l("Prix (en euros)"), validators=[Required(_l("Indique un prix."))])
    quantity = _quantity_field()


class EventStockForm(FlaskForm):
    beginning_date = FrenchDateField(_l("Date"), validators=[
        Required(_l("Indique la date de l'événement.")), DateInRange()])
    beginning_time = FrenchTimeField(_l("Heure de début"), validators=[
        Required(_l("Indique l'heure de début."))])
    price_category_id = _price_category_field()
    quantity = _quantity_field()
    booking_limit_date = FrenchDateField(_l("Date limite de réservation (facultative)"),
                                         validators=[Optional(), DateInRange()])
    booking_limit_time = FrenchTimeField(_l("Heure limite de réservation (facultative)"),
                                         validators=[Optional()])


class PriceCategoryForm(FlaskForm):
    label = StringField(_l("Nom du tarif"), filters=[_strip], validators=[
        InputRequired(_l("Indique le nom du tarif.")),
        Length(max=50, message=_l("50 caractères au plus."))])
    price = EuroField(_l("Prix (en euros)"), validators=[Required(_l("Indique un prix."))])


class RecurrenceForm(FlaskForm):
    weekdays = MultiCheckboxField(_l("Jours de la semaine"), choices=WEEKDAYS, validators=[
        InputRequired(_l("Choisis au moins un jour de la semaine."))])
    time_1 = FrenchTimeField(_l("Horaire"), validators=[
        Required(_l("Indique au moins un horaire."))])
    time_2 = FrenchTimeField(_l("Deuxième horaire (facultatif)"), validators=[Optional()])
    time_3 = FrenchTimeField(_l("Troisième horaire (facultatif)"), validators=[Optional()])
    first_day = FrenchDateField(_l("Du"), validators=[
        Required(_l("Indique le premier jour de la période.")), DateInRange()])
    last_day = FrenchDateField(_l("Au"), validators=[
        Required(_l("Indique le dernier jour de la période.")), DateInRange()])
    price_category_id = _price_category_field()
    quantity = _quantity_field()
    limit_amount = WholeNumberField(_l("Fin des réservations (facultative)"), validators=[
        Optional(), NumberRange(0, MAX_LIMIT_AMOUNT, _l("Indique un nombre entre 0 et 365."))],
        render_kw={"inputmode": "numeric"})
    limit_unit = SelectField(_l("Unité"), choices=LIMIT_UNITS, default="days")

    def times(self) -> tuple[dt.time, ...]:
        return tuple(field.data for field in (self.time_1, self.time_2, self.time_3)
                     if field.data is not None)


# The fields a recurrence preview carries to its confirmation, as hidden inputs.
RECURRENCE_FIELDS = ("weekdays", "time_1", "time_2", "time_3", "first_day", "last_day",
                     "price_category_id", "quantity", "limit_amount", "limit_unit")


class ConfirmForm(FlaskForm):
    """A button confirming an action: the CSRF token is all it carries."""
