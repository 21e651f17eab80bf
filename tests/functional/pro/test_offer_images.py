"""Offer images: checked with Pillow, stripped of metadata, stored as WebP renditions; a bad
file gets a French message beside its field, never an error page (docs/domain/4-offers.md)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image as PillowImage
from sqlalchemy import func, select

from models.offers.models import Image
from tests.functional.pro.offer_steps import (
    image_bytes,
    offer_of,
    post_form,
    signed_in_pro,
    start_offer,
)
from tests.helpers import html


def upload(client, offer_id: int, data: bytes, *, alt_text: str = "Une affiche de concert",
           filename: str = "affiche.jpg"):
    path = f"/pro/offres/{offer_id}/image"
    return post_form(client, path, {"image": (io.BytesIO(data), filename), "alt_text": alt_text},
                     content_type="multipart/form-data")


def new_offer(client, db_session) -> int:
    _pro, venue = signed_in_pro(client, db_session)
    return start_offer(client, venue, "ACHAT_INSTRUMENT", "INSTRUMENT")


def image_error(response) -> str:
    assert response.status_code == 422
    return html(response).find(id="image-error").get_text()


def stored_images(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Image))


def png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header announcing a huge picture, with a tiny compressed body."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def test_an_image_is_stored_as_webp_renditions_for_pages_and_cards(client, db_session):
    offer_id = new_offer(client, db_session)

    response = upload(client, offer_id, image_bytes(1600, 1200))

    assert response.status_code == 303
    offer = offer_of(db_session, offer_id)
    page, card = offer.image, offer.image.variant("card")
    assert (page.content_type, page.width, page.height) == ("image/webp", 1000, 750)
    assert (card.content_type, card.width, card.height) == ("image/webp", 400, 300)
    assert PillowImage.open(io.BytesIO(page.data)).format == "WEBP"
    assert page.alt_text == card.alt_text == "Une affiche de concert"


def test_the_stored_image_is_served_at_its_url(client, db_session):
    offer_id = new_offer(client, db_session)
    upload(client, offer_id, image_bytes())
    src = html(client.get(f"/pro/offres/{offer_id}/image")).select_one(
        ".offer-image-preview img")["src"]
    served = client.get(src)
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/webp"


def test_metadata_is_stripped(client, db_session):
    offer_id = new_offer(client, db_session)
    exif = PillowImage.Exif()
    exif[0x010F] = "Appareil secret"  # Make
    exif[0x8825] = {2: (43.0, 36.0, 0.0)}  # GPS latitude
    upload(client, offer_id, image_bytes(900, 900, exif=exif.tobytes()))

    stored = PillowImage.open(io.BytesIO(offer_of(db_session, offer_id).image.data))

    assert not stored.getexif()
    assert "exif" not in stored.info and "icc_profile" not in stored.info


def test_a_file_that_is_not_an_image_is_refused(client, db_session):
    offer_id = new_offer(client, db_session)
    message = image_error(upload(client, offer_id, b"%PDF-1.7 pas une image", filename="a.jpg"))
    assert "pas une image lisible" in message
    assert stored_images(db_session) == 0


def test_a_truncated_image_is_refused(client, db_session):
    offer_id = new_offer(client, db_session)
    data = image_bytes(800, 800, fmt="PNG")
    assert "pas une image lisible" in image_error(upload(client, offer_id, data[: len(data) // 2]))


def test_an_image_under_400_pixels_is_refused(client, db_session):
    offer_id = new_offer(client, db_session)
    assert "400 × 400" in image_error(upload(client, offer_id, image_bytes(1200, 399)))


def test_an_image_over_10_mb_is_refused(client, db_session):
    offer_id = new_offer(client, db_session)
    heavy = image_bytes(800, 800) + b"\x00" * (10 * 1024 * 1024)
    assert "10 Mo" in image_error(upload(client, offer_id, heavy))


def test_a_file_over_the_request_limit_gets_the_french_413_page(client, db_session):
    offer_id = new_offer(client, db_session)
    response = upload(client, offer_id, b"\x00" * (13 * 1024 * 1024))
    assert response.status_code == 413
    assert "Fichier trop lourd" in html(response).find("h1").get_text()


def test_a_decompression_bomb_is_refused_without_being_decoded(client, db_session):
    offer_id = new_offer(client, db_session)
    message = image_error(upload(client, offer_id, png_bomb(40_000, 40_000), filename="b.png"))
    assert "trop de pixels" in message
    assert stored_images(db_session) == 0


def test_an_image_needs_its_text_alternative(client, db_session):
    offer_id = new_offer(client, db_session)
    response = upload(client, offer_id, image_bytes(), alt_text="  ")
    assert response.status_code == 422
    assert html(response).find(id="alt_text-error") is not None
    assert stored_images(db_session) == 0


def test_sending_the_form_without_a_file_asks_for_one(client, db_session):
    offer_id = new_offer(client, db_session)
    response = post_form(client, f"/pro/offres/{offer_id}/image", {"alt_text": "Affiche"},
                         content_type="multipart/form-data")
    assert "Choisis une image" in image_error(response)


def test_the_image_step_can_be_skipped_and_the_image_added_later(client, db_session):
    offer_id = new_offer(client, db_session)
    page = html(client.get(f"/pro/offres/{offer_id}/image"))
    skip = page.find("a", string="Continuer sans image")
    assert skip["href"] == f"/pro/offres/{offer_id}/recapitulatif"


def test_replacing_an_image_deletes_the_old_renditions(client, db_session):
    offer_id = new_offer(client, db_session)
    upload(client, offer_id, image_bytes())
    upload(client, offer_id, image_bytes(500, 500))
    assert stored_images(db_session) == 2  # the new page and card renditions only


def test_removing_the_image_leaves_none(client, db_session):
    offer_id = new_offer(client, db_session)
    upload(client, offer_id, image_bytes())
    path = f"/pro/offres/{offer_id}/image"
    response = post_form(client, path, {}, action=f"{path}/supprimer")
    assert response.status_code == 303
    assert offer_of(db_session, offer_id).image is None and stored_images(db_session) == 0
