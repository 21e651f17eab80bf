"""Forms of the account journey."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Adresse e-mail"),
        validators=[
            DataRequired(_l("Indique ton adresse e-mail.")),
            Length(max=254),
        ],
    )
    password = PasswordField(
        _l("Mot de passe"),
        validators=[DataRequired(_l("Indique ton mot de passe.")), Length(max=72)],
    )
