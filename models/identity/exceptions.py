"""Errors of the identity domain, each carrying a French message for the person."""

from models.errors import DomainError


class IdentityError(DomainError):
    """Base of the errors raised by this domain."""


class DocumentRefused(IdentityError):
    """The file itself is refused: the person can send another one at once."""


class EmptyDocument(DocumentRefused):
    message = "Le fichier envoyé est vide. Choisis la photo ou le PDF de ta pièce d'identité."


class DocumentTooLarge(DocumentRefused):
    message = "Le fichier dépasse 10 Mo. Envoie une photo plus légère ou un PDF plus petit."


class UnsupportedDocumentType(DocumentRefused):
    message = (
        "Ce fichier n'est ni une photo (JPEG, PNG ou WebP) ni un PDF. "
        "Envoie une photo ou un scan de ta pièce d'identité."
    )


class HonourStatementMissing(IdentityError):
    message = "Coche la déclaration sur l'honneur pour envoyer ta demande."


class ProfileIncomplete(IdentityError):
    message = "Complète ton profil avant de vérifier ton identité."


class CheckAlreadyPending(IdentityError):
    message = (
        "Ta pièce d'identité est déjà en cours de vérification : "
        "attends la réponse avant d'en envoyer une autre."
    )


class AlreadyVerified(IdentityError):
    message = "Ton identité a déjà été vérifiée : tu n'as rien d'autre à envoyer."


class CreditNotOpenAtThisAge(IdentityError):
    message = (
        "Le crédit pass Culture n'est pas ouvert à ton âge aujourd'hui : "
        "tu n'as pas de pièce d'identité à envoyer."
    )


class CheckAlreadyReviewed(IdentityError):
    message = "Cette demande a déjà été traitée."


class RejectionReasonMissing(IdentityError):
    message = "Indique la raison du refus : la personne la lira pour corriger sa demande."
