"""Forms of the pro's ticket counter (Guichet)."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Regexp

from models.bookings.models import TOKEN_ALPHABET, TOKEN_LENGTH
from webapp.inputs import IdField

TOKEN_PATTERN = re.compile(rf"[{TOKEN_ALPHABET}]{{{TOKEN_LENGTH}}}\Z")
MALFORMED_TOKEN = _l(
    "Une contremarque compte 6 caractères : des lettres (sans I ni O) et des chiffres de 2 à 7."
)


def normalise_token(value: str | None) -> str | None:
    """Spaces ignored and case folded, as people read a ticket aloud or type it on a phone."""
    if value is None:
        return None
    return "".join(value.split()).upper()[:40]


class TokenForm(FlaskForm):
    """The token read on the ticket, typed or scanned."""

    token = StringField(
        _l("Contremarque"),
        filters=[normalise_token],
        validators=[InputRequired(_l("Saisis la contremarque.")),
                    Regexp(TOKEN_PATTERN, message=MALFORMED_TOKEN)],
    )


class CounterActionForm(FlaskForm):
    """Validate a booking, or undo its validation: the booking shown on the counter."""

    booking_id = IdField(validators=[InputRequired()])
