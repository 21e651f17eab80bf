"""QR codes drawn on the server as inline SVG, readable by the counter's scanner."""

import re

import segno

_SIZE = re.compile(r'<svg width="(\d+)" height="(\d+)"')


def qr_svg(text: str, title: str) -> str:
    """An SVG QR code of `text`, black on white in both colour schemes so scanners read it.

    `title` is its text alternative. Segno writes it as the SVG's <title> but gives the SVG no
    role; role="img" makes assistive technologies announce the drawing as one named image.
    The SVG keeps its width and height (its size before any CSS) and gains a viewBox, so that
    the stylesheet can scale it to the box it is shown in.
    """
    svg = segno.make(text, error="m").svg_inline(
        scale=6, border=2, dark="#000", light="#fff", svgclass="qr-code", omitsize=False,
        title=title,
    )
    svg = _SIZE.sub(r'<svg role="img" width="\1" height="\2" viewBox="0 0 \1 \2"', svg, count=1)
    if 'role="img"' not in svg:
        raise ValueError("segno's SVG no longer starts with its width and height")
    return svg
