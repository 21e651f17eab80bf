"""Activation codes of a digital offer: a CSV file, a verdict per line, nothing added while a
line is refused (docs/domain/4-offers.md, "Activation codes")."""

from __future__ import annotations

import io

from sqlalchemy import select

from models.offers.models import ActivationCode, Stock
from tests.functional.pro.offer_steps import offer_of, post_form, signed_in_pro, start_offer
from tests.helpers import html


def digital_offer_with_codes(client, db_session) -> int:
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "ABO_PLATEFORME_MUSIQUE", "MUSIQUE_ENREGISTREE")
    response = post_form(client, f"/pro/offres/{offer_id}/details",
                         {"name": "Un an de musique", "access": "codes"})
    assert response.status_code == 303
    return offer_id


def send_codes(client, offer_id: int, text: str, **fields):
    path = f"/pro/offres/{offer_id}/codes"
    return post_form(client, path, {"codes_file": (io.BytesIO(text.encode()), "codes.csv"),
                                    **fields}, content_type="multipart/form-data")


def verdicts(response) -> dict[int, str]:
    rows = html(response).select("#report-caption ~ tbody tr")
    return {int(row.th.get_text()): row.find_all("td")[-1].get_text().strip() for row in rows}


def codes_of(db_session, offer_id: int) -> list[ActivationCode]:
    db_session.expire_all()
    return db_session.scalars(select(ActivationCode).join(Stock)
                              .where(Stock.offer_id == offer_id).order_by(ActivationCode.code)
                              ).all()


def test_codes_create_the_single_stock_at_the_price_given(client, db_session):
    offer_id = digital_offer_with_codes(client, db_session)

    response = send_codes(client, offer_id, "AAA-111\nBBB-222;2026-12-31\n", price="9,99")

    assert response.status_code == 200
    assert set(verdicts(response).values()) == {"Ajouté."}
    codes = codes_of(db_session, offer_id)
    assert [code.code for code in codes] == ["AAA-111", "BBB-222"]
    stock = offer_of(db_session, offer_id).stocks[0]
    assert (stock.price_cents, stock.quantity) == (999, 2)
    assert codes[1].expires_at is not None and codes[0].expires_at is None


def test_a_second_file_adds_to_the_same_stock(client, db_session):
    offer_id = digital_offer_with_codes(client, db_session)
    send_codes(client, offer_id, "AAA-111\n", price="5")
    send_codes(client, offer_id, "CCC-333\n")
    offer = offer_of(db_session, offer_id)
    assert len(offer.stocks) == 1 and offer.stocks[0].quantity == 2


def test_each_bad_line_is_reported_and_nothing_is_added(client, db_session):
    offer_id = digital_offer_with_codes(client, db_session)
    send_codes(client, offer_id, "DEJA-LA\n", price="5")
    text = "\n".join([
        "NEUF-1",               # 1: fine
        "",                     # 2: empty, skipped
        "NEUF-1",               # 3: twice in the file
        "DEJA-LA",              # 4: already known
        "NEUF-2;2026-13-45",    # 5: unreadable date
        "NEUF-3;01/01/2020",    # 6: past date
        "NEUF-4;31/12/2026",    # 7: fine
    ])

    response = send_codes(client, offer_id, text)

    assert response.status_code == 422
    found = verdicts(response)
    assert found[1] == "Correct." and found[7] == "Correct."
    assert found[2] == "Ligne vide, ignorée."
    assert "plus haut dans le fichier (ligne 1)" in found[3]
    assert "déjà enregistré" in found[4]
    assert "illisible" in found[5]
    assert "passée" in found[6]
    assert [code.code for code in codes_of(db_session, offer_id)] == ["DEJA-LA"]


def test_the_first_file_needs_a_price(client, db_session):
    offer_id = digital_offer_with_codes(client, db_session)
    response = send_codes(client, offer_id, "AAA-111\n")
    assert response.status_code == 422
    assert html(response).find(id="price-error") is not None
    assert codes_of(db_session, offer_id) == []


def test_a_price_over_300_euros_is_refused(client, db_session):
    offer_id = digital_offer_with_codes(client, db_session)
    response = send_codes(client, offer_id, "AAA-111\n", price="300,01")
    assert response.status_code == 422
    assert "300" in html(response).find(id="price-error").get_text()


def test_a_file_that_is_not_text_is_refused_beside_its_field(client, db_session):
    offer_id = digital_offer_with_codes(client, db_session)
    path = f"/pro/offres/{offer_id}/codes"
    response = post_form(client, path, {"codes_file": (io.BytesIO(b"\xff\xfe\x00\x81"), "c.csv"),
                                        "price": "5"}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "UTF-8" in html(response).find(id="codes_file-error").get_text()


def test_an_offer_by_link_has_no_codes(client, db_session):
    _pro, venue = signed_in_pro(client, db_session)
    offer_id = start_offer(client, venue, "PODCAST", "MEDIA")
    post_form(client, f"/pro/offres/{offer_id}/details",
              {"name": "Podcast", "access": "url", "url": "https://podcast.example/ep1"})
    response = send_codes(client, offer_id, "AAA-111\n", price="5")
    assert response.status_code == 422
    assert codes_of(db_session, offer_id) == []


def test_a_file_over_1_mb_is_refused(client, db_session):
    offer_id = digital_offer_with_codes(client, db_session)
    response = send_codes(client, offer_id, "CODE\n" * 220_000, price="5")
    assert response.status_code == 422
    assert "1 Mo" in html(response).find(id="codes_file-error").get_text()
