"""Errors of the structures and venues domain, each carrying a French message."""

from models.errors import DomainError


class OffererError(DomainError):
    """Base of the errors raised by this domain."""


class InvalidSiren(OffererError):
    message = (
        "Le SIREN doit comporter 9 chiffres et être valide."
    )


class SirenChecksumFailed(InvalidSiren):
    message = (
        "Ce SIREN n'existe pas : un chiffre est sans doute mal recopié. Vérifie-le sur l'avis "
        "de situation Insee de ta structure."
    )


class InvalidSiret(OffererError):
    message = (
        "Le SIRET doit comporter 14 chiffres, commencer par le SIREN de la structure "
        "et être valide."
    )


class EmailNotConfirmed(OffererError):
    message = "Confirme d'abord ton adresse e-mail : nous t'avons envoyé un lien."


class AlreadyAsked(OffererError):
    message = "Tu es déjà membre de cette structure ou ta demande pour la rejoindre est envoyée."


class NotPending(OffererError):
    message = "Cette demande a déjà été traitée."


class StructureNotValidated(OffererError):
    message = (
        "Une structure en attente de validation ne peut pas encore accepter de membres : "
        "l'équipe pass Culture s'en charge."
    )


class ReasonRequired(OffererError):
    message = "Indique la raison du refus."


class NotAMember(OffererError):
    message = "Seuls les membres de la structure peuvent traiter cette demande."
