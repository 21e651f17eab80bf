"""Refusals of offer authoring, each carrying a French sentence (docs/domain/4-offers.md)."""

from __future__ import annotations

from models.errors import DomainError


class OfferRefused(DomainError):
    message = "Cette offre ne peut pas être enregistrée."


class InvalidOfferFields(OfferRefused):
    """One or more fields refused; `errors` maps each field's name to its message."""

    message = "Certains champs de l'offre ne sont pas valides."

    def __init__(self, errors: dict[str, str]):
        super().__init__()
        self.errors = errors


class SubcategoryNotSelectable(OfferRefused):
    message = "Cette sous-catégorie ne peut plus être choisie pour une nouvelle offre."


class VenueNotManaged(OfferRefused):
    message = "Choisis un lieu de ta structure."


class VenueNotVirtual(OfferRefused):
    message = "Une offre en ligne se rattache au lieu numérique de la structure."


class VenueNotPhysical(OfferRefused):
    message = "Une offre sur place se rattache à un lieu physique de la structure."


class NotADraft(OfferRefused):
    message = "Cette offre est déjà publiée : ce choix ne peut plus changer."


class DraftIncomplete(OfferRefused):
    message = "Complète les étapes de l'offre avant de la publier."


class NotPublished(OfferRefused):
    message = "Cette offre n'est pas publiée."


class NotRejected(OfferRefused):
    message = "Seule une offre refusée peut être soumise à nouveau à l'équipe pass Culture."


class ImageRefused(OfferRefused):
    message = "Ce fichier n'est pas une image que nous pouvons utiliser."


class NotAnImage(ImageRefused):
    message = "Ce fichier n'est pas une image lisible : envoie un fichier JPEG, PNG ou WebP."


class ImageTooSmall(ImageRefused):
    message = "L'image doit mesurer au moins 400 × 400 pixels."


class ImageTooHeavy(ImageRefused):
    message = "L'image pèse plus de 10 Mo : réduis-la, puis réessaie."


class ImageTooLarge(ImageRefused):
    message = "L'image compte trop de pixels pour être traitée : réduis ses dimensions."


class MissingAltText(ImageRefused):
    message = "Décris l'image en quelques mots pour les personnes qui ne la voient pas."


class ActivationCodesRefused(OfferRefused):
    message = "Le fichier de codes contient des lignes refusées : rien n'a été ajouté."


class NoActivationCodes(OfferRefused):
    message = "Cette offre ne distribue pas de codes d'activation."
