"""The forms of the staff support pages and of the audit log (docs/domain/support.md)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from models.bookings.models import CancellationReason
from webapp.forms.pro_bookings import FilterDateField
from webapp.forms.search import UrlForm
from webapp.inputs import MAX_ID, DateInRange

REASON_MAX_LENGTH = 500


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _reason_field(label):
    return TextAreaField(label, filters=[_strip], validators=[
        DataRequired(_l("Indique la raison : elle est gardée dans le journal.")),
        Length(max=REASON_MAX_LENGTH,
               message=_l("La raison doit faire 500 caractères au plus.")),
    ])


class PersonSearchForm(UrlForm):
    q = StringField(_l("E-mail, nom ou contremarque"), filters=[_strip], validators=[
        Length(max=254, message=_l("La recherche doit faire 254 caractères au plus."))])


class ReasonForm(FlaskForm):
    """An action staff must justify: the reason goes to the audit log."""

    reason = _reason_field(_l("Raison (gardée dans le journal)"))


class CancelForm(FlaskForm):
    kind = RadioField(
        _l("Motif"), default=CancellationReason.STAFF.value,
        choices=[SelectChoice(CancellationReason.STAFF.value, _l("Décision de l'équipe")),
                 SelectChoice(CancellationReason.FRAUD.value, _l("Fraude"))],
        validators=[DataRequired(_l("Choisis un motif."))])
    reason = _reason_field(_l("Raison de l'annulation (la personne la lira)"))


class MarkUsedForm(FlaskForm):
    """Marking a booking used: the person is told, with the reason (docs/domain/support.md)."""

    reason = _reason_field(_l("Raison (la personne la lira)"))


class ButtonForm(FlaskForm):
    """A button: the CSRF token is all it carries."""


class AuditFiltersForm(UrlForm):
    """The audit log's filters, all optional, read from the URL."""

    acteur = IntegerField(_l("Identifiant de l'auteur"), validators=[
        Optional(), NumberRange(min=1, max=MAX_ID, message=_l("Saisis un identifiant valide."))])
    action = StringField(_l("Action"), filters=[_strip], validators=[
        Optional(), Length(max=60, message=_l("L'action fait 60 caractères au plus."))])
    objet = StringField(_l("Type d'objet"), filters=[_strip], validators=[
        Optional(), Length(max=40, message=_l("Le type fait 40 caractères au plus."))])
    numero = StringField(_l("Identifiant de l'objet"), filters=[_strip], validators=[
        Optional(), Length(max=40, message=_l("L'identifiant fait 40 caractères au plus."))])
    du = FilterDateField(_l("Du"), validators=[Optional(), DateInRange()])
    au = FilterDateField(_l("Au"), validators=[Optional(), DateInRange()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=10_000)])

    def validate_au(self, field):
        if field.data and self.du.data and field.data < self.du.data:
            raise ValidationError(_l("La fin de la période doit suivre son début."))
