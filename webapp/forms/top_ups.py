"""The officer's form for a local top-up programme.

The form reads what was typed (amounts in euros, dates, ages, categories); whether it holds
together (a budget covering one person, a period in order, not in the past) is the domain's
question (`models.top_ups.validation.check_draft`), whose messages the view shows beside their
field.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length

from models.offers.catalogue import CATEGORIES
from models.top_ups.validation import OLDEST, YOUNGEST, TopUpDraft
from webapp.forms.stocks import EuroField, FrenchDateField, MultiCheckboxField, Required
from webapp.inputs import DateInRange

AGES = range(YOUNGEST, OLDEST + 1)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _age_choices():
    return [SelectChoice(age, _l("%(age)s ans", age=age)) for age in AGES]


class TopUpForm(FlaskForm):
    name = StringField(_l("Nom du crédit local"), filters=[_strip], validators=[
        InputRequired(_l("Donne un nom au crédit local.")),
        Length(max=120, message=_l("Le nom fait 120 caractères au plus."))])
    amount_per_person = EuroField(_l("Montant par personne, en euros"), validators=[
        Required(_l("Indique le montant par personne."))])
    budget = EuroField(_l("Budget total, en euros"), validators=[
        Required(_l("Indique le budget total."))])
    # Unknown categories are refused by the domain, with its French message.
    categories = MultiCheckboxField(_l("Catégories d'offres payées"), validate_choice=False,
                                    choices=[SelectChoice(category.id, category.label)
                                             for category in CATEGORIES.values()])
    starts_on = FrenchDateField(_l("Premier jour"), validators=[
        Required(_l("Indique le premier jour.")), DateInRange()])
    ends_on = FrenchDateField(_l("Dernier jour"), validators=[
        Required(_l("Indique le dernier jour.")), DateInRange()])
    min_age = SelectField(_l("À partir de"), coerce=int, default=YOUNGEST, choices=_age_choices())
    max_age = SelectField(_l("Jusqu'à"), coerce=int, default=18, choices=_age_choices())

    def draft(self) -> TopUpDraft:
        return TopUpDraft(
            name=self.name.data or "", amount_per_person_cents=self.amount_per_person.data,
            budget_cents=self.budget.data, category_ids=tuple(self.categories.data or ()),
            starts_on=self.starts_on.data, ends_on=self.ends_on.data,
            min_age=self.min_age.data, max_age=self.max_age.data)
