"""QR codes drawn on the server as inline SVG, readable by the counter's scanner."""

import segno


def qr_svg(text: str, title: str) -> str:
    """An SVG QR code of `text`, black on white in both colour schemes so scanners read it.

    `title` is its text alternative. Segno writes it as the SVG's <title> but gives the SVG no
    role; role="img" makes assistive technologies announce the drawing as one named image.
    """
    svg = segno.make(text, error="m").svg_inline(
        scale=6, border=2, dark="#000", light="#fff", svgclass="qr-code", omitsize=False,
        title=title,
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)
