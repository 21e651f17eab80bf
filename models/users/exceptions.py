"""Errors of the users domain, each carrying a French message for the person."""

from models.errors import DomainError


class UserError(DomainError):
    """Base of the errors raised by this domain."""


class InvalidCredentials(UserError):
    message = (
        "Adresse e-mail ou mot de passe incorrect."
    )


class EmailAlreadyUsed(UserError):
    message = (
        "Un compte existe déjà avec cette adresse e-mail."
    )
