"""Light generated posters: abstract SVG shapes in the colours of the offer's category.

Each poster is derived from a key (the category and the title), so the same title gets the
same image everywhere and the demo stores it once. No text and no external reference: the
files stay under 2 KB and are safe to serve as they are.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from models.offers.catalogue import CATEGORIES

WIDTH, HEIGHT = 400, 600
CONTENT_TYPE = "image/svg+xml"

# Background, two accents and the glyph colour, per category.
PALETTES = {
    "CINEMA": ("#1d1b3a", "#e63946", "#f1c453", "#ffffff"),
    "FILM": ("#22333b", "#5e548e", "#9f86c0", "#f2e9e4"),
    "LIVRE": ("#f4ecd8", "#c8553d", "#2f5d62", "#3d2c2e"),
    "MUSIQUE_LIVE": ("#10002b", "#ff006e", "#8338ec", "#ffbe0b"),
    "MUSIQUE_ENREGISTREE": ("#0b132b", "#3a86ff", "#5bc0be", "#ffffff"),
    "SPECTACLE": ("#3c1518", "#d58936", "#a44200", "#f2f3ae"),
    "MUSEE": ("#e9e3d5", "#6b705c", "#cb997e", "#3f4238"),
    "PRATIQUE_ART": ("#fff3b0", "#e09f3e", "#9e2a2b", "#335c67"),
    "CONFERENCE": ("#e0fbfc", "#3d5a80", "#ee6c4d", "#293241"),
    "JEU": ("#2b2d42", "#06d6a0", "#ef476f", "#ffd166"),
    "MEDIA": ("#f8f9fa", "#457b9d", "#e63946", "#1d3557"),
    "INSTRUMENT": ("#283618", "#dda15e", "#bc6c25", "#fefae0"),
    "BEAUX_ARTS": ("#fefae0", "#ff595e", "#1982c4", "#6a4c93"),
    "CARTE_JEUNES": ("#0081a7", "#fed9b7", "#f07167", "#fdfcdc"),
}

# One small pictogram per category, drawn in a 100×100 box placed at the bottom of the poster.
GLYPHS = {
    "CINEMA": "M10 25h80v50H10zM20 15v10M40 15v10M60 15v10M80 15v10M20 75v10M40 75v10M60 75v10"
              "M80 75v10",
    "FILM": "M15 20h70v60H15zM42 35v30l22-15z",
    "LIVRE": "M50 25C38 18 22 18 10 22v58c12-4 28-4 40 3c12-7 28-7 40-3V22c-12-4-28-4-40 3zM50 25"
             "v58",
    "MUSIQUE_LIVE": "M35 75a12 10 0 1 1 0-1V20l45-8v55a12 10 0 1 1 0-1V30l-45 8",
    "MUSIQUE_ENREGISTREE": "M50 10a40 40 0 1 0 1 0zM50 42a8 8 0 1 0 1 0z",
    "SPECTACLE": "M15 20h70v25c0 22-16 38-35 38S15 67 15 45zM32 40h10M58 40h10M35 58q15 12 30 0",
    "MUSEE": "M10 35L50 12l40 23zM18 40v38M38 40v38M62 40v38M82 40v38M10 85h80",
    "PRATIQUE_ART": "M70 12L30 70l-8 18 18-8L80 22zM30 70l10 10",
    "CONFERENCE": "M15 20h70v45H45L28 82V65H15z",
    "JEU": "M20 20h60v60H20zM35 35h1M65 35h1M50 50h1M35 65h1M65 65h1",
    "MEDIA": "M15 20h70v60H15zM25 32h50M25 45h50M25 58h30",
    "INSTRUMENT": "M60 12l15 15-20 20c10 14 4 34-14 38S10 73 14 57s20-20 34-12z",
    "BEAUX_ARTS": "M50 12C25 12 10 30 10 50s18 38 38 38c8 0 10-6 6-12s0-12 8-12h14c14 0 24-10 24-24"
                  "C90 24 72 12 50 12z",
    "CARTE_JEUNES": "M12 25h76v50H12zM12 40h76M22 62h25",
}


@dataclass(frozen=True)
class Poster:
    data: bytes
    checksum: str
    alt_text: str

    width: int = WIDTH
    height: int = HEIGHT
    content_type: str = CONTENT_TYPE


def _shape(rng: random.Random, colour: str) -> str:
    opacity = rng.choice(("0.5", "0.7", "0.85"))
    kind = rng.randrange(3)
    if kind == 0:
        return (f'<circle cx="{rng.randint(0, WIDTH)}" cy="{rng.randint(0, HEIGHT)}" '
                f'r="{rng.randint(40, 180)}" fill="{colour}" fill-opacity="{opacity}"/>')
    if kind == 1:
        x, y = rng.randint(-50, WIDTH - 50), rng.randint(-50, HEIGHT - 50)
        return (f'<rect x="{x}" y="{y}" width="{rng.randint(80, 300)}" '
                f'height="{rng.randint(60, 260)}" fill="{colour}" fill-opacity="{opacity}" '
                f'transform="rotate({rng.randint(-30, 30)} {x} {y})"/>')
    points = " ".join(f"{rng.randint(-40, WIDTH + 40)},{rng.randint(-40, HEIGHT + 40)}"
                      for _ in range(3))
    return f'<polygon points="{points}" fill="{colour}" fill-opacity="{opacity}"/>'


def poster_svg(category_id: str, key: str) -> bytes:
    """The SVG document of the poster for `key` in `category_id`, always the same bytes."""
    background, first, second, ink = PALETTES[category_id]
    seed = int.from_bytes(hashlib.sha256(f"{category_id}|{key}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    shapes = "".join(_shape(rng, rng.choice((first, second))) for _ in range(rng.randint(4, 7)))
    # A disc of the background colour keeps the pictogram readable over any shape.
    glyph = (f'<circle cx="200" cy="520" r="64" fill="{background}"/>'
             f'<path d="{GLYPHS[category_id]}" transform="translate(150 470)" fill="none" '
             f'stroke="{ink}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" '
           f'fill="{background}"/>{shapes}{glyph}</svg>')
    return svg.encode()


def poster(category_id: str, title: str) -> Poster:
    """The poster of one title, described by its title."""
    data = poster_svg(category_id, title)
    alt = f"Affiche : {title}"
    return Poster(data=data, checksum=hashlib.sha256(data).hexdigest(), alt_text=alt[:250])


def pattern(category_id: str, variant: int) -> Poster:
    """One of a few posters shared by many offers of a category (the benchmark data set)."""
    data = poster_svg(category_id, f"motif {variant}")
    alt = f"Motif abstrait aux couleurs de la catégorie {CATEGORIES[category_id].label}"
    return Poster(data=data, checksum=hashlib.sha256(data).hexdigest(), alt_text=alt)
