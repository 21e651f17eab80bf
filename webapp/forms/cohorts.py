"""The cohort file an officer uploads for its territory (docs/domain/7-territories.md)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class CohortUploadForm(FlaskForm):
    file = FileField(
        _l("Fichier CSV des effectifs"),
        validators=[FileRequired(_l("Choisis le fichier CSV des effectifs de ton territoire."))],
    )


class CohortRemoveForm(FlaskForm):
    """Only its CSRF token: going back to the estimate asks for nothing else."""
