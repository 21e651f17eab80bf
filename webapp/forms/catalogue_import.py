"""The bulk catalogue upload: which venue sells the references, and the CSV file.

The venue is chosen among the member's physical venues; a number that is not one of theirs is
answered by the view as "not found" (404), as for any other structure's object.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, SelectField
from wtforms.validators import StopValidation

from webapp.inputs import MAX_ID


def _venue_id(value) -> int | None:
    """The chosen id, or None for anything that cannot be an id (told beside the field)."""
    if isinstance(value, int):
        return value
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        return None
    return int(text)


def _venue_chosen(_form, field) -> None:
    if field.data is None:
        raise StopValidation(_l("Choisis le lieu qui vend ces références."))


class CatalogueImportForm(FlaskForm):
    venue_id = SelectField(_l("Lieu de vente"), coerce=_venue_id, validate_choice=False,
                           validators=[_venue_chosen])
    file = FileField(
        _l("Fichier CSV du catalogue"),
        validators=[FileRequired(_l("Choisis le fichier CSV de ton catalogue."))],
    )

    def offer_venues(self, venues) -> CatalogueImportForm:
        """List `venues` as the choices, with an empty first choice when there are several."""
        choices = [SelectChoice(venue.id, venue.display_name) for venue in venues]
        if len(choices) > 1:
            choices.insert(0, SelectChoice("", _l("Choisis un lieu")))
        self.venue_id.choices = choices
        return self
