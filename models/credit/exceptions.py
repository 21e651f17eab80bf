"""Errors of the credit domain, each carrying a French message for the person."""


class CreditError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotEligible(CreditError):
    def __init__(self):
        super().__init__(
            "Le crédit est ouvert de tes 17 ans à la veille de tes 19 ans : "
            "tu n'es pas dans cette tranche d'âge."
        )


class AlreadyHasDeposit(CreditError):
    def __init__(self):
        super().__init__("Tu as déjà reçu ton crédit pass Culture.")
