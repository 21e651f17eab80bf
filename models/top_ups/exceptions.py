"""Errors of the local top-ups, each carrying a French message for the person."""

from models.errors import DomainError


class TopUpError(DomainError):
    """Base of the errors raised by this domain; `field` names the form field it is about."""

    field: str | None = None


class TopUpNotPermitted(TopUpError):
    message = "Ta collectivité n'a pas encore l'autorisation de financer un crédit local."


class NotAnOfficer(TopUpError):
    message = "Seul un agent de collectivité validé peut recevoir cette autorisation."


class AlreadyPermitted(TopUpError):
    message = "Cet agent a déjà l'autorisation de financer un crédit local."


class NameRequired(TopUpError):
    field = "name"
    message = "Donne un nom au crédit local (120 caractères au plus)."


class AmountInvalid(TopUpError):
    field = "amount_per_person"
    message = "Le montant par personne va de 1 € à 500 €."


class BudgetInvalid(TopUpError):
    field = "budget"
    message = (
        "Le budget total doit couvrir au moins le montant d'une personne, "
        "et 10 000 000 € au plus."
    )


class CategoriesRequired(TopUpError):
    field = "categories"
    message = "Choisis au moins une catégorie d'offres parmi la liste."


class PeriodInvalid(TopUpError):
    field = "ends_on"
    message = "La période doit finir après son début, et durer 3 ans au plus."


class StartInPast(TopUpError):
    field = "starts_on"
    message = "La période ne peut pas commencer avant aujourd'hui."


class AgesInvalid(TopUpError):
    field = "min_age"
    message = "Les âges vont de 15 à 25 ans, le plus jeune d'abord."
