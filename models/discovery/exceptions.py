"""Refusals of the discovery deck."""

from models.errors import DomainError


class DiscoveryError(DomainError):
    """Base of the errors raised by this domain."""


class OfferNoLongerAvailable(DiscoveryError):
    message = "Cette offre n'est plus disponible."


class NothingToUndo(DiscoveryError):
    message = "Cette offre n'est plus la dernière à laquelle tu as répondu."
