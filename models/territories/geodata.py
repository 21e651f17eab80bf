"""Read the French geography shipped in the ``data`` directory next to this module.

The files are produced by ``scripts/build_geography.py``; ``data/SOURCES.md``
says where they come from. This module depends only on the standard library
and shapely (with its numpy) so that it can be used outside the web application.
"""

from __future__ import annotations

import csv
import gzip
import json
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

VINTAGE = "2026"

DATA_DIR = Path(__file__).parent / "data"


def _read_json(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _read_csv(name: str) -> Iterator[dict[str, str]]:
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _read_boundaries(name: str) -> Iterator[tuple[str, BaseGeometry]]:
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8") as handle:
        collection = json.load(handle)
    for feature in collection["features"]:
        yield feature["properties"]["code"], shape(feature["geometry"])


def iter_regions() -> Iterator[dict]:
    """Yield ``{"code", "name"}`` for each région, sorted by code."""
    for record in _read_json("regions.json"):
        yield {"code": record["code"], "name": record["name"]}


def iter_departements() -> Iterator[dict]:
    """Yield ``{"code", "name", "region_code", "timezone"}`` for each département."""
    for record in _read_json("departements.json"):
        yield {
            "code": record["code"],
            "name": record["name"],
            "region_code": record["region_code"],
            "timezone": record["timezone"],
        }


def iter_epcis() -> Iterator[dict]:
    """Yield ``{"siren", "name", "kind"}`` for each EPCI; kind is CA, CC, CU, METRO or MET69."""
    for row in _read_csv("epci.csv.gz"):
        yield {"siren": row["siren"], "name": row["name"], "kind": row["kind"]}


def iter_communes() -> Iterator[dict]:
    """Yield one dict per current commune, sorted by INSEE code.

    Empty cells stand for missing values: a few island communes belong to no
    EPCI, so their ``epci_siren`` is None.
    """
    for row in _read_csv("communes.csv.gz"):
        yield {
            "code": row["code"],
            "name": row["name"],
            "postal_codes": row["postal_codes"].split(),
            "population": int(row["population"]) if row["population"] else None,
            "epci_siren": row["epci_siren"] or None,
            "departement_code": row["departement_code"],
            "region_code": row["region_code"],
            "latitude": float(row["latitude"]),
            "longitude": float(row["longitude"]),
        }


def iter_departement_boundaries() -> Iterator[tuple[str, BaseGeometry]]:
    """Yield ``(code, Polygon | MultiPolygon)`` for every département, in WGS84 lon/lat."""
    yield from _read_boundaries("boundaries_departements.geojson.gz")


# Written by scripts/build_geography.py: see data/SOURCES.md.
OUTLINE_GRID = 0.001


@lru_cache(maxsize=16)
def commune_outlines(departement_code: str) -> dict[str, tuple[np.ndarray, ...]]:
    """The coarse outlines of every commune of a département: INSEE code to its rings, each an
    array of (longitude, latitude) in WGS84, outer rings and holes alike (drawn even-odd)."""
    try:
        with zipfile.ZipFile(DATA_DIR / "commune_outlines.zip") as archive:
            entry = archive.read(f"{departement_code}.json")
    except KeyError:
        return {}
    return {code: tuple(_ring(steps) for steps in rings)
            for code, rings in json.loads(entry).items()}


def _ring(steps: list[int]) -> np.ndarray:
    return np.cumsum(np.array(steps, dtype=float).reshape(-1, 2), axis=0) * OUTLINE_GRID


def iter_commune_boundaries() -> Iterator[tuple[str, BaseGeometry]]:
    """Yield ``(code, Polygon | MultiPolygon)`` for the communes of the experiment départements."""
    yield from _read_boundaries("boundaries_communes.geojson.gz")
