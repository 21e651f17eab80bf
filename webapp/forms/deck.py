"""The deck's "Revenir à l'offre précédente": which card to bring back."""

from flask_wtf import FlaskForm
from wtforms.validators import InputRequired

from webapp.inputs import IdField


class DeckUndoForm(FlaskForm):
    """Bring back the card answered last."""

    offer_id = IdField(validators=[InputRequired()])
