"""Forms of the pro's venues: a physical venue, the virtual venue, and where the map was drawn.

The SIRET and phone rules live in `models.offerers.validation`; the form calls them so that each
mistake is shown beside its field, and the domain commands check them again. What needs the
database (a SIRET already taken, the pricing point) comes back from the command as a
`VenueError` naming its field (`attach_error`).
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    FloatField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import TextInput

from models.map.projection import MAX_ZOOM, MIN_ZOOM
from models.offerers.exceptions import InvalidPhone, InvalidSiret, VenueError
from models.offerers.models import Venue, VenueType
from models.offerers.validation import check_siret, normalized_phone
from models.offerers.venues import VenueDetails
from models.territories.models import Commune
from webapp.labels import VENUE_TYPE_LABELS

TEXT_MAX_LENGTH = 1000
ACCESSIBILITY_FIELDS = ("accessibility_motor", "accessibility_hearing", "accessibility_visual",
                        "accessibility_mental")
ANSWERS = {"oui": True, "non": False, "inconnu": None}
# The map is drawn close enough to tell streets apart, far enough to see the commune around.
DEFAULT_MAP_ZOOM = 15


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _length(maximum: int) -> Length:
    return Length(max=maximum, message=_l("Ce champ compte %(max)d caractères au plus."))


class CoordinateField(FloatField):
    """A decimal number typed the French way (43,61) or the English way (43.61).

    A text input, not a number one: browsers read a number input in their own locale and may
    send nothing for the other way of writing decimals.
    """

    widget = TextInput()

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = float(valuelist[0].strip().replace(",", "."))
        except ValueError as error:
            self.data = None
            raise ValueError(_("Indique un nombre, par exemple 43,6108.")) from error

    def pre_validate(self, form) -> None:
        # A number that could not be read has its message already; its range means nothing.
        if self.process_errors:
            raise StopValidation()


def _accessibility(label) -> RadioField:
    return RadioField(label, default="inconnu", choices=[
        SelectChoice("oui", _l("Oui")), SelectChoice("non", _l("Non")),
        SelectChoice("inconnu", _l("Je ne sais pas")),
    ], validators=[DataRequired(_l("Choisis une réponse."))])


class VirtualVenueForm(FlaskForm):
    """The virtual venue has only names: its offers happen online."""

    name = StringField(_l("Nom du lieu"), filters=[_strip], validators=[
        DataRequired(_l("Indique le nom du lieu.")), _length(140)])
    public_name = StringField(_l("Nom public (facultatif)"), filters=[_strip],
                              validators=[_length(140)])


class VenueForm(VirtualVenueForm):
    siret = StringField(_l("SIRET (facultatif)"), filters=[_strip], validators=[_length(20)])
    venue_type = SelectField(
        _l("Type de lieu"),
        choices=[SelectChoice("", _l("Choisis un type de lieu"))] + [
            SelectChoice(venue_type.value, label)
            for venue_type, label in VENUE_TYPE_LABELS.items()
            if venue_type is not VenueType.DIGITAL
        ],
        validators=[DataRequired(_l("Choisis le type du lieu."))],
    )
    address = StringField(_l("Adresse"), filters=[_strip], validators=[
        DataRequired(_l("Indique l'adresse du lieu.")), _length(200)])
    # Rendered by the commune picker macro, not by WTForms: the typed text and the chosen code.
    commune_query = StringField(_l("Commune"), validators=[Length(max=80)])
    commune_code = StringField(validators=[Length(max=5)])
    latitude = CoordinateField(_l("Latitude"), validators=[
        Optional(), NumberRange(-90, 90, _l("La latitude va de -90 à 90."))])
    longitude = CoordinateField(_l("Longitude"), validators=[
        Optional(), NumberRange(-180, 180, _l("La longitude va de -180 à 180."))])
    # Where the clickable map was drawn, so that a click on it can be turned into a point.
    map_latitude = HiddenField()
    map_longitude = HiddenField()
    map_zoom = HiddenField()
    accessibility_motor = _accessibility(_l("Accessible aux personnes en situation de handicap "
                                            "moteur ?"))
    accessibility_hearing = _accessibility(_l("Accessible aux personnes en situation de "
                                              "handicap auditif ?"))
    accessibility_visual = _accessibility(_l("Accessible aux personnes en situation de "
                                             "handicap visuel ?"))
    accessibility_mental = _accessibility(_l("Accessible aux personnes en situation de "
                                             "handicap psychique ou cognitif ?"))
    opening_hours = TextAreaField(_l("Horaires d'ouverture (facultatif)"), filters=[_strip],
                                  validators=[_length(TEXT_MAX_LENGTH)])
    withdrawal_details = TextAreaField(_l("Modalités de retrait (facultatif)"), filters=[_strip],
                                       validators=[_length(TEXT_MAX_LENGTH)])
    email = EmailField(_l("E-mail de contact (facultatif)"), filters=[_strip], validators=[
        Optional(), _length(254),
        Email(_l("Indique une adresse e-mail valide, par exemple nom@exemple.fr."),
              allow_smtputf8=False),
    ])
    phone = StringField(_l("Téléphone (facultatif)"), filters=[_strip], validators=[_length(30)])
    website = StringField(_l("Site internet (facultatif)"), filters=[_strip],
                          validators=[_length(300)])
    # Set when the post was a click on the map: the page then says the point is not saved yet.
    placed_on_map = False
    pricing_point = SelectField(_l("Lieu dont le SIRET sert aux remboursements"),
                                choices=[], validate_choice=False)

    def __init__(self, *args, siren: str, pricing_points: list[Venue] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.siren = siren
        self.pricing_point.choices = [SelectChoice("", _l("Choisis un lieu"))] + [
            SelectChoice(str(point.id), f"{point.display_name} ({point.siret})")
            for point in pricing_points
        ]

    def validate_siret(self, field) -> None:
        if field.data:
            try:
                check_siret(field.data.replace(" ", ""), self.siren)
            except InvalidSiret as error:
                raise ValidationError(_(error.message)) from error

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        coordinates = (self.latitude, self.longitude)
        typed = [field.data is not None for field in coordinates]
        if any(typed) and not all(typed) and not any(field.errors for field in coordinates):
            missing = coordinates[typed.index(False)]
            missing.errors = [_("Indique la latitude et la longitude, ou aucune des deux.")]
            return False
        return valid

    def validate_phone(self, field) -> None:
        if field.data:
            try:
                normalized_phone(field.data)
            except InvalidPhone as error:
                raise ValidationError(_(error.message)) from error

    def validate_website(self, field) -> None:
        address = (field.data or "").lower()
        if address and not (address.startswith(("https://", "http://"))
                            and "." in address.split("//", 1)[1]):
            raise ValidationError(_("Indique l'adresse complète du site, par exemple "
                                    "https://www.exemple.fr."))

    def validate_pricing_point(self, field) -> None:
        # With a SIRET the venue is its own pricing point: whatever was chosen is ignored.
        if self.siret.data:
            field.data = ""
            return
        valid = {choice.value for choice in field.choices}
        if (field.data or "") not in valid:
            raise ValidationError(_("Choisis un lieu de la liste."))

    def details(self, commune: Commune) -> VenueDetails:
        """What was typed, for the domain command."""
        answers = {name: ANSWERS.get(self[name].data) for name in ACCESSIBILITY_FIELDS}
        return VenueDetails(
            name=self.name.data, public_name=self.public_name.data, siret=self.siret.data,
            venue_type=VenueType(self.venue_type.data), address=self.address.data,
            commune=commune, latitude=self.latitude.data, longitude=self.longitude.data,
            opening_hours=self.opening_hours.data,
            withdrawal_details=self.withdrawal_details.data, email=self.email.data,
            phone=self.phone.data, website=self.website.data,
            pricing_point_id=int(self.pricing_point.data) if self.pricing_point.data else None,
            **answers,
        )

    def place_at(self, latitude: float, longitude: float) -> None:
        """Show a point chosen on the map in the coordinate fields."""
        for field, value in ((self.latitude, latitude), (self.longitude, longitude)):
            field.data = round(value, 6)
            field.raw_data = [f"{value:.6f}"]
        self.placed_on_map = True

    def map_view(self) -> tuple[float, float, int] | None:
        """Where the map the person clicked on was drawn, if the posted values make sense."""
        try:
            latitude, longitude = float(self.map_latitude.data), float(self.map_longitude.data)
            zoom = int(self.map_zoom.data)
        except (TypeError, ValueError):
            return None
        if -85 <= latitude <= 85 and -180 <= longitude <= 180 and MIN_ZOOM <= zoom <= MAX_ZOOM:
            return latitude, longitude, zoom
        return None

    def attach_error(self, error: VenueError) -> bool:
        """Show a refusal of the command beside its field; False if it names none here."""
        if error.field is None or error.field not in self:
            return False
        self[error.field].errors = [*self[error.field].errors, _(error.message)]
        return True


def answer_of(value: bool | None) -> str:
    """The radio value standing for an accessibility answer."""
    return {True: "oui", False: "non"}.get(value, "inconnu")


def shown_phone(stored: str | None) -> str | None:
    """A metropolitan number as people write it (04 67 12 34 56); others as stored."""
    if stored and stored.startswith("+33") and len(stored) == 12:
        national = "0" + stored[3:]
        return " ".join(national[index:index + 2] for index in range(0, 10, 2))
    return stored


def venue_form_data(venue: Venue) -> dict:
    """A stored venue as the form's initial values."""
    data = {name: getattr(venue, name) for name in (
        "name", "public_name", "siret", "address", "latitude", "longitude", "opening_hours",
        "withdrawal_details", "email", "phone", "website")}
    data["venue_type"] = venue.venue_type.value
    data["phone"] = shown_phone(venue.phone)
    data["pricing_point"] = "" if venue.siret else str(venue.pricing_point_id or "")
    data.update({name: answer_of(getattr(venue, name)) for name in ACCESSIBILITY_FIELDS})
    return data
