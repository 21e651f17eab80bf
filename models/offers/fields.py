"""What each subcategory asks at the "details" step of an offer, in one place.

Every offer has a name and a description. Beside those, a subcategory asks only the fields of
`FIELDS_BY_SUBCATEGORY`, each required or optional (docs/domain/4-offers.md, "What each
subcategory asks"). Duo and withdrawal modes are not here: they follow the catalogue's own
flags (`Subcategory.duo_allowed`, `Subcategory.withdrawal_modes`).
"""

from __future__ import annotations

from enum import StrEnum

from models.offers.catalogue import SUBCATEGORIES, Subcategory


class OfferField(StrEnum):
    AUTHOR = "author"
    PERFORMER = "performer"
    EAN = "ean"
    # A link: the only way in for online events and distance sales.
    URL = "url"
    # A link or a list of activation codes, one per booking: digital things.
    URL_OR_CODES = "url_or_codes"
    # The show type and its subtype, asked together.
    SHOW_TYPE = "show_type"
    MUSIC_TYPE = "music_type"
    DURATION = "duration_minutes"


class Need(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"


R, OPT = Need.REQUIRED, Need.OPTIONAL
F = OfferField

_PAPER_BOOK = {F.EAN: R, F.AUTHOR: OPT}
_BOOK_THING = {F.EAN: OPT, F.AUTHOR: OPT}
_DIGITAL_BOOK = {F.URL_OR_CODES: R, F.EAN: OPT, F.AUTHOR: OPT}
_RECORD = {F.EAN: R, F.PERFORMER: OPT, F.MUSIC_TYPE: R}
_CONCERT = {F.MUSIC_TYPE: R, F.PERFORMER: OPT}
_SHOW = {F.SHOW_TYPE: R, F.PERFORMER: OPT}
_FILM_SESSION = {F.DURATION: OPT}
_DIGITAL = {F.URL_OR_CODES: R}
_ONLINE_LINK = {F.URL: R}
_TALK = {F.PERFORMER: OPT}

FIELDS_BY_SUBCATEGORY: dict[str, dict[OfferField, Need]] = {
    "SEANCE_CINE": {F.DURATION: R},
    "EVENEMENT_CINE": _FILM_SESSION,
    "FESTIVAL_CINE": _FILM_SESSION,
    "CINE_PLEIN_AIR": _FILM_SESSION,
    "CINE_VENTE_DISTANCE": _ONLINE_LINK,
    "SUPPORT_PHYSIQUE_FILM": {F.EAN: OPT, F.DURATION: OPT},
    "VOD": {**_DIGITAL, F.DURATION: OPT},
    "AUTRE_SUPPORT_NUMERIQUE": _DIGITAL,
    "ABO_PLATEFORME_VIDEO": _DIGITAL,
    "LIVRE_PAPIER": _PAPER_BOOK,
    "LIVRE_NUMERIQUE": _DIGITAL_BOOK,
    "LIVRE_AUDIO_PHYSIQUE": _BOOK_THING,
    "TELECHARGEMENT_LIVRE_AUDIO": _DIGITAL_BOOK,
    "ABO_LIVRE_NUMERIQUE": _DIGITAL,
    "FESTIVAL_LIVRE": _TALK,
    "CONCERT": _CONCERT,
    "FESTIVAL_MUSIQUE": _CONCERT,
    "EVENEMENT_MUSIQUE": _CONCERT,
    "LIVESTREAM_MUSIQUE": {**_CONCERT, F.URL: R},
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": _RECORD,
    "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": _RECORD,
    "TELECHARGEMENT_MUSIQUE": {**_DIGITAL, F.PERFORMER: OPT, F.MUSIC_TYPE: OPT},
    "ABO_PLATEFORME_MUSIQUE": _DIGITAL,
    "SPECTACLE_REPRESENTATION": _SHOW,
    "FESTIVAL_SPECTACLE": _SHOW,
    "SPECTACLE_ENREGISTRE": {**_SHOW, **_DIGITAL},
    "LIVESTREAM_EVENEMENT": {**_SHOW, F.URL: R},
    "SPECTACLE_VENTE_DISTANCE": _ONLINE_LINK,
    "VISITE_VIRTUELLE": _DIGITAL,
    "MUSEE_VENTE_DISTANCE": _ONLINE_LINK,
    "PLATEFORME_PRATIQUE_ARTISTIQUE": _DIGITAL,
    "PRATIQUE_ART_VENTE_DISTANCE": _ONLINE_LINK,
    "LIVESTREAM_PRATIQUE_ARTISTIQUE": {F.PERFORMER: OPT, F.URL: R},
    "ATELIER_PRATIQUE_ART": _TALK,
    "CONFERENCE": _TALK,
    "RENCONTRE": _TALK,
    "SALON": _TALK,
    "RENCONTRE_EN_LIGNE": {F.PERFORMER: OPT, F.URL: R},
    "JEU_EN_LIGNE": _DIGITAL,
    "ABO_JEU_VIDEO": _DIGITAL,
    "ABO_PRESSE_EN_LIGNE": _DIGITAL,
    "PODCAST": _DIGITAL,
    "APP_CULTURELLE": _DIGITAL,
    "PARTITION": {F.AUTHOR: OPT},
}


def fields_of(subcategory: Subcategory | str) -> dict[OfferField, Need]:
    """The fields `subcategory` asks beside name and description (none for most things)."""
    sub_id = subcategory if isinstance(subcategory, str) else subcategory.id
    return FIELDS_BY_SUBCATEGORY.get(sub_id, {})


def asks(subcategory: Subcategory | str, field: OfferField) -> bool:
    return field in fields_of(subcategory)


def is_required(subcategory: Subcategory | str, field: OfferField) -> bool:
    return fields_of(subcategory).get(field) is Need.REQUIRED


def needs_virtual_venue(subcategory: Subcategory | str) -> bool:
    """Online-only offers live on the structure's virtual venue, never on a physical one."""
    sub = SUBCATEGORIES[subcategory] if isinstance(subcategory, str) else subcategory
    return sub.is_online_only
