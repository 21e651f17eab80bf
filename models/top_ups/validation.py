"""The checks of a top-up programme an officer prepares: each raises a `TopUpError`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.offers.catalogue import CATEGORIES
from models.top_ups import exceptions

MAX_AMOUNT_PER_PERSON_CENTS = 50_000
MAX_BUDGET_CENTS = 1_000_000_000
YOUNGEST, OLDEST = 15, 25
LONGEST = dt.timedelta(days=3 * 366)
MAX_NAME_LENGTH = 120


@dataclass(frozen=True)
class TopUpDraft:
    """What an officer typed, before it becomes a programme."""

    name: str
    amount_per_person_cents: int
    budget_cents: int
    category_ids: tuple[str, ...]
    starts_on: dt.date
    ends_on: dt.date
    min_age: int
    max_age: int


def check_draft(draft: TopUpDraft, today: dt.date) -> None:
    """Every rule of docs/domain/8-local-top-ups.md, "Creating a programme", in form order."""
    if not draft.name.strip() or len(draft.name.strip()) > MAX_NAME_LENGTH:
        raise exceptions.NameRequired()
    if not 100 <= draft.amount_per_person_cents <= MAX_AMOUNT_PER_PERSON_CENTS:
        raise exceptions.AmountInvalid()
    if not draft.amount_per_person_cents <= draft.budget_cents <= MAX_BUDGET_CENTS:
        raise exceptions.BudgetInvalid()
    if not draft.category_ids or any(each not in CATEGORIES for each in draft.category_ids):
        raise exceptions.CategoriesRequired()
    if draft.starts_on < today:
        raise exceptions.StartInPast()
    if draft.ends_on < draft.starts_on or draft.ends_on - draft.starts_on > LONGEST:
        raise exceptions.PeriodInvalid()
    if not YOUNGEST <= draft.min_age <= draft.max_age <= OLDEST:
        raise exceptions.AgesInvalid()
