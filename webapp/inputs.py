"""Numbers and dates read from URLs and forms, kept within what the database and the calendar hold.

An id is an INTEGER column: 32 bits on PostgreSQL, 64 on SQLite, and an out-of-range number
makes the driver raise (`OverflowError` on SQLite) instead of simply finding nothing. Every
`<int:...>` of the URL map and every id field of a form therefore accepts only a number that can
be an id; anything else is an unknown page (404) or a French message on its field. Dates typed
in filters are kept within a range where adding a day or a time zone cannot overflow.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms import IntegerField
from wtforms.validators import NumberRange, StopValidation

from webapp.errors import render_error

MAX_ID = 2**31 - 1
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


class IdConverter(IntegerConverter):
    """`<int:...>` bounded to what an id column holds: any larger number is a 404."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = 0,
                 max: int | None = MAX_ID, signed: bool = False) -> None:
        bounded = max if max is not None and max < MAX_ID else MAX_ID
        super().__init__(map, fixed_digits, min, bounded, signed)


class IdField(IntegerField):
    """An integer field holding an id: a positive number a database column can hold."""

    def __init__(self, label=None, validators=None, message=None, **kwargs):
        bounds = NumberRange(1, MAX_ID, message or _l("Cette valeur n'est pas valide."))
        super().__init__(label, [*(validators or ()), bounds], **kwargs)


class DateInRange:
    """A date between `EARLIEST_DATE` and `LATEST_DATE`, else a French message on its field."""

    message = _l("Choisis une date entre l'an 2000 et l'an 2100.")

    def __call__(self, _form, field) -> None:
        if field.data is not None and not EARLIEST_DATE <= field.data <= LATEST_DATE:
            field.errors[:] = []
            raise StopValidation(self.message)


def _refuse_nul_characters():
    """No text a person types holds a NUL character, and PostgreSQL refuses to store or even
    compare one: a request carrying one gets a French 400 page before any view reads it."""
    values = [*request.args.values(), *(request.form.values() if request.form else ())]
    if any("\x00" in value for value in values):
        return render_error(400, _l("Le texte envoyé contient un caractère invisible qui n'est "
                                    "pas accepté. Retire-le, puis réessaie."))
    return None


def init_app(app: Flask) -> None:
    # Registered before the blueprints, so that every rule using `int` gets the bounded one.
    app.url_map.converters["int"] = IdConverter
    app.before_request(_refuse_nul_characters)
