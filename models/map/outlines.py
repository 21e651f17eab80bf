"""The base of the map: départements as land, communes as thin lines, as compact SVG paths.

The boundaries are read once per process from the database (where `load_geography` put them)
and kept in Web Mercator coordinates at zoom 0, indexed by an STRtree. Communes share their
borders, so theirs are dissolved once into a network of lines, each border drawn once. A view
then costs a tree query, a clip to the view (a few pixels beyond it, so clipped edges are not
drawn) of shapes simplified once per zoom level to about half a pixel, and a rounding to whole
pixels: the paths weigh a few kilobytes whatever the zoom.
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely import STRtree
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.map.projection import TILE_SIZE, Viewport
from models.territories.models import Commune, Departement, GeographyDataset

# Below this zoom a commune is a few pixels wide: only départements are drawn.
COMMUNE_ZOOM = 9
SIMPLIFY_PIXELS = 1.0
CLIP_MARGIN_PIXELS = 4
AREA_MARGIN_PIXELS = 6
MAX_LATITUDE_RADIANS = np.radians(85.05112878)
POLYGON = 3


class Layer:
    """Shapes in Web Mercator pixels at zoom 0, their index, and their simplified versions.

    A zoom level's simplified shapes (to `SIMPLIFY_PIXELS` at that zoom) are computed the first
    time it is drawn and kept: simplifying is the costly step, and only once per level.
    """

    def __init__(self, geometries: list, polygons: bool):
        self.geometries = np.array(geometries, dtype=object)
        self.tree = STRtree(self.geometries)
        self.polygons = polygons
        self._simplified: dict[int, np.ndarray] = {}
        self._lock = threading.Lock()

    def simplified(self, zoom: int) -> np.ndarray:
        if zoom not in self._simplified:
            with self._lock:
                if zoom not in self._simplified:
                    tolerance = SIMPLIFY_PIXELS / 2**zoom
                    self._simplified[zoom] = shapely.simplify(
                        self.geometries, tolerance, preserve_topology=self.polygons
                    )
        return self._simplified[zoom]

    def within(self, box: tuple[float, float, float, float], zoom: int) -> np.ndarray:
        return self.simplified(zoom)[self.tree.query(shapely.box(*box))]


@dataclass(frozen=True)
class Outlines:
    departements: Layer
    commune_borders: Layer


@dataclass(frozen=True)
class BaseMap:
    """SVG path data: land (départements, filled and outlined) and commune borders, drawn
    from the geography of `vintage`."""

    land: str
    communes: str
    vintage: str | None = None


def _mercator(coordinates: np.ndarray) -> np.ndarray:
    """Longitude/latitude pairs to Web Mercator pixels at zoom 0."""
    longitude, latitude = coordinates[:, 0], np.radians(coordinates[:, 1])
    latitude = np.clip(latitude, -MAX_LATITUDE_RADIANS, MAX_LATITUDE_RADIANS)
    x = (longitude + 180) / 360 * TILE_SIZE
    y = (0.5 - np.log(np.tan(np.pi / 4 + latitude / 2)) / (2 * np.pi)) * TILE_SIZE
    return np.column_stack([x, y])


def _load(session: Session) -> Outlines:
    departements = [
        shapely.transform(shapely.from_wkb(wkb), _mercator)
        for wkb in session.scalars(
            select(Departement.boundary_wkb).where(Departement.boundary_wkb.is_not(None))
        )
    ]
    commune_lines = [
        shapely.from_wkb(wkb).boundary
        for wkb in session.scalars(
            select(Commune.boundary_wkb).where(Commune.boundary_wkb.is_not(None))
        )
    ]
    borders = []
    if commune_lines:
        network = shapely.line_merge(shapely.union_all(commune_lines))
        borders = list(shapely.get_parts(shapely.transform(network, _mercator)))
    return Outlines(Layer(departements, polygons=True), Layer(borders, polygons=False))


_cache: dict[str | None, Outlines] = {}
_lock = threading.Lock()


def _vintage(session: Session) -> str | None:
    return session.scalar(select(func.max(GeographyDataset.vintage)))


def outlines(session: Session, vintage: str | None = None) -> Outlines:
    """The boundaries of the geography loaded in this database, read once per process."""
    vintage = vintage or _vintage(session)
    if vintage not in _cache:
        with _lock:
            if vintage not in _cache:
                _cache[vintage] = _load(session)
                _release_freed_memory()
    return _cache[vintage]


def _release_freed_memory() -> None:
    """Give back to the system the memory the load used and freed.

    Reading every boundary peaks at about 35 MB for outlines that keep a few; glibc's allocator
    would otherwise keep that memory in the process for good (about 30 MB a worker).
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        return


def _rounded_lines(parts: np.ndarray) -> list[np.ndarray]:
    """Each part's points rounded to whole pixels, repeated points dropped."""
    coordinates, index = shapely.get_coordinates(parts, return_index=True)
    points = np.rint(coordinates).astype(np.int64)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1) | (index[1:] != index[:-1])
    points, index = points[keep], index[keep]
    return np.split(points, np.flatnonzero(np.diff(index)) + 1)


