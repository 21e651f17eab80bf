"""Errors of the structures and venues domain, each carrying a French message."""

from models.errors import DomainError


class OffererError(DomainError):
    """Base of the errors raised by this domain."""


class InvalidSiren(OffererError):
    message = (
        "Le SIREN doit comporter 9 chiffres et être valide."
    )


class InvalidSiret(OffererError):
    message = (
        "Le SIRET doit comporter 14 chiffres, commencer par le SIREN de la structure "
        "et être valide."
    )
