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


class ProgrammeError(CreditError):
    """A refusal about a programme staff prepare; `field` names the form field it is about."""

    field: str | None = None


class ProgrammeNameRequired(ProgrammeError):
    field = "name"
    message = "Donne un nom au programme."


class ProgrammeStartNotFuture(ProgrammeError):
    field = "starts_on"
    message = (
        "Un nouveau programme commence au plus tôt demain : ce qui a déjà commencé "
        "ne se change plus."
    )


class ProgrammeAgesInvalid(ProgrammeError):
    field = "min_signup_age"
    message = (
        "Les âges d'inscription vont de 15 ans à la veille des 19 ans : choisis un premier âge "
        "plus petit que l'âge de fin."
    )


class ProgrammeAmountInvalid(ProgrammeError):
    field = "amount_15"
    message = "Chaque montant va de 0 à 1 000 €."


class ProgrammeWithoutGrant(ProgrammeError):
    field = "amount_15"
    message = "Indique un montant pour au moins un âge du programme."


class ProgrammeValidityInvalid(ProgrammeError):
    field = "expiry_value"
    message = (
        "La validité est un nombre de mois entre 1 et 60, ou l'âge (de 19 à 25 ans) dont "
        "l'anniversaire met fin au crédit."
    )


class ProgrammesOverlap(ProgrammeError):
    """Two programmes open to one age on one day: which one a person gets would be a guess."""

    field = "starts_on"
    message = "Un autre programme accueille déjà ces âges à cette date."


class ProgrammeStarted(ProgrammeError):
    message = "Ce programme a commencé : il ne se modifie ni ne se supprime plus."