def _unique_runs(lines: list[np.ndarray]) -> list[np.ndarray]:
    """The lines without the pixel segments already drawn, in either direction.

    Neighbouring communes were simplified one by one, so their common border is stored twice
    with slightly different vertices; once rounded to pixels the two copies mostly coincide.
    """
    drawn: set[tuple[int, int, int, int]] = set()
    runs = []
    for line in lines:
        run: list[list[int]] = []
        for (x1, y1), (x2, y2) in zip(line[:-1].tolist(), line[1:].tolist(), strict=True):
            key = (x1, y1, x2, y2) if (x1, y1) <= (x2, y2) else (x2, y2, x1, y1)
            if key in drawn:
                if len(run) > 1:
                    runs.append(np.array(run))
                run = []
                continue
            drawn.add(key)
            if not run:
                run = [[x1, y1]]
            run.append([x2, y2])
        if len(run) > 1:
            runs.append(np.array(run))
    return runs


def _chained(runs: list[np.ndarray]) -> list[np.ndarray]:
    """The runs joined end to end wherever one ends where another starts or ends.

    Borders meet three at a time, so lines split at every junction; walking on through the
    junctions draws the same network with about a third as many moves ("M x y").
    """
    at_end: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, run in enumerate(runs):
        at_end[tuple(run[0])].append(index)
        at_end[tuple(run[-1])].append(index)
    used = [False] * len(runs)
    chains = []
    for first, run in enumerate(runs):
        if used[first]:
            continue
        used[first] = True
        pieces = [run]
        while (following := next(
            (i for i in at_end[tuple(pieces[-1][-1])] if not used[i]), None
        )) is not None:
            used[following] = True
            piece = runs[following]
            if tuple(piece[0]) != tuple(pieces[-1][-1]):
                piece = piece[::-1]
            pieces.append(piece[1:])
        chains.append(np.concatenate(pieces))
    return chains


def _path(shapes: np.ndarray, closed: bool) -> str:
    """SVG path data with whole-pixel coordinates, each move relative to the previous point."""
    parts = shapely.get_parts(shapes)
    if closed:
        lines = _rounded_lines(shapely.get_rings(parts[shapely.get_type_id(parts) == POLYGON]))
    else:
        lines = _chained(_unique_runs(_rounded_lines(parts)))
    path = []
    for line in lines:
        if closed and len(line) > 1 and (line[0] == line[-1]).all():
            line = line[:-1]
        if len(line) < (3 if closed else 2):
            continue
        moves = " ".join(map(str, np.diff(line, axis=0).ravel().tolist())).replace(" -", "-")
        path.append(f"M{line[0][0]} {line[0][1]}l{moves}{'z' if closed else ''}")
    return "".join(path)


def _in_view(layer: Layer, viewport: Viewport) -> np.ndarray:
    """The layer's shapes for this zoom, clipped to the view and moved to its pixels."""
    left, top = viewport.origin
    scale = viewport.scale
    margin = CLIP_MARGIN_PIXELS
    box = (
        (left - margin) / scale, (top - margin) / scale,
        (left + viewport.width + margin) / scale, (top + viewport.height + margin) / scale,
    )
    shapes = shapely.clip_by_rect(layer.within(box, viewport.zoom), *box)
    return shapely.transform(shapes, lambda xy: xy * scale - (left, top))


def base_map(session: Session, viewport: Viewport,
             area: tuple[float, float, float] | None = None) -> BaseMap:
    """The land and commune borders one view shows, as SVG path data in its pixels.

    Commune borders are drawn inside `area` only (a circle: x, y, radius in pixels), the search
    area where the venues are: outside it they would weigh without telling anything. The same
    views come back often (each commune's default view, the steps of the arrows), so the latest
    few hundred are kept.
    """
    vintage = _vintage(session)
    outlines(session, vintage)
    if area is not None:
        x, y, radius = (round(value) for value in area)
        corners = ((0, 0), (viewport.width, 0), (0, viewport.height),
                   (viewport.width, viewport.height))
        covers_view = all(math.hypot(cx - x, cy - y) <= radius for cx, cy in corners)
        area = None if covers_view else (x, y, radius)
    return _draw(vintage, viewport, area)


@lru_cache(maxsize=256)
def _draw(vintage: str | None, viewport: Viewport,
          area: tuple[int, int, int] | None) -> BaseMap:
    layers = _cache[vintage]
    land = _path(_in_view(layers.departements, viewport), closed=True)
    communes = ""
    if viewport.zoom >= COMMUNE_ZOOM:
        borders = _in_view(layers.commune_borders, viewport)
        if area is not None:
            x, y, radius = area
            borders = shapely.intersection(
                borders, shapely.Point(x, y).buffer(radius + AREA_MARGIN_PIXELS, quad_segs=16)
            )
        communes = _path(borders, closed=False)
    return BaseMap(land, communes, vintage)
