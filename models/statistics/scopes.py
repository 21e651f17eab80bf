"""The territories a figure is computed for, and those each is compared with.

A scope is a level (commune, EPCI, département, région, or the whole country) and an official
code. Its people are those whose commune of residence lies in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.territories.models import Commune, Departement, TerritoryKind
from models.territories.repository import commune_codes_in, territory_name

COUNTRY_CODE = "FR"


class Level(StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    DEPARTEMENT = "departement"
    REGION = "region"
    COUNTRY = "pays"


@dataclass(frozen=True)
class Scope:
    level: Level
    code: str

    @classmethod
    def of_territory(cls, kind: TerritoryKind, code: str) -> Scope:
        return cls(Level(kind.value), code)

    @property
    def slug(self) -> str:
        return f"{self.level.value}-{self.code}"

    def commune_codes(self):
        """A subquery of the INSEE codes of the scope's communes."""
        if self.level is Level.COUNTRY:
            return select(Commune.code)
        return commune_codes_in(TerritoryKind(self.level.value), self.code)

    def resident_clause(self, commune_column):
        """The condition on a person's commune code that puts them in this scope."""
        if self.level is Level.COUNTRY:
            return commune_column.is_not(None)
        return commune_column.in_(self.commune_codes())


COUNTRY = Scope(Level.COUNTRY, COUNTRY_CODE)


def parse_scope(slug: str | None) -> Scope | None:
    level, _, code = (slug or "").partition("-")
    if level not in Level.__members__.values() or not code or len(code) > 9:
        return None
    return Scope(Level(level), code)


def scope_name(session: Session, scope: Scope) -> str | None:
    if scope.level is Level.COUNTRY:
        return "France"
    return territory_name(session, TerritoryKind(scope.level.value), scope.code)


def comparison_scopes(session: Session, scope: Scope) -> list[Scope]:
    """The scope, then its département, its région and the country, each once.

    An EPCI spreading over two départements is compared with the one holding most of its
    communes.
    """
    departement, region = _enclosing(session, scope)
    scopes = [scope]
    if departement and scope.level in (Level.COMMUNE, Level.EPCI):
        scopes.append(Scope(Level.DEPARTEMENT, departement))
    if region and scope.level is not Level.REGION and scope.level is not Level.COUNTRY:
        scopes.append(Scope(Level.REGION, region))
    if scope.level is not Level.COUNTRY:
        scopes.append(COUNTRY)
    return scopes


def _enclosing(session: Session, scope: Scope) -> tuple[str | None, str | None]:
    if scope.level is Level.COMMUNE:
        row = session.execute(select(Commune.departement_code, Commune.region_code)
                              .where(Commune.code == scope.code)).first()
    elif scope.level is Level.EPCI:
        row = session.execute(
            select(Commune.departement_code, Commune.region_code)
            .where(Commune.epci_siren == scope.code)
            .group_by(Commune.departement_code, Commune.region_code)
            .order_by(func.count().desc(), Commune.departement_code).limit(1)
        ).first()
    elif scope.level is Level.DEPARTEMENT:
        row = session.execute(select(Departement.code, Departement.region_code)
                              .where(Departement.code == scope.code)).first()
    else:
        return None, None
    return (row[0], row[1]) if row else (None, None)
