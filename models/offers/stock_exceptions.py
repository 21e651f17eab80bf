"""Why a stock, a date or a price category is refused (docs/domain/4-offers.md, "Stocks and dates").

Each error names the form field it belongs beside (`field`), so that the web layer shows the
sentence next to what the pro typed; `None` means the form as a whole.
"""

from models.errors import DomainError


class StockRefused(DomainError):
    """Base of the refusals of a stock, a date or a price category."""

    field: str | None = None


class PriceOutOfRange(StockRefused):
    message = "Le prix doit être compris entre 0 et 300 €."
    field = "price"


class QuantityBelowBooked(StockRefused):
    message = "La quantité ne peut pas être inférieure au nombre de places déjà réservées."
    field = "quantity"


class NegativeQuantity(StockRefused):
    message = "La quantité doit être un nombre positif, ou vide pour un nombre illimité."
    field = "quantity"


class StartRequired(StockRefused):
    message = "Indique la date et l'heure de l'événement."
    field = "beginning_date"


class StartInPast(StockRefused):
    message = "Cette date est déjà passée : choisis une date à venir."
    field = "beginning_date"


class RecurrenceInPast(StockRefused):
    message = (
        "Certaines dates de cette récurrence sont déjà passées : "
        "fais commencer la période plus tard."
    )
    field = "first_day"


class BookingLimitAfterStart(StockRefused):
    message = "La date limite de réservation doit être avant le début de l'événement."
    field = "booking_limit_date"


class DateAlreadyExists(StockRefused):
    message = "Cette date existe déjà pour ce tarif."
    field = "beginning_date"


class PriceCategoryRequired(StockRefused):
    message = "Choisis un tarif parmi ceux de l'offre."
    field = "price_category_id"


class LabelTaken(StockRefused):
    message = "Un tarif de cette offre porte déjà ce nom."
    field = "label"


class NotAnEvent(StockRefused):
    message = "Seul un événement a des dates et des tarifs."


class StockAlreadyExists(StockRefused):
    message = "Cette offre a déjà un stock : modifie-le."


class StockCancelled(StockRefused):
    message = "Cette date a été annulée : elle ne peut plus être modifiée."
