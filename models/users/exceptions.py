"""Errors of the users domain, each carrying a French message for the person."""

from models.errors import DomainError


class UserError(DomainError):
    """Base of the errors raised by this domain."""


class InvalidCredentials(UserError):
    message = (
        "Adresse e-mail ou mot de passe incorrect."
    )


class EmailAlreadyUsed(UserError):
    message = (
        "Un compte existe déjà avec cette adresse e-mail."
    )


class WeakPassword(UserError):
    """The password breaks some of the rules; `missing` names them, in the order shown."""

    message = "Ton mot de passe ne respecte pas toutes les règles."

    def __init__(self, missing):
        self.missing = tuple(missing)
        super().__init__()

    def __str__(self) -> str:
        return f"{self.message} ({', '.join(rule.label for rule in self.missing)})"


class WrongCurrentPassword(UserError):
    message = "Ton mot de passe actuel est incorrect."


class SamePassword(UserError):
    message = "Ton nouveau mot de passe doit être différent de l'actuel."


class SameEmail(UserError):
    message = "C'est déjà l'adresse e-mail de ton compte."


class BirthDateInFuture(UserError):
    message = "Ta date de naissance ne peut pas être dans le futur."


class BirthDateImplausible(UserError):
    message = "Vérifie l'année de ta date de naissance : elle semble incorrecte."


class TooYoungToSignUp(UserError):
    message = "Il faut avoir au moins 15 ans pour créer un compte pass Culture."


class InvalidLink(UserError):
    message = (
        "Ce lien n'est pas valable. Vérifie que tu l'as copié en entier, "
        "ou demande un nouveau lien."
    )


class ExpiredLink(InvalidLink):
    message = "Ce lien a expiré. Demande un nouveau lien pour continuer."


class UsedLink(InvalidLink):
    message = "Ce lien a déjà servi. Demande un nouveau lien si tu en as encore besoin."


class EmailAlreadyConfirmed(UserError):
    message = "Ton adresse e-mail est déjà confirmée."


class PostalCodeMismatch(UserError):
    message = "Ce code postal ne correspond pas à la commune choisie."


class VerifiedNamesLocked(UserError):
    message = (
        "Ton prénom et ton nom ont été vérifiés avec ta pièce d'identité : "
        "écris au support pour les corriger."
    )


class WrongPassword(UserError):
    message = "Le mot de passe est incorrect."


class AccountSuspended(UserError):
    message = (
        "Ce compte est suspendu. Écris au support du pass Culture pour en savoir plus."
    )


class AlreadySuspended(UserError):
    message = "Ce compte est déjà suspendu."


class NotSuspended(UserError):
    message = "Ce compte n'est pas suspendu."


class CannotSuspendYourself(UserError):
    message = "Tu ne peux pas suspendre ton propre compte."
