"""Loading the shipped geography into the database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from shapely import to_wkb
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models.territories import geodata
from models.territories.models import (
    Commune,
    CommunePostalCode,
    Departement,
    Epci,
    GeographyDataset,
    Region,
)
from models.text import fold

BATCH_SIZE = 2000


def geography_loaded(session: Session) -> bool:
    return session.get(GeographyDataset, geodata.VINTAGE) is not None


def load_geography(session: Session) -> int:
    """Insert régions, départements, EPCI, communes and boundaries once; return communes loaded.

    Loading is skipped when this vintage is already present, so running it twice never
    duplicates anything. The caller commits.
    """
    if geography_loaded(session):
        return 0
    _insert_batches(session, Region, geodata.iter_regions())
    _insert_batches(session, Departement, geodata.iter_departements())
    _insert_batches(session, Epci, geodata.iter_epcis())
    communes = list(geodata.iter_communes())
    _insert_batches(session, Commune, (_commune_row(commune) for commune in communes))
    _insert_batches(session, CommunePostalCode, _postal_code_rows(communes))
    _store_boundaries(session, Departement, Departement.code, geodata.iter_departement_boundaries())
    _store_boundaries(session, Commune, Commune.code, geodata.iter_commune_boundaries())
    session.add(GeographyDataset(vintage=geodata.VINTAGE, commune_count=len(communes)))
    session.flush()
    return len(communes)


def _commune_row(commune: dict) -> dict:
    row = {key: value for key, value in commune.items() if key != "postal_codes"}
    row["search_name"] = fold(commune["name"])
    return row


def _postal_code_rows(communes: list[dict]) -> Iterator[dict]:
    for commune in communes:
        for postal_code in sorted(set(commune["postal_codes"])):
            yield {"postal_code": postal_code, "commune_code": commune["code"]}


def _insert_batches(session: Session, model, rows: Iterable[dict]) -> None:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_SIZE)):
        session.execute(insert(model), batch)


def _store_boundaries(session: Session, model, key, boundaries) -> None:
    rows = [{"code": code, "boundary_wkb": to_wkb(shape)} for code, shape in boundaries]
    known = set(session.scalars(select(key).where(key.in_([row["code"] for row in rows]))))
    session.execute(
        update(model),
        [{"code": row["code"], "boundary_wkb": row["boundary_wkb"]} for row in rows
         if row["code"] in known],
    )
