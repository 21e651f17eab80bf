"""People-facing labels of offer authoring: states, accessibility, withdrawal, history fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from models.offers.genres import music_type_label, show_type_label
from models.offers.models import WithdrawalType
from models.offers.state import OfferState
from webapp.templating import euros

STATE_LABELS = {
    OfferState.DRAFT: _l("Brouillon"),
    OfferState.PENDING: _l("En attente de validation"),
    OfferState.REJECTED: _l("Refusée"),
    OfferState.ACTIVE: _l("Publiée"),
    OfferState.SOLD_OUT: _l("Épuisée"),
    OfferState.EXPIRED: _l("Expirée"),
    OfferState.DEACTIVATED: _l("Désactivée"),
}

ACCESSIBILITY_LABELS = {
    "hearing": _l("Accessible aux personnes en situation de handicap auditif ?"),
    "mental": _l("Accessible aux personnes en situation de handicap psychique ou cognitif ?"),
    "motor": _l("Accessible aux personnes en situation de handicap moteur ?"),
    "visual": _l("Accessible aux personnes en situation de handicap visuel ?"),
}

WITHDRAWAL_LABELS = {
    WithdrawalType.ON_SITE: _l("Retrait sur place"),
    WithdrawalType.BY_EMAIL: _l("Envoi par e-mail"),
    WithdrawalType.NO_TICKET: _l("Pas de billet"),
}

FIELD_LABELS = {
    "name": _l("Titre"), "description": _l("Description"), "author": _l("Auteur ou autrice"),
    "performer": _l("Interprète"), "ean": _l("EAN"), "url": _l("Adresse (URL)"),
    "uses_activation_codes": _l("Codes d'activation"), "show_type": _l("Type de spectacle"),
    "show_subtype": _l("Sous-type de spectacle"), "music_type": _l("Genre musical"),
    "duration_minutes": _l("Durée (minutes)"), "is_duo": _l("Duo"),
    "accessibility_hearing": _l("Handicap auditif"),
    "accessibility_mental": _l("Handicap psychique ou cognitif"),
    "accessibility_motor": _l("Handicap moteur"), "accessibility_visual": _l("Handicap visuel"),
    "withdrawal_type": _l("Retrait des billets"),
    "withdrawal_delay_seconds": _l("Délai de retrait"),
    "withdrawal_details": _l("Informations de retrait"),
    "booking_email": _l("E-mail des réservations"), "image": _l("Image"),
    "is_active": _l("Active"),
    "price_cents": _l("Prix"), "quantity": _l("Quantité"),
    "validation": _l("Validation"), "rejection_reason": _l("Motif du refus"),
}

VALIDATION_LABELS = {
    "pending": _l("En attente de validation"), "approved": _l("Validée"),
    "rejected": _l("Refusée"),
}


def delay_label(seconds: int) -> str:
    if seconds < 3600:
        return ngettext("%(num)d minute", "%(num)d minutes", seconds // 60)
    if seconds < 24 * 3600:
        return ngettext("%(num)d heure", "%(num)d heures", seconds // 3600)
    return ngettext("%(num)d jour", "%(num)d jours", seconds // (24 * 3600))


def history_value(field: str, value: str | None) -> str:
    """A stored value of the history as people read it."""
    if value is None or value == "":
        return str(_l("(vide)"))
    if value in ("True", "False"):
        return str(_l("oui") if value == "True" else _l("non"))
    if field == "withdrawal_type" and value in {mode.value for mode in WithdrawalType}:
        return str(WITHDRAWAL_LABELS[WithdrawalType(value)])
    if field == "withdrawal_delay_seconds" and value.isdigit():
        return delay_label(int(value))
    if field == "price_cents" and value.isdigit():
        return euros(int(value))
    if field == "validation" and value in VALIDATION_LABELS:
        return str(VALIDATION_LABELS[value])
    if field == "image":
        return str(_l("image n° %(id)s", id=value))
    if field == "show_type":
        return show_type_label(value) or value
    if field == "music_type":
        return music_type_label(value) or value
    return value

