"""Errors of the users domain, each carrying a French message for the person."""


class UserError(Exception):
    """Base of the domain errors raised by `models.users`."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidCredentials(UserError):
    def __init__(self):
        super().__init__("Adresse e-mail ou mot de passe incorrect.")


class EmailAlreadyUsed(UserError):
    def __init__(self):
        super().__init__("Un compte existe déjà avec cette adresse e-mail.")
