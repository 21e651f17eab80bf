"""A figure as a local government may see it: a value, or the reason it is withheld.

Every number the territory pages and their CSV show is one of these, built by the secrecy rules
of `models.statistics.secrecy` (docs/domain/7-territories.md). The reasons are French sentences
a screen reader reads out as they stand; they are also the ids of their translations.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    PUBLISHED = "published"
    SECRET = "secret"


class Reason:
    """Why a figure is withheld, in the words shown in its place."""

    FEW_PARTNERS = "Secret statistique : moins de 4 partenaires"
    DOMINANT_PARTNER = (
        "Secret statistique : un seul partenaire fait plus de 85 pour cent du montant")
    SMALL_DENOMINATOR = "Secret statistique : moins de 20 personnes au dénominateur"
    SECRET_PART = "Secret statistique : une partie du calcul est secrète"
    COMPLEMENT = "Secret statistique : masqué pour protéger une autre case du tableau"


@dataclass(frozen=True)
class Figure:
    """`value` is None exactly when the figure is secret, and `reason` then says why.

    A ratio keeps the published numerator and denominator it was computed from, so the CSV can
    show them; a secret ratio shows neither.
    """

    value: int | float | None
    status: Status
    reason: str | None = None
    numerator: int | None = None
    denominator: int | None = None

    @classmethod
    def published(cls, value: int | float, numerator: int | None = None,
                  denominator: int | None = None) -> Figure:
        return cls(value, Status.PUBLISHED, None, numerator, denominator)

    @classmethod
    def secret(cls, reason: str) -> Figure:
        return cls(None, Status.SECRET, reason)

    @property
    def is_secret(self) -> bool:
        return self.status is Status.SECRET
