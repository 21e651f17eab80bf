"""Draw the app icons as PNG files (run once; the results are committed under webapp/static/img).

Pure Python (zlib) so that no image library is needed: a purple tile with a white "p" — a ring
and a stem — drawn with signed distances and 4×4 supersampling for smooth edges. Maskable icons
fill the whole square and keep the letter inside the central safe zone, as browsers crop them.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

PURPLE = (91, 31, 199)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "webapp" / "static" / "img"


def _coverage(x: float, y: float, size: int, maskable: bool) -> tuple[float, float]:
    """(tile alpha, letter alpha) at a point, in [0, 1], for a square icon of `size` pixels."""
    u, v = x / size, y / size
    radius = 0.0 if maskable else 0.22
    inside_tile = 1.0
    if radius:
        cx = min(max(u, radius), 1 - radius)
        cy = min(max(v, radius), 1 - radius)
        inside_tile = 1.0 if (u - cx) ** 2 + (v - cy) ** 2 <= radius**2 else 0.0
    scale = 0.62 if maskable else 0.8
    lu, lv = (u - 0.5) / scale + 0.5, (v - 0.5) / scale + 0.5
    ring_center, outer, inner = (0.56, 0.44), 0.21, 0.11
    distance = ((lu - ring_center[0]) ** 2 + (lv - ring_center[1]) ** 2) ** 0.5
    ring = inner <= distance <= outer
    stem = 0.35 <= lu <= 0.45 and 0.23 <= lv <= 0.84
    return inside_tile, 1.0 if (ring or stem) and inside_tile else 0.0


def draw(size: int, maskable: bool) -> bytes:
    rows = []
    samples = 4
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            tile = letter = 0.0
            for sy in range(samples):
                for sx in range(samples):
                    t, lt = _coverage(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples,
                                      size, maskable)
                    tile += t
                    letter += lt
            tile /= samples**2
            letter /= samples**2
            colour = [
                round(p * (1 - letter / max(tile, 1e-9)) + w * (letter / max(tile, 1e-9)))
                for p, w in zip(PURPLE, WHITE, strict=True)
            ]
            row += bytes(colour) + bytes([round(255 * tile)])
        rows.append(bytes(row))
    return _png(size, size, b"".join(rows))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main() -> None:
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(draw(size, maskable=False))
        (OUT / f"icon-maskable-{size}.png").write_bytes(draw(size, maskable=True))


if __name__ == "__main__":
    main()
