"""What a person can still spend, to filter offers by it or mark those above it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_

from models.credit.repository import CreditSummary, SpendableCredit, subcategories_with_cap
from models.offers.catalogue import SUBCATEGORIES, CapKind
from models.offers.models import Offer, Stock


@dataclass(frozen=True)
class Budget:
    """The remaining credit, and what remains under the digital cap when there is one.

    A young person without a current deposit has a budget of zero: only free offers are
    within reach. Anonymous visitors have no budget at all (`None` where one is expected).
    """

    remaining_cents: int
    digital_remaining_cents: int | None = None

    @classmethod
    def of(cls, summary: CreditSummary | None) -> Budget:
        if summary is None:
            return cls(0)
        return cls(summary.remaining_cents, summary.cap_remaining_cents(CapKind.DIGITAL))

    @classmethod
    def of_spendable(cls, credit: SpendableCredit | None) -> Budget:
        """The budget of `spendable_credit`'s answer: zero without a current deposit."""
        if credit is None:
            return cls(0)
        return cls(credit.remaining_cents, credit.digital_remaining_cents)

    def covers(self, price_cents: int, subcategory_id: str) -> bool:
        if price_cents > self.remaining_cents:
            return False
        if self.digital_remaining_cents is not None and SUBCATEGORIES[subcategory_id].is_digital:
            return price_cents <= self.digital_remaining_cents
        return True

    def stock_clause(self):
        """SQL clause on a stock joined to its offer: one place fits in this budget."""
        clause = Stock.price_cents <= self.remaining_cents
        if self.digital_remaining_cents is None:
            return clause
        return and_(
            clause,
            or_(
                Offer.subcategory_id.not_in(subcategories_with_cap(CapKind.DIGITAL)),
                Stock.price_cents <= self.digital_remaining_cents,
            ),
        )
