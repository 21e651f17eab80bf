"""Errors of the structures and venues domain, each carrying a French message."""


class OffererError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidSiren(OffererError):
    def __init__(self):
        super().__init__("Le SIREN doit comporter 9 chiffres et être valide.")


class InvalidSiret(OffererError):
    def __init__(self):
        super().__init__(
            "Le SIRET doit comporter 14 chiffres, commencer par le SIREN de la structure "
            "et être valide."
        )
