"""Forms of offer authoring in the pro area: one per step, and the small action forms.

The forms only read what people type; whether a field is required for a subcategory, an EAN's
checksum, a URL's shape are decided by `models.offers.validation`, whose messages the views
attach to the fields. The details form keeps only the fields the subcategory asks
(`models.offers.fields`).
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional

from models.offers.catalogue import CATEGORIES, subcategories_of
from models.offers.fields import OfferField, fields_of
from models.offers.genres import MUSIC_TYPES, SHOW_TYPES
from models.offers.models import WithdrawalType
from models.offers.state import OfferState
from models.offers.validation import (
    ACCESSIBILITY_NEEDS,
    DESCRIPTION_MAX_LENGTH,
    WITHDRAWAL_DELAYS,
    OfferDetails,
    PracticalInfo,
)
from webapp.labels_offers import (
    ACCESSIBILITY_LABELS,
    STATE_LABELS,
    WITHDRAWAL_LABELS,
    delay_label,
)

YES_NO = [SelectChoice("yes", _l("Oui")), SelectChoice("no", _l("Non"))]
C = SelectChoice


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label, max_length, **kwargs):
    return StringField(label, filters=[_strip], validators=[
        Length(max=max_length, message=_l("Ce champ compte %(max)d caractères au plus."))],
        **kwargs)


class CategoryForm(FlaskForm):
    """Step 1: where the offer happens and what it is. Subcategories shown are those of the
    category chosen (a GET parameter without JavaScript, swapped by htmx with it)."""

    venue_id = SelectField(_l("Lieu"), coerce=str, validate_choice=False)
    category = SelectField(_l("Catégorie"), validate_choice=False)
    subcategory_id = SelectField(_l("Sous-catégorie"), validate_choice=False)

    def fill_choices(self, venues, category_id: str | None) -> None:
        self.venue_id.choices = [C("", _l("Choisis un lieu"))] + [
            C(str(venue.id), _venue_label(venue)) for venue in venues]
        self.category.choices = [C("", _l("Choisis une catégorie"))] + [
            C(category.id, _l(category.label)) for category in CATEGORIES.values()
            if any(sub.selectable for sub in subcategories_of(category.id))]
        subs = [sub for sub in subcategories_of(category_id or "") if sub.selectable]
        self.subcategory_id.choices = [C("", _l("Choisis une sous-catégorie"))] + [
            C(sub.id, _l(sub.label)) for sub in subs]

    def subcategory_offered(self) -> bool:
        return bool(self.subcategory_id.data) and any(
            choice.value == self.subcategory_id.data for choice in self.subcategory_id.choices)


def _venue_label(venue) -> str:
    if venue.is_virtual:
        return f"{venue.display_name} ({_l('en ligne')})"
    return venue.display_name


class DetailsForm(FlaskForm):
    """Step 2: name, description, and the fields the subcategory asks."""

    name = _text(_l("Titre de l'offre"), 140)
    description = TextAreaField(_l("Description"), filters=[_strip], validators=[
        Length(max=DESCRIPTION_MAX_LENGTH)])
    author = _text(_l("Auteur ou autrice"), 140)
    performer = _text(_l("Interprète ou intervenant"), 140)
    ean = _text(_l("EAN (13 chiffres)"), 20)
    access = RadioField(_l("Accès à l'offre"), choices=[
        C("url", _l("Par un lien (URL)")), C("codes", _l("Par des codes d'activation"))],
        default="url", validate_choice=False)
    url = _text(_l("Adresse de l'offre (URL)"), 500)
    show_type = SelectField(_l("Type de spectacle"), validate_choice=False, choices=[
        C("", _l("Choisis un type"))] + [C(code, _l(label)) for code, (label, _subs)
                                          in SHOW_TYPES.items()])
    # Grouped by type so that it works without JavaScript; the domain checks the pair.
    show_subtype = SelectField(_l("Sous-type de spectacle"), validate_choice=False, choices=[
        C("", _l("Choisis un sous-type"))] + [
        C(code, _l(sub_label), optgroup=_l(label))
        for _code, (label, subs) in SHOW_TYPES.items() for code, sub_label in subs.items()])
    music_type = SelectField(_l("Genre musical"), validate_choice=False, choices=[
        C("", _l("Choisis un genre"))] + [C(code, _l(label)) for code, label in
                                          MUSIC_TYPES.items()])
    duration_minutes = IntegerField(_l("Durée en minutes"), validators=[Optional()])

    _FORM_FIELDS = {
        OfferField.AUTHOR: ("author",), OfferField.PERFORMER: ("performer",),
        OfferField.EAN: ("ean",), OfferField.URL: ("url",),
        OfferField.URL_OR_CODES: ("access", "url"),
        OfferField.SHOW_TYPE: ("show_type", "show_subtype"),
        OfferField.MUSIC_TYPE: ("music_type",), OfferField.DURATION: ("duration_minutes",),
    }

    def keep_only(self, subcategory_id: str) -> None:
        """Remove the controls the subcategory does not ask."""
        kept = {name for field in fields_of(subcategory_id)
                for name in self._FORM_FIELDS[field]}
        for name in {name for names in self._FORM_FIELDS.values() for name in names} - kept:
            del self[name]

    def details(self) -> OfferDetails:
        def value(name):
            return self[name].data if name in self else None
        show_subtype = value("show_subtype")
        return OfferDetails(
            name=self.name.data, description=self.description.data, author=value("author"),
            performer=value("performer"), ean=value("ean"), url=value("url"),
            uses_activation_codes=value("access") == "codes",
            show_type=value("show_type") or None, show_subtype=show_subtype or None,
            music_type=value("music_type") or None, duration_minutes=value("duration_minutes"),
        )


def _delay_choices():
    return [C("", _l("Choisis un délai"))] + [
        C(str(seconds), delay_label(seconds), optgroup=WITHDRAWAL_LABELS[mode])
        for mode, delays in WITHDRAWAL_DELAYS.items() for seconds in delays]


_MODES = {mode.value for mode in WithdrawalType}


class PracticalForm(FlaskForm):
    """Step 3: accessibility (four answers), duo, withdrawal of tickets, booking e-mail."""

    accessibility_hearing = RadioField(ACCESSIBILITY_LABELS["hearing"], choices=YES_NO,
                                       validate_choice=False)
    accessibility_mental = RadioField(ACCESSIBILITY_LABELS["mental"], choices=YES_NO,
                                      validate_choice=False)
    accessibility_motor = RadioField(ACCESSIBILITY_LABELS["motor"], choices=YES_NO,
                                     validate_choice=False)
    accessibility_visual = RadioField(ACCESSIBILITY_LABELS["visual"], choices=YES_NO,
                                      validate_choice=False)
    is_duo = BooleanField(_l("Accepter les réservations duo (la personne et un ou une "
                             "accompagnante)"))
    withdrawal_type = RadioField(_l("Retrait des billets"), validate_choice=False, choices=[
        C(mode.value, label) for mode, label in WITHDRAWAL_LABELS.items()])
    withdrawal_delay_seconds = SelectField(_l("Délai avant l'événement"),
                                           validate_choice=False, choices=_delay_choices)
    withdrawal_details = TextAreaField(_l("Informations de retrait"), filters=[_strip],
                                       validators=[Length(max=500)])
    booking_email = _text(_l("E-mail qui reçoit les réservations"), 254)

    def keep_only(self, subcategory) -> None:
        if not subcategory.duo_allowed:
            del self["is_duo"]
        if not subcategory.withdrawal_modes:
            for name in ("withdrawal_type", "withdrawal_delay_seconds", "withdrawal_details"):
                del self[name]

    def fill_from(self, accessibility: dict, offer) -> None:
        """Pre-fill answers not typed yet: the accessibility given, the offer's other fields."""
        for need in ACCESSIBILITY_NEEDS:
            known = accessibility.get(need)
            self[f"accessibility_{need}"].data = None if known is None else (
                "yes" if known else "no")
        if "is_duo" in self:
            self.is_duo.data = offer.is_duo
        if "withdrawal_type" in self:
            self.withdrawal_type.data = offer.withdrawal_type and offer.withdrawal_type.value
            self.withdrawal_delay_seconds.data = (
                str(offer.withdrawal_delay_seconds) if offer.withdrawal_delay_seconds else "")
            self.withdrawal_details.data = offer.withdrawal_details
        self.booking_email.data = offer.booking_email

    def practical(self) -> PracticalInfo:
        answers = {"yes": True, "no": False}
        delay = self["withdrawal_delay_seconds"].data if "withdrawal_type" in self else None
        mode = self["withdrawal_type"].data if "withdrawal_type" in self else None
        return PracticalInfo(
            accessibility={need: answers.get(self[f"accessibility_{need}"].data)
                           for need in ACCESSIBILITY_NEEDS},
            is_duo=bool(self["is_duo"].data) if "is_duo" in self else False,
            withdrawal_type=WithdrawalType(mode) if mode in _MODES else None,
            withdrawal_delay_seconds=int(delay) if delay and delay.isdigit() else None,
            withdrawal_details=(self["withdrawal_details"].data
                                if "withdrawal_details" in self else None),
            booking_email=self.booking_email.data,
        )


