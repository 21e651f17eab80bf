"""Errors of the finance domain (docs/domain/6-reimbursement.md), each with a French message."""

from models.errors import DomainError


class FinanceError(DomainError):
    """Base of the errors raised by this domain."""


class InvalidIban(FinanceError):
    message = (
        "L'IBAN doit commencer par deux lettres (le pays) et deux chiffres, suivis de 11 à 30 "
        "lettres ou chiffres."
    )


class IbanChecksumFailed(InvalidIban):
    message = (
        "Cet IBAN n'existe pas : un caractère est sans doute mal recopié. Vérifie-le sur le "
        "relevé d'identité bancaire (RIB) de ta structure."
    )


class UnsupportedIbanCountry(InvalidIban):
    message = "Cet IBAN n'a pas la longueur prévue pour son pays. Vérifie-le sur ton RIB."


class InvalidBic(FinanceError):
    message = (
        "Le BIC compte 8 ou 11 caractères : 4 lettres (la banque), 2 lettres (le pays), puis 2 "
        "ou 5 lettres ou chiffres."
    )


class HolderRequired(FinanceError):
    message = "Indique le titulaire du compte, tel qu'il figure sur le RIB."


class NotAPricingPoint(FinanceError):
    message = (
        "Ce lieu n'est pas un point de remboursement : ses coordonnées bancaires sont celles "
        "d'un autre lieu."
    )


class PeriodNotFinished(FinanceError):
    message = "Cette période n'est pas terminée : ses relevés ne peuvent pas encore être émis."


class InvalidPeriod(FinanceError):
    message = "Une période s'écrit AAAA-MM-1 (du 1er au 15) ou AAAA-MM-2 (du 16 à la fin du mois)."


class NotReimbursed(FinanceError):
    message = "Seule une réservation déjà remboursée peut être corrigée sur un relevé."


class CorrectionReasonRefused(FinanceError):
    message = (
        "Une réservation remboursée ne peut être annulée que pour fraude ou par l'équipe "
        "pass Culture."
    )
