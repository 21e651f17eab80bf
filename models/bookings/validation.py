"""The checks of a booking, in the order of DOMAIN.md section 5: each raises a `BookingRefused`."""

from __future__ import annotations

import datetime as dt

from models.bookings import exceptions
from models.credit.repository import CreditSummary
from models.offerers.models import StructureStatus
from models.offers.catalogue import CapKind, Subcategory
from models.offers.models import Offer, Stock, Validation

MINIMUM_AGE = 15
AGE_OF_MAJORITY = 18


def check_stock_bookable(stock: Stock, offer: Offer, now: dt.datetime) -> None:
    """The offer is published and validated, the stock exists, has places and is still open."""
    if (
        stock.is_deleted
        or offer.validation is not Validation.APPROVED
        or not offer.is_active
        or offer.venue.structure.status is not StructureStatus.VALIDATED
    ):
        raise exceptions.OfferNotBookable()
    if stock.booking_limit_at is not None and stock.booking_limit_at <= now:
        raise exceptions.BookingClosed()
    if stock.beginning_at is not None and stock.beginning_at <= now:
        raise exceptions.BookingClosed()
    if stock.remaining_quantity is not None and stock.remaining_quantity <= 0:
        raise exceptions.SoldOut()


def check_quantity(offer: Offer, quantity: int) -> None:
    allowed = (1, 2) if offer.is_duo and offer.subcategory.duo_allowed else (1,)
    if quantity not in allowed:
        raise exceptions.QuantityNotAllowed()


def check_age_rules(
    age: int | None, subcategory: Subcategory, amount_cents: int, has_deposit: bool
) -> None:
    """Who may book what: free offers from 15, paid ones with a running credit, minors' limits."""
    if age is None or age < MINIMUM_AGE:
        raise exceptions.TooYoung()
    minor = age < AGE_OF_MAJORITY
    if minor and subcategory.forbidden_to_minors:
        raise exceptions.ForbiddenToMinors()
    if amount_cents == 0:
        return
    if minor and subcategory.is_digital:
        raise exceptions.PaidDigitalForMinors()
    if not has_deposit:
        raise exceptions.FreeOffersOnly()


def check_credit(summary: CreditSummary, subcategory: Subcategory, amount_cents: int) -> None:
    """The total credit first, then the cap of the subcategory's kind, if any."""
    if amount_cents > summary.remaining_cents:
        raise exceptions.InsufficientCredit()
    if subcategory.cap is None:
        return
    remaining_under_cap = summary.cap_remaining_cents(subcategory.cap)
    if remaining_under_cap is not None and amount_cents > remaining_under_cap:
        if subcategory.cap is CapKind.DIGITAL:
            raise exceptions.DigitalCapReached()
        raise exceptions.PhysicalCapReached()
