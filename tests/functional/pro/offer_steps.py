"""What a pro does in the offer pages, through the test client and the real forms."""

from __future__ import annotations

import io

from PIL import Image as PillowImage
from sqlalchemy import select

from models.offers.models import Offer
from tests import factories
from tests.helpers import csrf_token, html, login

OFFERS = "/pro/offres/"
NEW = "/pro/offres/nouvelle"
ACCESSIBLE = {f"accessibility_{need}": "no" for need in ("hearing", "mental", "motor", "visual")}
VALID_EAN = "9782070368228"


def signed_in_pro(client, db_session, structure=None):
    """A pro of a validated structure with one bookstore, signed in; returns (pro, venue)."""
    structure = structure or factories.structure(db_session)
    venue = factories.venue(db_session, structure=structure)
    person = factories.pro(db_session, structure=structure)
    db_session.commit()
    assert login(client, person.email, factories.PASSWORD).status_code == 303
    return person, venue


def post_form(client, form_path: str, data: dict, *, action: str | None = None, **kwargs):
    """Send a form with the CSRF token read from the page showing it."""
    token = csrf_token(client.get(form_path))
    return client.post(action or form_path, data={"csrf_token": token, **data}, **kwargs)


def start_offer(client, venue, subcategory_id: str, category_id: str) -> int:
    response = post_form(client, NEW, {"venue_id": str(venue.id), "category": category_id,
                                       "subcategory_id": subcategory_id, "action": "save"})
    assert response.status_code == 303, html(response).get_text()
    return int(response.location.rstrip("/").split("/")[-2])


def offer_of(db_session, offer_id: int) -> Offer:
    db_session.expire_all()
    return db_session.scalars(select(Offer).where(Offer.id == offer_id)).one()


def image_bytes(width: int = 800, height: int = 600, fmt: str = "JPEG", **save) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (200, 120, 40)).save(buffer, fmt, **save)
    return buffer.getvalue()


def book_offer(client, venue, *, with_image: bool = False) -> int:
    """A paper book offer taken through steps 1 to 3 (and 4 with an image)."""
    offer_id = start_offer(client, venue, "LIVRE_PAPIER", "LIVRE")
    base = f"/pro/offres/{offer_id}"
    assert post_form(client, f"{base}/details", {
        "name": "L'Étranger", "description": "Un roman.", "author": "Albert Camus",
        "ean": VALID_EAN}).status_code == 303
    assert post_form(client, f"{base}/pratique", ACCESSIBLE).status_code == 303
    if with_image:
        response = post_form(client, f"{base}/image", {
            "image": (io.BytesIO(image_bytes()), "couverture.jpg"),
            "alt_text": "Couverture du livre"}, content_type="multipart/form-data")
        assert response.status_code == 303
    return offer_id
