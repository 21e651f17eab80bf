"""QR codes drawn on the server as inline SVG, readable by the counter's scanner."""

import segno


def qr_svg(text: str) -> str:
    """An SVG QR code of `text`, black on white in both colour schemes so scanners read it."""
    return segno.make(text, error="m").svg_inline(
        scale=6, border=2, dark="#000", light="#fff", svgclass="qr-code", omitsize=False
    )
