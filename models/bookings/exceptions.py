"""Why a booking, a cancellation or a validation at the counter is refused."""

from models.errors import DomainError


class BookingRefused(DomainError):
    """Base of the refusals of a booking."""


class OfferNotBookable(BookingRefused):
    message = "Cette offre n'est pas réservable pour le moment."


class SoldOut(BookingRefused):
    message = "Il n'y a plus de place disponible pour cette offre."


class BookingClosed(BookingRefused):
    message = "Les réservations sont closes pour cette date."


class AlreadyBooked(BookingRefused):
    message = "Tu as déjà une réservation en cours pour cette offre."


class QuantityNotAllowed(BookingRefused):
    message = "Tu peux réserver une place, ou deux places pour une offre duo."


class TooYoung(BookingRefused):
    message = "Il faut avoir au moins 15 ans pour réserver sur le pass Culture."


class FreeOffersOnly(BookingRefused):
    message = "Sans crédit pass Culture en cours, tu peux réserver uniquement les offres gratuites."


class ForbiddenToMinors(BookingRefused):
    message = "Cette offre est réservée aux personnes majeures."


class PaidForbiddenToMinors(BookingRefused):
    message = "Avant 18 ans, cette offre est réservable seulement si elle est gratuite."


class InsufficientCredit(BookingRefused):
    message = "Ton crédit restant ne suffit pas pour cette réservation."


class DigitalCapReached(BookingRefused):
    message = "Cette réservation dépasserait ton plafond de dépenses pour les offres numériques."


class PhysicalCapReached(BookingRefused):
    message = "Cette réservation dépasserait ton plafond de dépenses pour les biens physiques."


class AccountSuspended(BookingRefused):
    message = (
        "Ton compte est suspendu : tu ne peux pas réserver pour le moment. Écris au support "
        "du pass Culture pour en savoir plus."
    )


class CancellationRefused(DomainError):
    """Base of the refusals of a cancellation."""


class CancellationTooLate(CancellationRefused):
    message = "Le délai d'annulation de cette réservation est dépassé."


class BookingNotCancellable(CancellationRefused):
    message = "Cette réservation ne peut plus être annulée."


class ValidationRefused(DomainError):
    """Base of the refusals at the counter."""


class TooEarlyToValidate(ValidationRefused):
    message = (
        "Cette contremarque ne peut pas encore être validée : la personne peut encore annuler."
    )


class BookingExpired(ValidationRefused):
    message = "Cette réservation a expiré : elle n'a pas été retirée à temps."


class AlreadyUsed(ValidationRefused):
    message = "Cette contremarque a déjà été validée."


class BookingCancelled(ValidationRefused):
    message = "Cette réservation a été annulée."


class AlreadyReimbursed(ValidationRefused):
    message = "Cette réservation a déjà été remboursée : la validation ne peut plus être annulée."


class NotValidated(ValidationRefused):
    message = "Cette contremarque n'a pas été validée."
