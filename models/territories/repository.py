"""Queries on territories: names, and the communes a territory is made of."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.territories.models import (
    Commune,
    CommunePostalCode,
    Departement,
    Epci,
    LocalGovernmentMandate,
    MandateStatus,
    Region,
    TerritoryKind,
)
from models.text import fold

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


def search_communes(session: Session, text: str, limit: int = 8) -> list[Commune]:
    """Communes matching a postal code or the start of a name, the most populated first.

    "34000", "montp", "saint etienne" and "Saint-Étienne" all find what people expect: names
    are compared folded (no accents, no hyphens), postal codes by prefix.
    """
    text = text.strip()
    if not text:
        return []
    if text.isdigit():
        query = (
            select(Commune)
            .join(CommunePostalCode)
            .where(CommunePostalCode.postal_code.startswith(text))
            .distinct()
        )
    else:
        folded = fold(text)
        if len(folded) < 2:
            return []
        query = select(Commune).where(Commune.search_name.startswith(folded))
    query = query.order_by(Commune.population.desc().nulls_last(), Commune.name).limit(limit)
    return list(session.scalars(query.options(selectinload(Commune.postal_codes))))


def get_commune(session: Session, code: str) -> Commune | None:
    return session.get(Commune, code)


def resolve_commune(
    session: Session, code: str | None, text: str | None
) -> tuple[Commune | None, list[Commune]]:
    """The commune a person chose, or the candidates to choose from.

    A chosen INSEE code wins. Otherwise the typed text decides when it designates one commune
    (a single match, or a single exact name); else the matches are returned for the person to
    pick one, which is how the choice works without JavaScript.
    """
    if code:
        commune = session.get(Commune, code)
        if commune is not None:
            return commune, []
    candidates = search_communes(session, text or "")
    if len(candidates) == 1:
        return candidates[0], []
    exact = [commune for commune in candidates if commune.search_name == fold(text or "")]
    if len(exact) == 1:
        return exact[0], []
    return None, candidates


def regions_with_departements(session: Session) -> list[tuple[Region, list[Departement]]]:
    """Every région with its départements, both in the order of their official codes."""
    departements = session.scalars(select(Departement).order_by(Departement.code)).all()
    by_region: dict[str, list[Departement]] = {}
    for departement in departements:
        by_region.setdefault(departement.region_code, []).append(departement)
    regions = session.scalars(select(Region).order_by(Region.code)).all()
    return [(region, by_region.get(region.code, [])) for region in regions]
