"""Forms of the profile journey: personal data, identity check, staff review, account deletion."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Regexp

from models.identity.validation import MAX_REJECTION_REASON_LENGTH
from models.users.models import ActivityStatus

ACTIVITY_LABELS = {
    ActivityStatus.HIGH_SCHOOL: _l("Lycéen ou lycéenne"),
    ActivityStatus.STUDENT: _l("Étudiant ou étudiante"),
    ActivityStatus.APPRENTICE: _l("Apprenti ou apprentie"),
    ActivityStatus.EMPLOYEE: _l("Salarié ou salariée"),
    ActivityStatus.JOB_SEEKER: _l("En recherche d'emploi"),
    ActivityStatus.OTHER: _l("Autre situation"),
}

HONOUR_STATEMENT = _l(
    "Je certifie sur l'honneur l'exactitude des informations que j'ai fournies, "
    "et que la pièce d'identité envoyée est la mienne."
)


class PersonalDataForm(FlaskForm):
    """The fields both completion and edition ask for; the commune comes from the picker."""

    first_name = StringField(
        _l("Prénom"),
        validators=[
            DataRequired(_l("Indique ton prénom.")),
            Length(max=100, message=_l("Ton prénom doit faire 100 caractères au plus.")),
        ],
    )
    last_name = StringField(
        _l("Nom"),
        validators=[
            DataRequired(_l("Indique ton nom.")),
            Length(max=100, message=_l("Ton nom doit faire 100 caractères au plus.")),
        ],
    )
    address = StringField(
        _l("Adresse"),
        validators=[
            DataRequired(_l("Indique ton adresse.")),
            Length(max=200, message=_l("Ton adresse doit faire 200 caractères au plus.")),
        ],
    )
    # Rendered by the commune picker macro, not by WTForms: the typed text and the chosen code.
    commune_query = StringField(_l("Commune"), validators=[Length(max=80)])
    commune_code = StringField(validators=[Length(max=5)])
    postal_code = StringField(
        _l("Code postal"),
        validators=[
            DataRequired(_l("Indique ton code postal.")),
            Regexp(r"^\s*\d{5}\s*$", message=_l("Le code postal compte 5 chiffres.")),
        ],
    )
    activity = SelectField(
        _l("Ta situation"),
        choices=[SelectChoice("", _l("Choisis ta situation"))]
        + [SelectChoice(status.value, label) for status, label in ACTIVITY_LABELS.items()],
        validators=[DataRequired(_l("Indique ta situation."))],
    )


class CompleteProfileForm(PersonalDataForm):
    """First completion, before the identity check."""


class EditProfileForm(PersonalDataForm):
    """Later changes of the same data."""


class IdentityCheckForm(FlaskForm):
    document = FileField(
        _l("Photo ou scan de ta pièce d'identité"),
        validators=[FileRequired(_l("Choisis la photo ou le PDF de ta pièce d'identité."))],
    )
    honour_statement = BooleanField(
        HONOUR_STATEMENT,
        validators=[
            DataRequired(_l("Coche la déclaration sur l'honneur pour envoyer ta demande."))
        ],
    )


class ApproveCheckForm(FlaskForm):
    """Only the CSRF token: the check is in the URL."""


class RejectCheckForm(FlaskForm):
    reason = TextAreaField(
        _l("Raison du refus (la personne la lira)"),
        validators=[
            DataRequired(_l("Indique la raison du refus.")),
            Length(
                max=MAX_REJECTION_REASON_LENGTH,
                message=_l("La raison doit faire 1000 caractères au plus."),
            ),
        ],
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Mot de passe"),
        validators=[DataRequired(_l("Indique ton mot de passe pour confirmer.")), Length(max=72)],
    )
