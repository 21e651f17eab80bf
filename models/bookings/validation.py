"""The checks of a booking, in the order of docs/domain/5-bookings.md: each raises a
`BookingRefused`."""

from __future__ import annotations

import datetime as dt

from models.bookings import exceptions
from models.credit.repository import CreditSummary
from models.offerers.models import StructureStatus
from models.offers.catalogue import CapKind, Subcategory
from models.offers.models import Offer, Stock, Validation
from models.users.models import User

MINIMUM_AGE = 15
AGE_OF_MAJORITY = 18


def check_not_suspended(user: User) -> None:
    """A suspended person books nothing until staff lift it (docs/domain/support.md)."""
    if user.suspended_at is not None:
        raise exceptions.AccountSuspended()


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
    """Who may book what: free offers from 15, paid ones with a running credit, and the flag of
    the subcategory for people under 18 (docs/domain/3-catalogue.md)."""
    if age is None or age < MINIMUM_AGE:
        raise exceptions.TooYoung()
    if age < AGE_OF_MAJORITY and subcategory.refused_to_minors(amount_cents):
        if subcategory.forbidden_to_minors:
            raise exceptions.ForbiddenToMinors()
        raise exceptions.PaidForbiddenToMinors()
    if amount_cents > 0 and not has_deposit:
        raise exceptions.FreeOffersOnly()


def check_credit(summary: CreditSummary, subcategory: Subcategory, amount_cents: int) -> None:
    """The total credit first, then the cap of the subcategory's kind, if any.

    A credit that never received money (the 0 € credit of 15- and 16-year-olds) is refused as
    "free offers only", which says more than "not enough credit left".
    """
    if summary.granted_cents == 0:
        raise exceptions.FreeOffersOnly()
    if amount_cents > summary.remaining_cents:
        raise exceptions.InsufficientCredit()
    if subcategory.cap is None:
        return
    remaining_under_cap = summary.cap_remaining_cents(subcategory.cap)
    if remaining_under_cap is not None and amount_cents > remaining_under_cap:
        if subcategory.cap is CapKind.DIGITAL:
            raise exceptions.DigitalCapReached()
        raise exceptions.PhysicalCapReached()
