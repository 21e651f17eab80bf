"""Forms of a structure's members page: invite a colleague, and the buttons that change members."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length

from webapp.forms.account import EMAIL_MAX_LENGTH


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class InviteForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail de ta ou ton collègue"), filters=[_strip], validators=[
        DataRequired(_l("Indique l'adresse e-mail de la personne à inviter.")),
        Length(max=EMAIL_MAX_LENGTH,
               message=_l("Une adresse e-mail compte 254 caractères au plus.")),
        Email(message=_l("Indique une adresse e-mail valide, par exemple nom@exemple.fr."),
              allow_smtputf8=False),
    ])


class MemberActionForm(FlaskForm):
    """A button (join, revoke, remove): the CSRF token is all it carries."""
