"""Refusals about favorites, reactions and reviews."""

from models.errors import DomainError


class SocialError(DomainError):
    """Base of the errors raised by this domain."""


class FavoritesFull(SocialError):
    message = "Tu as déjà 100 favoris : retires-en un pour en ajouter un nouveau."


class ReviewNotAllowed(SocialError):
    message = "Tu pourras donner ton avis une fois ta réservation utilisée."


class AlreadyReviewed(SocialError):
    message = "Tu as déjà donné ton avis sur cette réservation."


class AlreadyReported(SocialError):
    message = "Tu as déjà signalé cet avis."
