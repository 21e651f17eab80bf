"""Errors of moderation, each carrying a French message for staff."""

from models.errors import DomainError


class ModerationError(DomainError):
    """Base of the errors raised by this domain."""


class AlreadyDecided(ModerationError):
    message = ("Cette offre n'attend plus de décision : un autre membre de l'équipe l'a déjà "
               "validée ou refusée.")


class ReasonRequired(ModerationError):
    message = "Indique la raison : la personne concernée la lira."


class NothingSelected(ModerationError):
    message = "Coche au moins une offre à valider."


class InvalidRule(ModerationError):
    """A rule's settings refused, each message tied to the field it concerns."""

    message = "La règle n'est pas valide."

    def __init__(self, fields: dict[str, str]):
        self.fields = fields
        super().__init__()


class AlreadyWatched(ModerationError):
    message = "Cette structure est déjà sous surveillance."


class NotWatched(ModerationError):
    message = "Cette structure n'est pas sous surveillance."


class UnknownStructure(ModerationError):
    message = "Aucune structure n'a ce SIREN sur la plateforme."


class ReportsAlreadyResolved(ModerationError):
    message = ("Les signalements de cet avis ont déjà été traités par un autre membre de "
               "l'équipe.")
