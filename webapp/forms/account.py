"""Forms of the account journey: one per action.

Rules (password strength, age) live in `models.users.validation`; the forms call them so that
every mistake of a submission is shown at once, beside its field, and the domain commands check
them again.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, Field, PasswordField
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, Email, Length, StopValidation, ValidationError

from models.db import utcnow
from models.users.exceptions import UserError, WeakPassword
from models.users.validation import (
    PASSWORD_MAX_LENGTH,
    check_date_of_birth,
    check_password_strength,
    signup_day,
)

# Generous bounds on what is read from a request, far above any real value.
EMAIL_MAX_LENGTH = 254
PASSWORD_INPUT_MAX_LENGTH = 200


def weak_password_message(error: WeakPassword) -> str:
    """The refusal followed by the rules still to meet, in the person's language."""
    rules = ", ".join(_lower_first(_(rule.label)) for rule in error.missing)
    return _("%(refusal)s À revoir : %(rules)s.", refusal=_(error.message), rules=rules)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field(label, *, check_format=True):
    """An e-mail field; signing in does not check the format, it looks the address up."""
    validators = [
        DataRequired(_l("Indique ton adresse e-mail.")),
        Length(max=EMAIL_MAX_LENGTH,
               message=_l("Une adresse e-mail compte 254 caractères au plus.")),
    ]
    if check_format:
        validators.append(Email(
            message=_l("Indique une adresse e-mail valide, par exemple nom@exemple.fr."),
            allow_smtputf8=False,
        ))
    return EmailField(label, filters=[_strip], validators=validators)


def _password_field(label, required_message, max_length=PASSWORD_INPUT_MAX_LENGTH):
    return PasswordField(
        label,
        validators=[
            DataRequired(required_message),
            Length(max=max_length, message=_l("Un mot de passe compte 72 caractères au plus.")),
        ],
    )


def _check_new_password(_form, field) -> None:
    try:
        check_password_strength(field.data or "")
    except WeakPassword as error:
        raise ValidationError(weak_password_message(error)) from error


class DateOfBirthField(Field):
    """A date typed in three boxes, day, month and year, as people remember their birthday.

    Three boxes are easier than a date picker for a date decades back, and work the same in
    every browser and with every assistive technology. The boxes are named `<name>-day`,
    `<name>-month` and `<name>-year`; the day box carries the field's id, so a link to the
    field lands in the first box.
    """

    PARTS = ("day", "month", "year")

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.parts = dict.fromkeys(self.PARTS, "")
        if formdata is None:
            return
        self.parts = {
            part: formdata.get(f"{self.name}-{part}", "")[:10].strip() for part in self.PARTS
        }
        self.raw_data = [value for value in self.parts.values() if value]
        self.data = None
        if not all(self.parts.values()):
            return
        try:
            day, month, year = (int(self.parts[part]) for part in self.PARTS)
            self.data = dt.date(year, month, day)
        except (ValueError, OverflowError):
            self.process_errors.append(
                _l("Indique une date de naissance qui existe, par exemple 27 3 2008.")
            )

    def part_id(self, part: str) -> str:
        return self.id if part == "day" else f"{self.id}-{part}"


class LoginForm(FlaskForm):
    email = _email_field(_l("Adresse e-mail"), check_format=False)
    password = _password_field(_l("Mot de passe"), _l("Indique ton mot de passe."),
                               max_length=PASSWORD_MAX_LENGTH)


class SignUpForm(FlaskForm):
    email = _email_field(_l("Adresse e-mail"))
    password = _password_field(_l("Mot de passe"), _l("Choisis un mot de passe."))
    date_of_birth = DateOfBirthField(_l("Date de naissance"))
    accept_terms = BooleanField(
        _l("J'accepte les conditions générales d'utilisation"),
        validators=[
            DataRequired(
                _l("Accepte les conditions générales d'utilisation pour créer ton compte.")
            )
        ],
    )

    def validate_password(self, field) -> None:
        _check_new_password(self, field)

    def validate_date_of_birth(self, field) -> None:
        if field.process_errors:
            raise StopValidation()
        if field.data is None:
            raise StopValidation(_("Indique ta date de naissance : jour, mois et année."))
        try:
            check_date_of_birth(field.data, signup_day(utcnow()))
        except UserError as error:
            raise ValidationError(_(error.message)) from error


class ForgottenPasswordForm(FlaskForm):
    email = _email_field(_l("Adresse e-mail de ton compte"))


class NewPasswordForm(FlaskForm):
    password = _password_field(_l("Nouveau mot de passe"), _l("Choisis un mot de passe."))

    def validate_password(self, field) -> None:
        _check_new_password(self, field)


class ChangePasswordForm(FlaskForm):
    current_password = _password_field(
        _l("Mot de passe actuel"), _l("Indique ton mot de passe actuel.")
    )
    password = _password_field(_l("Nouveau mot de passe"), _l("Choisis un nouveau mot de passe."))

    def validate_password(self, field) -> None:
        _check_new_password(self, field)


class ChangeEmailForm(FlaskForm):
    email = _email_field(_l("Nouvelle adresse e-mail"))
    current_password = _password_field(
        _l("Mot de passe actuel"), _l("Indique ton mot de passe actuel.")
    )


class ConfirmationForm(FlaskForm):
    """A button alone: resending a link, confirming a change of address."""
