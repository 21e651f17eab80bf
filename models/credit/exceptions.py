"""Errors of the credit domain, each carrying a French message for the person."""

from models.errors import DomainError


class CreditError(DomainError):
    """Base of the errors raised by this domain."""


class NotEligible(CreditError):
    message = (
        "Le crédit pass Culture est ouvert de tes 15 ans à la veille de tes 19 ans : "
        "tu n'es pas dans cette tranche d'âge."
    )


class AlreadyHasDeposit(CreditError):
    message = (
        "Tu as déjà reçu ton crédit pass Culture."
    )
