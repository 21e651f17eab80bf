"""Forms of the staff's moderation pages: deciding on offers and reviews, editing the rules.

The forms only read what staff type; whether a rule's settings hold together is the domain's
question (`models.moderation.validation.check_rule`), its messages shown beside the fields.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from models.moderation.models import RuleKind
from models.offers.catalogue import SUBCATEGORIES
from webapp.forms.stocks import EuroField, WholeNumberField
from webapp.inputs import MAX_ID

REASON_MAX_LENGTH = 1000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _reason_field(label):
    return TextAreaField(label, filters=[_strip], validators=[
        DataRequired(_l("Indique la raison : la personne concernée la lira.")),
        Length(max=REASON_MAX_LENGTH, message=_l("La raison fait 1000 caractères au plus."))])


class ActionForm(FlaskForm):
    """A button: the CSRF token is all it carries."""


class RejectOfferForm(FlaskForm):
    reason = _reason_field(_l("Raison du refus (la structure la lira)"))


class IdListField(Field):
    """The ids of the boxes ticked; anything that cannot be an id is refused in French."""

    def process_formdata(self, valuelist):
        self.data = []
        for value in valuelist:
            if not value.isdigit() or not 0 < int(value) <= MAX_ID:
                raise ValueError(_l("Cette sélection n'est pas valide. Recharge la page."))
            self.data.append(int(value))


class BulkApproveForm(FlaskForm):
    offer_ids = IdListField(_l("Offres à valider"))


class HideReviewForm(FlaskForm):
    reason = _reason_field(_l("Raison (l'auteur de l'avis la lira)"))


class SwitchRuleForm(FlaskForm):
    active = HiddenField(validators=[AnyOf(["on", "off"])])


class WatchStructureForm(FlaskForm):
    siren = StringField(_l("SIREN de la structure"), filters=[_strip], validators=[
        DataRequired(_l("Indique le SIREN de la structure."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    reason = _reason_field(_l("Pourquoi la surveiller (pour l'équipe)"))


class RuleForm(FlaskForm):
    label = StringField(_l("Nom de la règle"), filters=[_strip])


class WordsRuleForm(RuleForm):
    words = TextAreaField(_l("Mots ou expressions, un par ligne"), filters=[_strip])


class PriceRuleForm(RuleForm):
    subcategory_id = SelectField(_l("Sous-catégorie"), validate_choice=False)
    price_threshold = EuroField(_l("Prix au-dessus duquel l'offre est retenue (en euros)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subcategory_id.choices = [SelectChoice("", _l("Toutes les sous-catégories"))] + [
            SelectChoice(sub.id, label) for sub, label in sorted(
                ((sub, _l(sub.label)) for sub in SUBCATEGORIES.values()),
                key=lambda pair: str(pair[1]))]


class NewStructureRuleForm(RuleForm):
    first_offers = WholeNumberField(_l("Nombre de premières offres retenues"),
                                    render_kw={"inputmode": "numeric"})
    structure_age_days = WholeNumberField(
        _l("Structure validée depuis moins de (jours)"), render_kw={"inputmode": "numeric"})


RULE_FORMS = {
    RuleKind.WORDS: WordsRuleForm,
    RuleKind.PRICE: PriceRuleForm,
    RuleKind.NEW_STRUCTURE: NewStructureRuleForm,
    RuleKind.WATCHED_STRUCTURE: RuleForm,
}
# The kind in the URL of a new rule's form, in French (`?type=mots`).
KIND_SLUGS = {
    "mots": RuleKind.WORDS,
    "prix": RuleKind.PRICE,
    "nouvelle-structure": RuleKind.NEW_STRUCTURE,
    "structures-surveillees": RuleKind.WATCHED_STRUCTURE,
}
