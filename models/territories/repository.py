"""Queries on territories: names, and the communes a territory is made of."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.territories.models import (
    Commune,
    Departement,
    Epci,
    LocalGovernmentMandate,
    MandateStatus,
    Region,
    TerritoryKind,
)

_NAMED = {
    TerritoryKind.COMMUNE: (Commune, Commune.code),
    TerritoryKind.EPCI: (Epci, Epci.siren),
    TerritoryKind.DEPARTEMENT: (Departement, Departement.code),
    TerritoryKind.REGION: (Region, Region.code),
}

_COMMUNE_COLUMN = {
    TerritoryKind.COMMUNE: Commune.code,
    TerritoryKind.EPCI: Commune.epci_siren,
    TerritoryKind.DEPARTEMENT: Commune.departement_code,
    TerritoryKind.REGION: Commune.region_code,
}


def territory_name(session: Session, kind: TerritoryKind, code: str) -> str | None:
    model, key = _NAMED[kind]
    return session.scalar(select(model.name).where(key == code))


def commune_codes_in(kind: TerritoryKind, code: str):
    """A subquery of the INSEE codes of the communes that make up a territory."""
    return select(Commune.code).where(_COMMUNE_COLUMN[kind] == code)


def validated_mandate(session: Session, user_id: int) -> LocalGovernmentMandate | None:
    return session.scalars(
        select(LocalGovernmentMandate).where(
            LocalGovernmentMandate.user_id == user_id,
            LocalGovernmentMandate.status == MandateStatus.VALIDATED,
        )
    ).first()
