"""The staff's form for a future credit programme.

The form reads what was typed (a date, amounts in euros, ages); whether the programme holds
together (starts after today, no other programme for its ages) is the domain's question
(`models.credit.programmes.check_draft`), whose messages the view shows beside their field.
"""

from __future__ import annotations

import hashlib

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from models.credit.models import ExpiryRule
from models.credit.programmes import FIRST_AGE, LAST_AGE, ProgrammeDraft
from webapp.forms.stocks import EuroField, FrenchDateField, Required, WholeNumberField
from webapp.inputs import DateInRange

AGES = range(FIRST_AGE, LAST_AGE)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ProgrammeForm(FlaskForm):
    name = StringField(_l("Nom du programme"), filters=[_strip], validators=[
        InputRequired(_l("Donne un nom au programme.")),
        Length(max=120, message=_l("Le nom fait 120 caractères au plus."))])
    starts_on = FrenchDateField(_l("Premier jour"), validators=[
        Required(_l("Indique le premier jour du programme.")), DateInRange()])
    min_signup_age = SelectField(
        _l("Ouvert à partir de"), coerce=int, default=FIRST_AGE,
        choices=[SelectChoice(age, _l("%(age)s ans", age=age)) for age in AGES])
    max_signup_age = SelectField(
        _l("Jusqu'à la veille de"), coerce=int, default=LAST_AGE,
        choices=[SelectChoice(age, _l("%(age)s ans", age=age)) for age in range(16, 20)])
    amount_15 = EuroField(_l("Montant à 15 ans (en euros)"))
    amount_16 = EuroField(_l("Montant à 16 ans (en euros)"))
    amount_17 = EuroField(_l("Montant à 17 ans (en euros)"))
    amount_18 = EuroField(_l("Montant à 18 ans (en euros)"))
    expiry_rule = SelectField(_l("Fin du crédit"), default=ExpiryRule.BIRTHDAY.value, choices=[
        SelectChoice(ExpiryRule.BIRTHDAY.value, _l("à un anniversaire")),
        SelectChoice(ExpiryRule.MONTHS_AFTER_GRANT.value,
                     _l("un nombre de mois après l'ouverture"))])
    expiry_value = WholeNumberField(_l("Âge ou nombre de mois"), default=21, validators=[
        InputRequired(_l("Indique l'âge ou le nombre de mois.")),
        NumberRange(1, 60, _l("Indique un nombre entre 1 et 60."))])
    digital_cap = EuroField(_l("Plafond du numérique (en euros, facultatif)"),
                            validators=[Optional()])
    physical_cap = EuroField(_l("Plafond des biens physiques (en euros, facultatif)"),
                             validators=[Optional()])
    previewed = HiddenField()

    def amount_fields(self):
        return [getattr(self, f"amount_{age}") for age in AGES]

    def draft(self) -> ProgrammeDraft:
        return ProgrammeDraft(
            name=self.name.data or "", starts_on=self.starts_on.data,
            min_signup_age=self.min_signup_age.data, max_signup_age=self.max_signup_age.data,
            amounts={age: getattr(self, f"amount_{age}").data or 0 for age in AGES},
            expiry_rule=ExpiryRule(self.expiry_rule.data), expiry_value=self.expiry_value.data,
            digital_cap_cents=self.digital_cap.data, physical_cap_cents=self.physical_cap.data,
        )

    def fingerprint(self) -> str:
        """What was previewed: creating needs the very values staff saw in the preview."""
        draft = self.draft()
        text = repr((draft.name, draft.starts_on, draft.min_signup_age, draft.max_signup_age,
                     sorted(draft.amounts.items()), draft.expiry_rule.value, draft.expiry_value,
                     draft.digital_cap_cents, draft.physical_cap_cents))
        return hashlib.sha256(text.encode()).hexdigest()[:32]


class ActionForm(FlaskForm):
    """A button: the CSRF token is all it carries."""
