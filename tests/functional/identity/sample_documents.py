"""Small but real files of each accepted type, built in code so no binary fixture is stored."""

from __future__ import annotations

import base64
import struct
import zlib


def jpeg() -> bytes:
    """A valid baseline JPEG: one 8×8 block of mid grey, with one-code Huffman tables."""
    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", marker, len(payload) + 2) + payload

    one_code_table = bytes([1] + [0] * 15) + b"\x00"
    return b"".join([
        b"\xff\xd8",
        segment(0xFFE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
        segment(0xFFDB, b"\x00" + b"\x01" * 64),
        segment(0xFFC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00"),
        segment(0xFFC4, b"\x00" + one_code_table),
        segment(0xFFC4, b"\x10" + one_code_table),
        segment(0xFFDA, b"\x01\x01\x00\x00\x3f\x00"),
        # DC difference 0 (code "0"), end of block (code "0"), padded with ones.
        b"\x3f",
        b"\xff\xd9",
    ])


def png() -> bytes:
    """A 1×1 opaque PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x5b\x1f\xc7")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(
        b"IEND", b""
    )


def webp() -> bytes:
    """A 1×1 lossless WebP (the one browsers' feature tests decode)."""
    return base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")


def pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref
    )
    return body


def text_renamed() -> bytes:
    """What a .txt file renamed .jpg contains: text, whatever its name says."""
    return "Ceci n'est pas une photo, même si son nom finit par .jpg.\n".encode()