class ImageForm(FlaskForm):
    """Step 4: an image and its text alternative (both checked by the domain)."""

    image = FileField(_l("Image"))
    alt_text = _text(_l("Description de l'image"), 250)


class EurosField(DecimalField):
    """An amount typed as people write it in French: "9,99", "9.99 €", "10"."""

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [valuelist[0].replace("€", "").replace(" ", "").replace(",", ".")]
        super().process_formdata(valuelist)


class CodesForm(FlaskForm):
    """Activation codes as a CSV file, and the price when the offer has no stock yet."""

    codes_file = FileField(_l("Fichier des codes (CSV)"))
    price = EurosField(_l("Prix en euros"), places=2, validators=[
        Optional(), NumberRange(Decimal(0), Decimal(300), _l("Le prix va de 0 à 300 €."))])


class ActionForm(FlaskForm):
    """A button that changes an offer (publish, deactivate, duplicate): CSRF only."""


class FilterForm(FlaskForm):
    """The list's filters, read from the query string."""

    class Meta:
        csrf = False

    lieu = SelectField(_l("Lieu"), validate_choice=False)
    etat = SelectField(_l("État"), validate_choice=False, choices=[C("", _l("Tous"))] + [
        C(state.value, STATE_LABELS[state]) for state in OfferState])

    def fill_choices(self, venues) -> None:
        self.lieu.choices = [C("", _l("Tous les lieux"))] + [
            C(str(venue.id), _venue_label(venue)) for venue in venues]

    def venue_id(self, venues) -> int | None:
        ids = {str(venue.id): venue.id for venue in venues}
        return ids.get(self.lieu.data or "")

    def state(self) -> OfferState | None:
        states = {state.value: state for state in OfferState}
        return states.get(self.etat.data or "")
