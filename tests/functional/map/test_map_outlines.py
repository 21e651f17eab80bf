"""The base map drawn from the shipped geography: compact, inside the view, each border once."""

from __future__ import annotations

import gzip
import re

import pytest

from models.geo import Point
from models.map.outlines import CLIP_MARGIN_PIXELS, COMMUNE_ZOOM, base_map
from models.map.projection import Viewport

MONTPELLIER = Point(43.59945, 3.89609)
MOVE = re.compile(r"([Ml])([^Mlz]*)(z?)")


def polylines(path: str) -> list[list[tuple[int, int]]]:
    """The absolute points of each subpath of path data made of "M x y l dx dy ..." moves."""
    lines, x, y = [], 0, 0
    for command, numbers, _close in MOVE.findall(path):
        values = [int(value) for value in re.findall(r"-?\d+", numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        if command == "M":
            (x, y), = pairs
            lines.append([(x, y)])
        else:
            for dx, dy in pairs:
                x, y = x + dx, y + dy
                lines[-1].append((x, y))
    return lines


@pytest.mark.parametrize("zoom", [6, 10, 13])
def test_every_point_drawn_lies_within_the_view_and_its_margin(db_session, zoom):
    view = Viewport(MONTPELLIER, zoom)
    drawn = base_map(db_session, view)
    limit = CLIP_MARGIN_PIXELS + 1
    for line in polylines(drawn.land) + polylines(drawn.communes):
        for x, y in line:
            assert -limit <= x <= view.width + limit and -limit <= y <= view.height + limit


def test_around_montpellier_both_layers_are_drawn_in_a_few_kilobytes(db_session):
    drawn = base_map(db_session, Viewport(MONTPELLIER, 10))
    assert drawn.land and drawn.communes
    assert len(gzip.compress((drawn.land + drawn.communes).encode())) < 4_000


def test_each_commune_border_segment_is_drawn_once(db_session):
    drawn = base_map(db_session, Viewport(MONTPELLIER, 11))
    seen = set()
    for line in polylines(drawn.communes):
        for start, end in zip(line[:-1], line[1:], strict=True):
            segment = (min(start, end), max(start, end))
            assert segment not in seen
            seen.add(segment)


def test_communes_are_left_out_when_too_small_to_see(db_session):
    assert base_map(db_session, Viewport(MONTPELLIER, COMMUNE_ZOOM - 1)).communes == ""


def test_the_sea_is_left_empty(db_session):
    offshore = Viewport(Point(43.0, 4.2), 12)
    assert base_map(db_session, offshore).land == ""


def test_commune_borders_are_drawn_inside_the_search_area_only(db_session):
    view = Viewport(MONTPELLIER, 10)
    area = (200, 200, 120)
    drawn = base_map(db_session, view, area)
    assert drawn.land == base_map(db_session, view).land
    for line in polylines(drawn.communes):
        for x, y in line:
            assert (x - 200) ** 2 + (y - 200) ** 2 <= (120 + 8) ** 2
