"""Forms of the booking journey."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from webapp.inputs import IdField


class BookingForm(FlaskForm):
    """Choose a date (or the only stock) and one or two places."""

    stock_id = IdField(validators=[InputRequired(_l("Choisis une date."))],
                       message=_l("Choisis une date."))
    quantity = IntegerField(
        default=1,
        validators=[NumberRange(1, 2, _l("Tu peux réserver une ou deux places."))],
    )


class CancelForm(FlaskForm):
    """Only the CSRF token: the booking is in the URL."""


class ReviewForm(FlaskForm):
    reaction = RadioField(
        _l("As-tu aimé ?"),
        choices=[("like", _l("J'ai aimé")), ("dislike", _l("Je n'ai pas aimé"))],
        validators=[InputRequired(_l("Dis-nous si tu as aimé."))],
    )
    text = TextAreaField(
        _l("Ton avis (facultatif, visible par les autres jeunes)"),
        validators=[Length(max=500, message=_l("Ton avis doit faire 500 caractères au plus."))],
    )


class ReportForm(FlaskForm):
    reason = TextAreaField(
        _l("Pourquoi signales-tu cet avis ?"),
        validators=[
            DataRequired(_l("Indique la raison du signalement.")),
            Length(max=300, message=_l("La raison doit faire 300 caractères au plus.")),
        ],
    )
    next = HiddenField()
