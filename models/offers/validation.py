"""Checks of an offer's fields, raising the refusals of `models.offers.exceptions`.

What a subcategory asks comes from `models.offers.fields`; the rules are written in
docs/domain/4-offers.md ("What each subcategory asks", "Practical information").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from models.offers import exceptions as errors
from models.offers.catalogue import SUBCATEGORIES
from models.offers.ean import InvalidEan, check_ean
from models.offers.fields import OfferField, fields_of, is_required
from models.offers.genres import MUSIC_TYPES, SHOW_TYPES
from models.offers.models import MAX_STOCK_PRICE_CENTS, Offer, Validation, WithdrawalType

NAME_MAX_LENGTH = 140
DESCRIPTION_MAX_LENGTH = 10_000
MAX_DURATION_MINUTES = 24 * 60
ACCESSIBILITY_NEEDS = ("hearing", "mental", "motor", "visual")

HOUR = 3600
DAY = 24 * HOUR
# The delays offered before the event: when tickets are handed on site, or sent by e-mail.
WITHDRAWAL_DELAYS: dict[WithdrawalType, tuple[int, ...]] = {
    WithdrawalType.ON_SITE: (15 * 60, 30 * 60, HOUR, 2 * HOUR, 4 * HOUR, DAY, 2 * DAY),
    WithdrawalType.BY_EMAIL: (DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY, 6 * DAY, 7 * DAY),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")


@dataclass
class OfferDetails:
    """The "details" step: name and description, then what the subcategory asks."""

    name: str
    description: str | None = None
    author: str | None = None
    performer: str | None = None
    ean: str | None = None
    url: str | None = None
    uses_activation_codes: bool = False
    show_type: str | None = None
    show_subtype: str | None = None
    music_type: str | None = None
    duration_minutes: int | None = None


@dataclass
class PracticalInfo:
    """The "practical information" step. An accessibility answer left as None is missing."""

    accessibility: dict[str, bool | None] = field(default_factory=dict)
    is_duo: bool = False
    withdrawal_type: WithdrawalType | None = None
    withdrawal_delay_seconds: int | None = None
    withdrawal_details: str | None = None
    booking_email: str | None = None


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


_FIELD_OF_ATTRIBUTE = {
    "author": OfferField.AUTHOR, "performer": OfferField.PERFORMER, "ean": OfferField.EAN,
    "show_type": OfferField.SHOW_TYPE, "show_subtype": OfferField.SHOW_TYPE,
    "music_type": OfferField.MUSIC_TYPE, "duration_minutes": OfferField.DURATION,
}


def normalised_details(subcategory_id: str, details: OfferDetails) -> OfferDetails:
    """Texts stripped (blank is None), and every field the subcategory does not ask emptied."""
    asked = fields_of(subcategory_id)
    values = {}
    for name in DETAIL_FIELDS:
        value = getattr(details, name)
        values[name] = _text(value) if isinstance(value, str) else value
    for name, offer_field in _FIELD_OF_ATTRIBUTE.items():
        if offer_field not in asked:
            values[name] = None
    if values["ean"] is not None:
        values["ean"] = "".join(values["ean"].split()).replace("-", "")
    codes_allowed = OfferField.URL_OR_CODES in asked
    values["uses_activation_codes"] = codes_allowed and bool(details.uses_activation_codes)
    if values["uses_activation_codes"] or not (codes_allowed or OfferField.URL in asked):
        values["url"] = None
    return OfferDetails(**values)


def is_valid_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in value


def _check_access(subcategory_id: str, details: OfferDetails, problems: dict[str, str]) -> None:
    asked = fields_of(subcategory_id)
    codes_allowed = OfferField.URL_OR_CODES in asked
    if OfferField.URL not in asked and not codes_allowed:
        return
    if codes_allowed and details.uses_activation_codes:
        return
    if details.url is None:
        problems["url"] = "Indique l'adresse (URL) où accéder à l'offre."
    elif not is_valid_url(details.url):
        problems["url"] = "L'adresse doit commencer par https:// et désigner un site."


def _check_genres(subcategory_id: str, details: OfferDetails, problems: dict[str, str]) -> None:
    asked = fields_of(subcategory_id)
    if OfferField.SHOW_TYPE in asked:
        required = is_required(subcategory_id, OfferField.SHOW_TYPE)
        if details.show_type is None and required:
            problems["show_type"] = "Choisis le type de spectacle."
        elif details.show_type is not None and details.show_type not in SHOW_TYPES:
            problems["show_type"] = "Choisis un type de spectacle de la liste."
        elif details.show_type is not None and (
                details.show_subtype not in SHOW_TYPES[details.show_type][1]):
            problems["show_subtype"] = "Choisis un sous-type de ce type de spectacle."
    if OfferField.MUSIC_TYPE in asked:
        if details.music_type is None and is_required(subcategory_id, OfferField.MUSIC_TYPE):
            problems["music_type"] = "Choisis le genre musical."
        elif details.music_type is not None and details.music_type not in MUSIC_TYPES:
            problems["music_type"] = "Choisis un genre musical de la liste."


def check_details(subcategory_id: str, details: OfferDetails) -> None:
    """Refuse, with a message per field, what the subcategory needs and is missing or wrong."""
    problems: dict[str, str] = {}
    if details.name is None:
        problems["name"] = "Indique le titre de l'offre."
    elif len(details.name) > NAME_MAX_LENGTH:
        problems["name"] = f"Le titre compte {NAME_MAX_LENGTH} caractères au plus."
    if details.description and len(details.description) > DESCRIPTION_MAX_LENGTH:
        problems["description"] = "La description est trop longue."
    for name in (OfferField.AUTHOR, OfferField.PERFORMER):
        if is_required(subcategory_id, name) and getattr(details, name.value) is None:
            problems[name.value] = "Ce champ est obligatoire pour cette sous-catégorie."
    if OfferField.EAN in fields_of(subcategory_id):
        if details.ean is None:
            if is_required(subcategory_id, OfferField.EAN):
                problems["ean"] = "Indique l'EAN (13 chiffres sous le code-barres)."
        else:
            try:
                check_ean(details.ean)
            except InvalidEan as refusal:
                problems["ean"] = refusal.message
    if OfferField.DURATION in fields_of(subcategory_id):
        minutes = details.duration_minutes
        if minutes is None and is_required(subcategory_id, OfferField.DURATION):
            problems["duration_minutes"] = "Indique la durée en minutes."
        elif minutes is not None and not 0 < minutes <= MAX_DURATION_MINUTES:
            problems["duration_minutes"] = "La durée va de 1 à 1 440 minutes."
    _check_access(subcategory_id, details, problems)
    _check_genres(subcategory_id, details, problems)
    if problems:
        raise errors.InvalidOfferFields(problems)


def check_practical(subcategory_id: str, practical: PracticalInfo) -> None:
    """Refuse missing accessibility answers, and a withdrawal mode without its delay."""
    subcategory = SUBCATEGORIES[subcategory_id]
    problems: dict[str, str] = {}
    for need in ACCESSIBILITY_NEEDS:
        if practical.accessibility.get(need) is None:
            problems[f"accessibility_{need}"] = "Réponds par oui ou par non."
    if practical.is_duo and not subcategory.duo_allowed:
        problems["is_duo"] = "Cette sous-catégorie ne permet pas de réserver en duo."
    if subcategory.withdrawal_modes:
        mode = practical.withdrawal_type
        if mode is None:
            problems["withdrawal_type"] = "Indique comment les billets sont retirés."
        elif mode in WITHDRAWAL_DELAYS and (
                practical.withdrawal_delay_seconds not in WITHDRAWAL_DELAYS[mode]):
            problems["withdrawal_delay_seconds"] = "Choisis un délai dans la liste."
    email = practical.booking_email
    if email is not None and not _EMAIL.match(email):
        problems["booking_email"] = "Indique une adresse e-mail valide, comme nom@exemple.fr."
    if problems:
        raise errors.InvalidOfferFields(problems)


def check_draft(offer: Offer) -> None:
    if offer.validation is not Validation.DRAFT:
        raise errors.NotADraft()


def check_publishable(offer: Offer) -> None:
    """A draft whose details and practical steps are done, and still valid as a whole."""
    check_draft(offer)
    if offer.draft_step < 3:
        raise errors.DraftIncomplete()
    check_complete(offer)


def check_complete(offer: Offer) -> None:
    """The offer's details and practical information are valid as a whole."""
    check_details(offer.subcategory_id, details_of(offer))
    check_practical(offer.subcategory_id, practical_of(offer))


def check_alt_text(alt_text: str | None) -> str:
    text = _text(alt_text)
    if text is None:
        raise errors.MissingAltText()
    return text[:250]


def check_price(price_cents: int | None) -> None:
    if price_cents is None or not 0 <= price_cents <= MAX_STOCK_PRICE_CENTS:
        raise errors.InvalidOfferFields({"price": "Le prix va de 0 à 300 €."})


def details_of(offer: Offer) -> OfferDetails:
    return OfferDetails(**{name: getattr(offer, name) for name in DETAIL_FIELDS})


def practical_of(offer: Offer) -> PracticalInfo:
    return PracticalInfo(
        accessibility={need: getattr(offer, f"accessibility_{need}") for need in
                       ACCESSIBILITY_NEEDS},
        is_duo=offer.is_duo, withdrawal_type=offer.withdrawal_type,
        withdrawal_delay_seconds=offer.withdrawal_delay_seconds,
        withdrawal_details=offer.withdrawal_details, booking_email=offer.booking_email,
    )


DETAIL_FIELDS = tuple(OfferDetails.__dataclass_fields__)
