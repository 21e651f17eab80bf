"""The pro bookings export: a streamed CSV for French spreadsheets, the member's bookings only.

docs/domain/5-bookings.md, "Pro list and export". The suite's clock is frozen on
Wednesday 11 March 2026, 10:30 in Paris.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io

import pytest

from models.bookings import pro_repository
from models.bookings.models import BookingStatus
from models.db import utcnow
from tests import factories
from tests.functional.pro.bookings_data import add_booking, many_bookings
from tests.helpers import html, login
from webapp.views.pro import bookings_csv

EXPORT = "/pro/reservations/export.csv"
HEADER = ["Structure", "Lieu", "Offre", "Date de l'évènement", "Nom du jeune", "E-mail",
          "Date de réservation", "Contremarque", "Quantité", "Prix (€)", "Statut",
          "Date de validation"]


@pytest.fixture
def structure(db_session):
    return factories.structure(db_session, name="Théâtre de l'Export")


@pytest.fixture
def pro_client(client, db_session, structure):
    member = factories.pro(db_session, structure=structure)
    db_session.commit()
    assert login(client, member.email, factories.PASSWORD).status_code == 303
    return client


@pytest.fixture
def venue(db_session, structure):
    return factories.venue(db_session, structure=structure, name="Salle Jouvet")


def event_stock(db_session, venue, name="Ondine", **fields):
    offer = factories.offer(db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION",
                            name=name)
    fields.setdefault("beginning_at", dt.datetime(2026, 7, 14, 19, 30, tzinfo=dt.UTC))
    return factories.stock(db_session, offer=offer, price_cents=1250, **fields)


def read_csv(response) -> list[list[str]]:
    return parse_csv(response.get_data())


def parse_csv(body: bytes) -> list[list[str]]:
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_export_is_a_semicolon_csv_with_a_bom_and_the_documented_columns(
        pro_client, db_session, venue):
    person = factories.young(db_session, first_name="Zoé", last_name="Lambert",
                             email="zoe.lambert@example.org")
    booking = add_booking(db_session, event_stock(db_session, venue), person=person,
                          quantity=2, status=BookingStatus.USED,
                          booked_at=dt.datetime(2026, 3, 1, 9, 5, tzinfo=dt.UTC),
                          used_at=dt.datetime(2026, 7, 14, 19, 10, tzinfo=dt.UTC))
    db_session.commit()
    response = pro_client.get(EXPORT)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="reservations-2026-03-11.csv"'
    header, row = read_csv(response)
    assert header == HEADER
    assert row == [
        "Théâtre de l'Export", "Salle Jouvet", "Ondine", "14/07/2026 21:30", "Zoé Lambert",
        "zoe.lambert@example.org", "01/03/2026 10:05", booking.token, "2", "25,00", "Validée",
        "14/07/2026 21:10",
    ]


def test_a_thing_without_date_and_unvalidated_leaves_those_cells_empty(pro_client, db_session,
                                                                       venue):
    stock = factories.stock(db_session, offer=factories.offer(db_session, venue=venue),
                            price_cents=805)
    add_booking(db_session, stock)
    db_session.commit()
    _header, row = read_csv(pro_client.get(EXPORT))
    assert row[3] == "" and row[11] == ""
    assert row[9:11] == ["8,05", "Réservée"]


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x\")", "+33 6", "-2+3", "@SUM(A1)",
                                   "\tcachée"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(pro_client, db_session,
                                                                     venue, typed):
    person = factories.young(db_session, first_name=typed, last_name=None)
    add_booking(db_session, event_stock(db_session, venue, name=typed), person=person)
    db_session.commit()
    _header, row = read_csv(pro_client.get(EXPORT))
    assert row[2] == "'" + typed
    assert row[4] == "'" + typed


def test_another_structures_bookings_are_never_exported(pro_client, db_session, venue):
    mine = add_booking(db_session, event_stock(db_session, venue))
    theirs = add_booking(db_session, factories.stock(db_session))
    db_session.commit()
    tokens = [row[7] for row in read_csv(pro_client.get(EXPORT))[1:]]
    assert tokens == [mine.token]
    assert theirs.token not in tokens


def test_the_export_applies_the_lists_filters(pro_client, db_session, venue):
    kept = add_booking(db_session, event_stock(db_session, venue), status=BookingStatus.USED)
    add_booking(db_session, event_stock(db_session, venue, name="Knock"))
    db_session.commit()
    rows = read_csv(pro_client.get(EXPORT, query_string={"statut": "used"}))[1:]
    assert [row[7] for row in rows] == [kept.token]


def test_the_list_links_to_the_export_of_what_it_shows(pro_client, db_session, venue):
    add_booking(db_session, event_stock(db_session, venue))
    db_session.commit()
    page = html(pro_client.get("/pro/reservations/", query_string={"statut": "confirmed",
                                                                    "lieu": venue.id}))
    link = page.find("a", string="Télécharger ces réservations (CSV)")
    assert link["href"] == f"{EXPORT}?lieu={venue.id}&statut=confirmed"


def test_bad_filters_give_the_list_with_a_french_message(pro_client):
    response = pro_client.get(EXPORT, query_string={"du": "demain"})
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    assert "Saisis une date valide" in html(response).find(id="du-error").get_text()


def test_the_export_streams_every_booking_newest_first(pro_client, db_session, venue,
                                                                   monkeypatch):
    monkeypatch.setattr(pro_repository, "EXPORT_BATCH_SIZE", 7)
    monkeypatch.setattr(bookings_csv, "ROWS_PER_CHUNK", 10)
    bookings = many_bookings(db_session, event_stock(db_session, venue), 45,
                             person=factories.young(db_session), newest=utcnow())
    db_session.commit()
    response = pro_client.get(EXPORT, buffered=False)
    chunks = list(response.response)
    assert len(chunks) == 5
    rows = parse_csv(b"".join(chunks))[1:]
    assert [row[7] for row in rows] == [booking.token for booking in bookings]


def test_a_browser_asking_for_gzip_gets_the_file_compressed_as_it_streams(
        pro_client, db_session, venue, monkeypatch):
    monkeypatch.setattr(bookings_csv, "ROWS_PER_CHUNK", 10)
    bookings = many_bookings(db_session, event_stock(db_session, venue), 45,
                             person=factories.young(db_session))
    db_session.commit()
    response = pro_client.get(EXPORT, headers={"Accept-Encoding": "gzip, deflate"},
                              buffered=False)
    assert response.headers["Content-Encoding"] == "gzip"
    chunks = list(response.response)
    assert len(chunks) > 1
    rows = parse_csv(gzip.decompress(b"".join(chunks)))[1:]
    assert [row[7] for row in rows] == [booking.token for booking in bookings]
