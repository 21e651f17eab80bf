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


class SiretOfAnotherStructure(InvalidSiret):
    message = (
        "Ce SIRET ne commence pas par le SIREN de la structure : un SIRET est le SIREN suivi "
        "de 5 chiffres."
    )


class SiretChecksumFailed(InvalidSiret):
    message = (
        "Ce SIRET n'existe pas : un chiffre est sans doute mal recopié. Vérifie-le sur l'avis "
        "de situation Insee du lieu."
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


class NotAMemberOfStructure(OffererError):
    message = "Seuls les membres de la structure peuvent gérer ses membres."


class InvitationsWaitForValidation(OffererError):
    message = (
        "Une structure en attente de validation ne peut pas encore inviter de membres : "
        "l'équipe pass Culture doit d'abord la valider."
    )


class AlreadyMember(OffererError):
    message = "Cette personne est déjà membre de la structure."


class JoinRequestWaiting(OffererError):
    message = (
        "Cette personne a déjà demandé à rejoindre la structure : accepte sa demande dans "
        "« Demandes pour rejoindre »."
    )


class InvitationInvalid(OffererError):
    message = "Ce lien d'invitation n'est pas valable. Vérifie que tu l'as copié en entier."


class InvitationExpired(OffererError):
    message = (
        "Ce lien d'invitation a expiré : il est valable 7 jours. Demande à un membre de la "
        "structure de t'inviter à nouveau."
    )


class InvitationUsed(OffererError):
    message = "Cette invitation a déjà été acceptée."


class InvitationRevoked(OffererError):
    message = "Cette invitation a été annulée par un membre de la structure."


class InvitationForAnotherAddress(OffererError):
    message = (
        "Cette invitation a été envoyée à une autre adresse e-mail que celle de ton compte. "
        "Connecte-toi avec le compte de cette adresse, ou demande une invitation pour la tienne."
    )


class InvitationClosed(OffererError):
    message = "Cette invitation n'est plus en cours."


class LastMember(OffererError):
    message = (
        "Une structure garde au moins un membre : invite d'abord une autre personne, puis "
        "retire ce membre une fois qu'elle a rejoint la structure."
    )


class NotAValidatedMember(OffererError):
    message = "Cette personne n'est pas membre de la structure."


class VenueError(OffererError):
    """A refusal about one field of a venue: `field` names it, so a form can show it there."""

    field: str | None = None


class SiretTaken(VenueError):
    field = "siret"
    message = "Ce SIRET est déjà celui d'un autre lieu sur pass Culture."


class SiretKept(VenueError):
    field = "siret"
    message = (
        "Le SIRET d'un lieu ne se change plus une fois donné : il sert à ses remboursements. "
        "Écris au support s'il est faux."
    )


class InvalidPhone(VenueError):
    field = "phone"
    message = (
        "Indique un numéro de téléphone français, par exemple 04 67 12 34 56 "
        "ou +33 4 67 12 34 56."
    )


class PositionOutOfRange(VenueError):
    field = "latitude"
    message = "La latitude va de -90 à 90 et la longitude de -180 à 180."


class PositionFarFromCommune(VenueError):
    field = "latitude"
    message = (
        "Cette position est à plus de 100 km de la commune choisie : vérifie la latitude et "
        "la longitude (elles sont peut-être inversées)."
    )


class InvalidPricingPoint(VenueError):
    field = "pricing_point"
    message = "Choisis pour les remboursements un lieu de ta structure qui a un SIRET."


class PricingPointRequired(VenueError):
    field = "pricing_point"
    message = "Choisis le lieu dont le SIRET servira aux remboursements de ce lieu-ci."
