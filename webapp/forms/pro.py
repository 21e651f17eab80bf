"""Forms of the pro journey: signing up as a cultural actor, declaring or joining a structure,
deciding on requests.

The SIREN rule lives in `models.offerers.validation`; the form calls it so that the mistake is
shown beside its field, and `declare_structure` checks it again.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from models.offerers.exceptions import InvalidSiren
from models.offerers.models import VenueType
from models.offerers.validation import check_siren
from webapp.forms.account import SignUpForm, _check_new_password, _email_field, _password_field
from webapp.labels import VENUE_TYPE_LABELS

REASON_MAX_LENGTH = 1000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ProSignUpForm(FlaskForm):
    """The young people's sign-up without the date of birth: same address and password rules."""

    email = _email_field(_l("Adresse e-mail professionnelle"))
    password = _password_field(_l("Mot de passe"), _l("Choisis un mot de passe."))
    accept_terms = SignUpForm.accept_terms

    def validate_password(self, field) -> None:
        _check_new_password(self, field)


def _text(label, required_message, max_length):
    return StringField(label, filters=[_strip], validators=[
        DataRequired(required_message),
        Length(max=max_length, message=_l("Ce champ compte %(max)d caractères au plus.")),
    ])


class DeclareStructureForm(FlaskForm):
    siren = StringField(_l("SIREN"), filters=[_strip], validators=[
        DataRequired(_l("Indique le SIREN de ta structure.")), Length(max=20),
    ])
    name = _text(_l("Nom de la structure"), _l("Indique le nom de ta structure."), 140)
    address = _text(_l("Adresse"), _l("Indique l'adresse de ta structure."), 200)
    # Rendered by the commune picker macro, not by WTForms: the typed text and the chosen code.
    commune_query = StringField(_l("Commune"), validators=[Length(max=80)])
    commune_code = StringField(validators=[Length(max=5)])
    venue_name = _text(_l("Nom de ton premier lieu"), _l("Indique le nom de ton lieu."), 140)
    venue_type = SelectField(
        _l("Type de lieu"),
        choices=[SelectChoice("", _l("Choisis un type de lieu"))] + [
            SelectChoice(venue_type.value, label)
            for venue_type, label in VENUE_TYPE_LABELS.items()
            if venue_type is not VenueType.DIGITAL
        ],
        validators=[DataRequired(_l("Choisis le type de ton lieu."))],
    )

    def validate_siren(self, field) -> None:
        try:
            check_siren((field.data or "").replace(" ", ""))
        except InvalidSiren as error:
            raise ValidationError(_(error.message)) from error


class DecisionForm(FlaskForm):
    """A button: the CSRF token is all it carries."""


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Raison du refus (la personne la lira)"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Indique la raison du refus.")),
            Length(max=REASON_MAX_LENGTH,
                   message=_l("La raison doit faire 1000 caractères au plus.")),
        ],
    )


def reason_form_for(membership_id: int, **kwargs) -> ReasonForm:
    """One form per request on a page listing several: the prefix keeps their ids apart."""
    return ReasonForm(prefix=f"demande-{membership_id}", **kwargs)
