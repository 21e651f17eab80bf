"""The notifications page's buttons: a POST with its CSRF token, nothing else."""

from flask_wtf import FlaskForm


class MarkReadForm(FlaskForm):
    pass
