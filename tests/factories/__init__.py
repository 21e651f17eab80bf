"""Factories for the tests: each builds a valid object with sensible defaults, adds it and flushes.

Keyword arguments override any column. They never commit: the test decides when.
"""

from tests.factories.credit import deposit
from tests.factories.offerers import structure, venue
from tests.factories.offers import offer, stock
from tests.factories.users import (
    PASSWORD,
    Role,
    admin,
    password_hash,
    pro,
    staff,
    territory_officer,
    user,
    young,
    young_pro,
)

__all__ = [
    "PASSWORD",
    "Role",
    "admin",
    "deposit",
    "password_hash",
    "offer",
    "pro",
    "staff",
    "stock",
    "structure",
    "territory_officer",
    "user",
    "venue",
    "young",
    "young_pro",
]
