"""Factories for the tests: each builds a valid object with sensible defaults, adds it and flushes.

Keyword arguments override any column. They never commit: the test decides when.
"""

from tests.factories.credit import deposit
from tests.factories.offerers import structure, venue
from tests.factories.offers import offer, stock
from tests.factories.users import PASSWORD, admin, pro, territory_officer, user, young

__all__ = [
    "PASSWORD",
    "admin",
    "deposit",
    "offer",
    "pro",
    "stock",
    "structure",
    "territory_officer",
    "user",
    "venue",
    "young",
]
