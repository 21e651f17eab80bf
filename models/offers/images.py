"""Offer images: an upload checked with Pillow, stripped of metadata, kept as WebP renditions.

The rules (docs/domain/4-offers.md, "Images"): a real image (JPEG, PNG or WebP that Pillow can
open and verify), at least 400 × 400 pixels, at most 10 MB; more than `MAX_PIXELS` pixels is
refused before decoding, so a small file that would inflate into gigabytes (a decompression
bomb) is never decoded. What is stored is re-encoded from the pixels alone: no EXIF (place,
camera), no colour profile, no comment survives. Two renditions: the page's, which offers
reference (and `templating.image_url` serves), and the card's, smaller, hanging from it.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError

from models.offers import exceptions as errors
from models.offers.models import Image, ImageVariant

MAX_BYTES = 10 * 1024 * 1024
MIN_SIDE = 400
# 50 megapixels: any photo a phone or a camera takes, far below what would exhaust memory.
MAX_PIXELS = 50_000_000
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
WEBP_QUALITY = 80
# Longest side of each rendition, in pixels: a page shows the image up to about 500 CSS pixels
# wide on a 2× screen; a card up to 200.
RENDITIONS = {"page": 1000, "card": 400}
PAGE = "page"

# Pillow's own guard: a warning above this many pixels, an error above twice as many. Ours is
# stricter and checked first, but the guard stays in force for any other caller.
PillowImage.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class Rendition:
    name: str
    data: bytes
    width: int
    height: int


def _opened(data: bytes) -> PillowImage.Image:
    """The upload opened, its size checked before any pixel is decoded, then fully decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
        try:
            with PillowImage.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise errors.NotAnImage()
                if probe.width * probe.height > MAX_PIXELS:
                    raise errors.ImageTooLarge()
                probe.verify()
            image = PillowImage.open(io.BytesIO(data))
            image.load()
        except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
            raise errors.ImageTooLarge() from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise errors.NotAnImage() from None
    return image


def _pixels_only(image: PillowImage.Image) -> PillowImage.Image:
    """A new image holding only the pixels, turned upright as the camera meant them."""
    upright = ImageOps.exif_transpose(image)
    mode = "RGBA" if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info \
        else "RGB"
    converted = upright.convert(mode)
    return PillowImage.frombytes(mode, converted.size, converted.tobytes())


def renditions(data: bytes) -> list[Rendition]:
    """Check an upload and encode its renditions, the page's first; raise `ImageRefused`."""
    if len(data) > MAX_BYTES:
        raise errors.ImageTooHeavy()
    image = _pixels_only(_opened(data))
    if image.width < MIN_SIDE or image.height < MIN_SIDE:
        raise errors.ImageTooSmall()
    made = []
    for name, longest in RENDITIONS.items():
        copy = image.copy()
        copy.thumbnail((longest, longest), PillowImage.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
        made.append(Rendition(name, buffer.getvalue(), copy.width, copy.height))
    return made


def stored_image(made: list[Rendition], alt_text: str) -> Image:
    """The page's image with the other renditions as its variants, ready to be added."""
    rows = {rendition.name: Image(
        content_type="image/webp", data=rendition.data, width=rendition.width,
        height=rendition.height, checksum=hashlib.sha256(rendition.data).hexdigest(),
        alt_text=alt_text,
    ) for rendition in made}
    page = rows.pop(PAGE)
    page.variants = [ImageVariant(name=name, variant_image=row) for name, row in rows.items()]
    return page


def copied_image(image: Image) -> Image:
    """Another row with the same renditions, for a duplicated offer that may change its own."""
    made = [Rendition(PAGE, image.data, image.width, image.height)] + [
        Rendition(variant.name, variant.variant_image.data, variant.variant_image.width,
                  variant.variant_image.height)
        for variant in image.variants
    ]
    return stored_image(made, image.alt_text or "")
