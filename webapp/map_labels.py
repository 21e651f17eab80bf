"""What a map view writes: the names of its main communes, placed without overlap, and a scale.

Labels are placed in the SVG's own units (the map is 400 × 400 whatever its size on screen),
the most populated commune first; a label that would cover another label, a marker or the
scale is left out. Their size follows the text size (`font-size` in rem), so each label is
also tried at twice its size: those that still fit are "major" and always shown; the others are
hidden by the stylesheet when the text is enlarged (css/young/map.css), so that enlarged labels
never overlap either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from models.map.places import Place
from models.map.projection import Viewport
from models.map.scene import CLUSTER_RADIUS, MARKER_RADIUS, MapScene, VenueMark

# The label font in SVG units at normal text size (css/young/map.css: .875rem), and the share
# of it an average letter of a sans-serif font takes, a little generously.
LABEL_FONT = 14
LETTER_WIDTH = 0.62
LINE_HEIGHT = 1.25
MAX_LABELS = 7
EDGE = 3
SCALE_MAX_PIXELS = 100
SCALE_X, SCALE_Y = 12, 384
NICE_STEPS = (1, 2, 5)
# Where a name may stand, from its commune's centre: on it, just above or below, or clear of
# the person's position when the map is centred on that very commune.
OFFSETS = (0, -LABEL_FONT, LABEL_FONT, -34, 34)

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class MapLabel:
    name: str
    x: float
    y: float
    major: bool


@dataclass(frozen=True)
class ScaleBar:
    pixels: float
    text: str
    x: float = SCALE_X
    y: float = SCALE_Y


def _box(name: str, x: float, y: float, scale: float = 1) -> Box:
    half_width = len(name) * LETTER_WIDTH * LABEL_FONT * scale / 2 + 2
    half_height = LINE_HEIGHT * LABEL_FONT * scale / 2
    return x - half_width, y - half_height, x + half_width, y + half_height


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: Box, viewport: Viewport) -> bool:
    return (box[0] >= EDGE and box[1] >= EDGE and box[2] <= viewport.width - EDGE
            and box[3] <= viewport.height - EDGE)


def _obstacles(scene: MapScene, scale: ScaleBar) -> list[Box]:
    """Markers, clusters, the person's position and the scale: labels keep clear of them."""
    boxes = []
    for mark in scene.marks:
        radius = (MARKER_RADIUS if isinstance(mark, VenueMark) else CLUSTER_RADIUS) + 3
        boxes.append((mark.x - radius, mark.y - radius, mark.x + radius, mark.y + radius))
    you = scene.position
    boxes.append((you.x - 23, you.y - 23, you.x + 23, you.y + 23))
    boxes.append((0, scale.y - LABEL_FONT - 8, scale.x + scale.pixels + 8, scene.viewport.height))
    return boxes


def commune_labels(scene: MapScene, places: list[Place], scale: ScaleBar) -> list[MapLabel]:
    """The names of the most populated communes in view that fit, each on its commune's centre
    or a little above or below it."""
    viewport = scene.viewport
    obstacles = _obstacles(scene, scale)
    placed: list[Box] = []
    enlarged: list[Box] = []
    labels = []
    for place in places:
        if len(labels) == MAX_LABELS:
            break
        x, y = viewport.project(place.point.latitude, place.point.longitude)
        for dy in OFFSETS:
            box = _box(place.name, x, y + dy)
            if _inside(box, viewport) and not any(_overlaps(box, other)
                                                  for other in [*placed, *obstacles]):
                big = _box(place.name, x, y + dy, scale=2)
                major = _inside(big, viewport) and not any(_overlaps(big, other)
                                                           for other in enlarged)
                placed.append(box)
                if major:
                    enlarged.append(big)
                labels.append(MapLabel(place.name, round(x), round(y + dy), major))
                break
    return labels


def scale_bar(viewport: Viewport) -> ScaleBar:
    """The longest round distance (1, 2 or 5 times a power of ten) within 100 pixels."""
    km_per_pixel = viewport.km_per_pixel()
    longest = SCALE_MAX_PIXELS * km_per_pixel
    power = 10 ** math.floor(math.log10(longest))
    distance = max(step * power for step in NICE_STEPS if step * power <= longest)
    text = f"{distance:g} km" if distance >= 1 else f"{distance * 1000:g} m"
    return ScaleBar(round(distance / km_per_pixel, 1), text)
