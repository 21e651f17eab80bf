"""Forms of the pro's reimbursements: the bank details of a pricing point."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, Optional

HOLDER_REQUIRED = _l("Indique le titulaire du compte, tel qu'il figure sur le RIB.")


def _stripped(value: str | None) -> str | None:
    return value.strip()[:80] if value is not None else None


class BankAccountForm(FlaskForm):
    """A new account for a pricing point; the domain checks the IBAN and the BIC."""

    iban = StringField(
        _l("IBAN"), filters=[_stripped],
        validators=[InputRequired(_l("Saisis l'IBAN, tel qu'il figure sur ton RIB."))],
    )
    bic = StringField(_l("BIC (facultatif)"), filters=[_stripped], validators=[Optional()])
    holder = StringField(
        _l("Titulaire du compte"), filters=[_stripped],
        validators=[InputRequired(HOLDER_REQUIRED),
                    Length(max=140, message=_l("140 caractères au plus."))],
    )
