"""Checks of a rule's settings before it is saved (docs/domain/moderation.md, "Rules")."""

from __future__ import annotations

from dataclasses import dataclass

from models.moderation.exceptions import InvalidRule, ReasonRequired
from models.moderation.models import RuleKind
from models.offers.catalogue import SUBCATEGORIES
from models.offers.models import MAX_STOCK_PRICE_CENTS

LABEL_MAX_LENGTH = 120
WORD_MAX_LENGTH = 60
MAX_WORDS = 200
MAX_FIRST_OFFERS = 1000
MAX_STRUCTURE_AGE_DAYS = 3650


@dataclass
class RuleSettings:
    """What staff type for a rule; each kind reads only its own fields."""

    label: str
    words: str | None = None
    subcategory_id: str | None = None
    price_threshold_cents: int | None = None
    first_offers: int | None = None
    structure_age_days: int | None = None


def normalised_settings(kind: RuleKind, settings: RuleSettings) -> RuleSettings:
    """The settings the kind reads, trimmed; the others emptied."""
    words = None
    if kind is RuleKind.WORDS:
        lines = [line.strip() for line in (settings.words or "").splitlines()]
        words = "\n".join(dict.fromkeys(line for line in lines if line)) or None
    is_price = kind is RuleKind.PRICE
    is_new = kind is RuleKind.NEW_STRUCTURE
    return RuleSettings(
        label=(settings.label or "").strip(),
        words=words,
        subcategory_id=(settings.subcategory_id or None) if is_price else None,
        price_threshold_cents=settings.price_threshold_cents if is_price else None,
        first_offers=settings.first_offers if is_new else None,
        structure_age_days=settings.structure_age_days if is_new else None,
    )


def check_rule(kind: RuleKind, settings: RuleSettings) -> None:
    """Refuse a rule that could never match or that the database cannot hold."""
    errors = {}
    if not settings.label:
        errors["label"] = "Donne un nom à la règle."
    elif len(settings.label) > LABEL_MAX_LENGTH:
        errors["label"] = "Le nom fait 120 caractères au plus."
    if kind is RuleKind.WORDS:
        errors.update(_word_errors(settings.words))
    if kind is RuleKind.PRICE:
        errors.update(_price_errors(settings))
    if kind is RuleKind.NEW_STRUCTURE:
        errors.update(_new_structure_errors(settings))
    if errors:
        raise InvalidRule(errors)


def _word_errors(words: str | None) -> dict[str, str]:
    lines = (words or "").splitlines()
    if not lines:
        return {"words": "Indique au moins un mot ou une expression."}
    if len(lines) > MAX_WORDS:
        return {"words": "Une règle compte 200 mots ou expressions au plus."}
    if any(len(line) > WORD_MAX_LENGTH for line in lines):
        return {"words": "Chaque mot ou expression fait 60 caractères au plus."}
    return {}


def _price_errors(settings: RuleSettings) -> dict[str, str]:
    errors = {}
    if settings.subcategory_id is not None and settings.subcategory_id not in SUBCATEGORIES:
        errors["subcategory_id"] = "Choisis une sous-catégorie de la liste."
    threshold = settings.price_threshold_cents
    if threshold is None:
        errors["price_threshold"] = "Indique le prix au-dessus duquel l'offre est retenue."
    elif not 0 <= threshold < MAX_STOCK_PRICE_CENTS:
        errors["price_threshold"] = "Le seuil va de 0 à 299,99 € (un prix ne dépasse pas 300 €)."
    return errors


def _new_structure_errors(settings: RuleSettings) -> dict[str, str]:
    errors = {}
    if settings.first_offers is None or not 1 <= settings.first_offers <= MAX_FIRST_OFFERS:
        errors["first_offers"] = "Indique un nombre d'offres entre 1 et 1000."
    age = settings.structure_age_days
    if age is None or not 1 <= age <= MAX_STRUCTURE_AGE_DAYS:
        errors["structure_age_days"] = "Indique un nombre de jours entre 1 et 3650."
    return errors


def check_reason(reason: str | None) -> str:
    """The reason trimmed; none at all is refused."""
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ReasonRequired()
    return cleaned
