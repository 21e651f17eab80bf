"""The bulk catalogue: a bookshop's CSV applied to a venue's offers, line by line, in one unit of
work, and the pages that upload it (docs/domain/4-offers.md, "Bulk catalogue")."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select, text

from models.offerers.models import Venue, VenueType
from models.offers import catalogue_import
from models.offers.bookability import FAR_FUTURE, refresh_bookability
from models.offers.catalogue_file import MAX_FILE_BYTES, CatalogueFileRefused, read_catalogue
from models.offers.catalogue_import import LineOutcome, import_catalogue
from models.offers.ean import ean13_check_digit
from models.offers.models import Offer, OfferChange, Stock, Validation
from models.unit_of_work import atomic
from tests import factories
from tests.helpers import counted_queries, csrf_token, html, login

UPLOAD_PATH = "/pro/catalogue/"
HEADER = "ean;titre;auteur;prix;quantite"
STRANGER = "9782070368228"
NOVEL = "9782226112347"
ALBUM = "3700187673437"
ANSWERED = {"accessibility_hearing": True, "accessibility_mental": False,
            "accessibility_motor": True, "accessibility_visual": False}


def ean(number: int) -> str:
    digits = f"978{number:09d}"
    return digits + str(ean13_check_digit(digits))


def csv_bytes(*lines: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\n".join([header, *lines]).encode(encoding)


@pytest.fixture
def venue(db_session):
    made = factories.venue(db_session, **ANSWERED)
    db_session.commit()
    return made


def run_import(db_session, venue, data: bytes, author_id=None):
    with atomic(db_session):
        return import_catalogue(db_session, venue, data, author_id=author_id)


def offers_of(db_session, venue) -> list[Offer]:
    db_session.expire_all()
    return list(db_session.scalars(select(Offer).where(Offer.venue_id == venue.id)
                                   .order_by(Offer.id)))


def outcomes(report) -> list[tuple[int, str]]:
    return [(line.number, line.outcome) for line in report.lines]


def reason_of(report, number: int) -> str:
    return next(str(line.reason) for line in report.lines if line.number == number)


# Applying a file


def test_new_references_become_published_offers_with_one_stock(db_session, venue):
    report = run_import(db_session, venue, csv_bytes(
        f"{STRANGER};L'Étranger;Albert Camus;7,60;3",
        f"{NOVEL};Un roman;;22.9;1",
    ))
    assert outcomes(report) == [(2, LineOutcome.CREATED), (3, LineOutcome.CREATED)]
    stranger, novel = offers_of(db_session, venue)
    assert (stranger.ean, stranger.name, stranger.author) == (STRANGER, "L'Étranger",
                                                              "Albert Camus")
    assert novel.author is None
    assert stranger.subcategory_id == "LIVRE_PAPIER"
    assert stranger.validation is Validation.APPROVED and stranger.is_active
    assert [(s.price_cents, s.quantity) for s in stranger.stocks] == [(760, 3)]
    assert [(s.price_cents, s.quantity) for s in novel.stocks] == [(2290, 1)]


def test_new_offers_take_the_venues_accessibility_answers(db_session, venue):
    run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;Camus;7;3"))
    offer, = offers_of(db_session, venue)
    assert {need: getattr(offer, need) for need in ANSWERED} == ANSWERED


def test_new_offers_are_bookable_exactly_as_the_database_counts_it(db_session, venue):
    """The import writes `bookable_until` with the row; it must be, to the stored character,
    what the database's own recount gives, or a trigger would rewrite it."""
    run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;Camus;7;3",
                                            f"{NOVEL};Épuisé;;7;0"))
    stored = dict(db_session.execute(text("SELECT ean, bookable_until FROM offer")).all())
    with atomic(db_session):
        refresh_bookability(db_session.connection())
    recounted = dict(db_session.execute(text("SELECT ean, bookable_until FROM offer")).all())
    assert stored == recounted
    assert stored[NOVEL] is None and stored[STRANGER] is not None
    db_session.expire_all()
    assert offers_of(db_session, venue)[0].bookable_until == FAR_FUTURE
    assert db_session.get(Venue, venue.id).bookable_until == FAR_FUTURE


def test_uploading_the_same_file_again_changes_nothing(db_session, venue):
    data = csv_bytes(f"{STRANGER};L'Étranger;Camus;7,60;3", f"{NOVEL};Un roman;X;22,90;1")
    run_import(db_session, venue, data)
    again = run_import(db_session, venue, data)
    assert {line.outcome for line in again.lines} == {LineOutcome.UNCHANGED}
    assert len(offers_of(db_session, venue)) == 2


def test_a_reupload_updates_price_and_quantity_in_place(db_session, venue):
    run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;Camus;7,60;3"))
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};Autre titre;Autre;8,10;5"))
    assert outcomes(report) == [(2, LineOutcome.UPDATED)]
    offer, = offers_of(db_session, venue)
    assert [(s.price_cents, s.quantity) for s in offer.stocks] == [(810, 5)]
    assert (offer.name, offer.author) == ("L'Étranger", "Camus")


def test_a_reupload_fills_an_author_left_empty(db_session, venue):
    run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;;7,60;3"))
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};;Albert Camus;7,60;3"))
    assert outcomes(report) == [(2, LineOutcome.UPDATED)]
    assert offers_of(db_session, venue)[0].author == "Albert Camus"


def test_updates_are_written_in_the_offers_history_of_changes(db_session, venue):
    member = factories.pro(db_session, structure=venue.structure)
    db_session.commit()
    run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;Camus;7,60;3"))
    run_import(db_session, venue, csv_bytes(f"{STRANGER};;;8;3"), author_id=member.id)
    changes = db_session.scalars(select(OfferChange)).all()
    assert [(c.field, c.old, c.new, c.user_id) for c in changes] == [
        ("price_cents", "760", "800", member.id)]


def test_an_offer_entered_by_hand_with_the_same_ean_is_updated_not_duplicated(db_session, venue):
    offer = factories.offer(db_session, venue=venue, ean=STRANGER, name="Saisi à la main")
    factories.stock(db_session, offer=offer, price_cents=700, quantity=2)
    db_session.commit()
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;Camus;7,60;4"))
    assert outcomes(report) == [(2, LineOutcome.UPDATED)]
    only, = offers_of(db_session, venue)
    assert only.name == "Saisi à la main"
    assert [(s.price_cents, s.quantity) for s in only.stocks] == [(760, 4)]


def test_an_offer_without_a_stock_left_gets_one(db_session, venue):
    factories.offer(db_session, venue=venue, ean=STRANGER)
    db_session.commit()
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};;;5;2"))
    assert outcomes(report) == [(2, LineOutcome.UPDATED)]
    assert [(s.price_cents, s.quantity) for s in offers_of(db_session, venue)[0].stocks] == [
        (500, 2)]


def test_the_same_ean_in_another_venue_is_another_offer(db_session, venue):
    other = factories.venue(db_session, structure=venue.structure, **ANSWERED)
    db_session.commit()
    data = csv_bytes(f"{STRANGER};L'Étranger;Camus;7,60;3")
    run_import(db_session, venue, data)
    report = run_import(db_session, other, data)
    assert outcomes(report) == [(2, LineOutcome.CREATED)]


def test_the_type_column_chooses_cd_or_vinyl(db_session, venue):
    run_import(db_session, venue, csv_bytes(
        f"{STRANGER};Livre;;7;1;Livre", f"{ALBUM};Album;;15;1;CD", "0602445790098;LP;;30;1;vinyle",
        header=HEADER + ";type"))
    assert [offer.subcategory_id for offer in offers_of(db_session, venue)] == [
        "LIVRE_PAPIER", "SUPPORT_PHYSIQUE_MUSIQUE_CD", "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE"]


def test_a_record_shop_line_without_type_is_a_cd(db_session):
    shop = factories.venue(db_session, venue_type=VenueType.RECORD_STORE, **ANSWERED)
    db_session.commit()
    run_import(db_session, shop, csv_bytes(f"{ALBUM};Album;Groupe;15;2"))
    assert offers_of(db_session, shop)[0].subcategory_id == "SUPPORT_PHYSIQUE_MUSIQUE_CD"


# Refused lines, each with its reason; the other lines are applied


def test_a_bad_checksum_is_refused_and_the_other_lines_applied(db_session, venue):
    report = run_import(db_session, venue, csv_bytes(
        "9782070368229;Faux;;7;1", f"{STRANGER};L'Étranger;;7;1"))
    assert outcomes(report) == [(2, LineOutcome.REFUSED), (3, LineOutcome.CREATED)]
    assert "clé de contrôle" in reason_of(report, 2)


def test_an_empty_line_within_the_file_is_reported(db_session, venue):
    report = run_import(db_session, venue, csv_bytes(
        f"{STRANGER};L'Étranger;;7;1", ";;;;", f"{NOVEL};Roman;;7;1", ";;;;", ""))
    assert outcomes(report) == [(2, LineOutcome.CREATED), (3, LineOutcome.REFUSED),
                                (4, LineOutcome.CREATED)]
    assert reason_of(report, 3) == "Ligne vide."


def test_a_second_line_with_the_same_ean_is_refused_and_names_the_first(db_session, venue):
    report = run_import(db_session, venue, csv_bytes(
        f"{STRANGER};L'Étranger;;7;1", f"{STRANGER};L'Étranger;;9;4"))
    assert outcomes(report) == [(2, LineOutcome.CREATED), (3, LineOutcome.REFUSED)]
    assert reason_of(report, 3) == "EAN déjà présent ligne 2 de ce fichier."
    assert [s.price_cents for s in offers_of(db_session, venue)[0].stocks] == [700]


@pytest.mark.parametrize(("price", "expected"), [
    ("300,01", "Prix hors limites (300,01) : entre 0 et 300 €."),
    ("-1", "Prix hors limites (-1) : entre 0 et 300 €."),
    ("", "Prix manquant."),
    ("douze", "Prix illisible « douze » : écris-le en euros, par exemple 12,50."),
    ("12,505", "Prix « 12,505 » : deux chiffres après la virgule au plus."),
])
def test_a_price_out_of_range_or_unreadable_is_refused(db_session, venue, price, expected):
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;;{price};1"))
    assert reason_of(report, 2) == expected
    assert offers_of(db_session, venue) == []


@pytest.mark.parametrize("price", ["0", "300", "300,00", "12,5 €", "12.50"])
def test_prices_from_free_to_300_euros_are_accepted(db_session, venue, price):
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;;{price};1"))
    assert outcomes(report) == [(2, LineOutcome.CREATED)]


def test_a_new_ean_without_a_title_is_refused(db_session, venue):
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};;Camus;7;1"))
    assert reason_of(report, 2) == "Titre manquant : il faut un titre pour créer cette référence."


def test_a_quantity_below_the_copies_already_booked_is_refused(db_session, venue):
    offer = factories.offer(db_session, venue=venue, ean=STRANGER)
    factories.stock(db_session, offer=offer, quantity=5, booked_quantity=3)
    db_session.commit()
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};;;7;2"))
    assert reason_of(report, 2) == "Quantité (2) inférieure aux 3 exemplaires déjà réservés."
    assert [s.quantity for s in offers_of(db_session, venue)[0].stocks] == [5]


def test_a_quantity_equal_to_the_copies_booked_is_accepted(db_session, venue):
    offer = factories.offer(db_session, venue=venue, ean=STRANGER)
    factories.stock(db_session, offer=offer, quantity=5, booked_quantity=3)
    db_session.commit()
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};;;7;3"))
    assert outcomes(report) == [(2, LineOutcome.UPDATED)]


@pytest.mark.parametrize(("quantity", "expected"), [
    ("", "Quantité manquante"), ("-2", "Quantité illisible"), ("2,5", "Quantité illisible"),
    ("beaucoup", "Quantité illisible"),
])
def test_a_missing_or_unreadable_quantity_is_refused_not_guessed(db_session, venue, quantity,
                                                                  expected):
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;;7;{quantity}"))
    assert reason_of(report, 2).startswith(expected)


def test_an_ean_a_spreadsheet_turned_into_a_number_is_explained(db_session, venue):
    report = run_import(db_session, venue, csv_bytes("9,78207E+12;L'Étranger;;7;1"))
    assert "format Texte" in reason_of(report, 2)


def test_an_isbn_written_with_dashes_is_read(db_session, venue):
    report = run_import(db_session, venue, csv_bytes("978-2-07-036822-8;L'Étranger;;7;1"))
    assert outcomes(report) == [(2, LineOutcome.CREATED)]
    assert offers_of(db_session, venue)[0].ean == STRANGER


def test_a_leading_zero_dropped_by_a_spreadsheet_is_put_back(db_session, venue):
    run_import(db_session, venue, csv_bytes("602445790098;LP;;30;1"))
    assert offers_of(db_session, venue)[0].ean == "0602445790098"


def test_an_unknown_type_is_refused(db_session, venue):
    report = run_import(db_session, venue, csv_bytes(f"{STRANGER};Jeu;;7;1;jeu de société",
                                                     header=HEADER + ";type"))
    assert reason_of(report, 2) == "Type inconnu « jeu de société » : livre, cd ou vinyle."


def test_an_event_carrying_the_ean_is_not_touched(db_session, venue):
    concert = factories.offer(db_session, venue=venue, ean=ALBUM, subcategory_id="CONCERT")
    factories.stock(db_session, offer=concert)
    db_session.commit()
    report = run_import(db_session, venue, csv_bytes(f"{ALBUM};Album;;15;2"))
    assert "événement" in reason_of(report, 2)


# Encodings and separators


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_the_encodings_spreadsheets_save_in_are_read(db_session, venue, encoding):
    data = csv_bytes(f"{STRANGER};L'Étranger;Camus;7;1", header="EAN;Titre;Auteur;Prix;Quantité",
                     encoding=encoding)
    lines = read_catalogue(data)
    assert [(line.title, line.reason) for line in lines] == [("L'Étranger", None)]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_the_separator_is_found_from_the_header(separator):
    data = separator.join(["ean", "title", "author", "price", "quantity"]) + "\n" + separator.join(
        [STRANGER, "The Stranger", "Camus", '"7,60"' if separator == "," else "7,60", "3"])
    line, = read_catalogue(data.encode())
    assert (line.title, line.price_cents, line.quantity, line.reason) == (
        "The Stranger", 760, 3, None)


def test_english_and_accented_column_names_in_any_order_are_understood():
    data = f"Quantity;Price (€);Title;ISBN\n3;7,60;L'Étranger;{STRANGER}".encode()
    line, = read_catalogue(data)
    assert (line.ean, line.title, line.price_cents, line.quantity) == (STRANGER, "L'Étranger",
                                                                       760, 3)


def test_windows_line_endings_and_quoted_cells_are_read():
    data = f'ean;titre;prix;quantite\r\n{STRANGER};"Titre; avec ""guillemets""";7;1\r\n'.encode()
    line, = read_catalogue(data)
    assert line.title == 'Titre; avec "guillemets"'


# Whole files refused: nothing is written


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "Le fichier est vide."),
    (b"\n\n  \n", "Le fichier est vide."),
    (b"PK\x03\x04binary", "classeur Excel"),
    (b"%PDF-1.7\n...", "n'est pas un fichier texte CSV"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "n'est pas un fichier texte CSV"),
    (b"ean;titre\x00;prix", "n'est pas un fichier texte CSV"),
    (b"titre;auteur\nL'Etranger;Camus", "il manque : ean, prix, quantite"),
    (b"ean;prix;quantite;prix\n", "apparaît deux fois"),
    (HEADER.encode() + b"\n;;;;\n", "aucune ligne"),
    (b'ean;titre;prix;quantite\n1;"jamais ferm\xc3\xa9;1;1\n' + b"x" * 200_000, "mal formé"),
])
def test_a_file_that_is_no_catalogue_is_refused_whole(db_session, venue, data, expected):
    with pytest.raises(CatalogueFileRefused) as refused:
        run_import(db_session, venue, data)
    assert expected in str(refused.value)
    assert offers_of(db_session, venue) == []


def test_a_file_over_20000_lines_is_refused(db_session, venue):
    data = csv_bytes(*[f"{ean(number)};T;;1;1" for number in range(20_001)])
    assert len(data) <= MAX_FILE_BYTES
    with pytest.raises(CatalogueFileRefused) as refused:
        run_import(db_session, venue, data)
    assert "20 000 au plus" in str(refused.value)


def test_a_file_over_2_megabytes_is_refused(db_session, venue):
    with pytest.raises(CatalogueFileRefused) as refused:
        run_import(db_session, venue, csv_bytes("x" * MAX_FILE_BYTES))
    assert "2 Mo" in str(refused.value)


def test_a_venue_without_accessibility_answers_is_refused(db_session):
    unanswered = factories.venue(db_session)
    db_session.commit()
    with pytest.raises(CatalogueFileRefused) as refused:
        run_import(db_session, unanswered, csv_bytes(f"{STRANGER};L'Étranger;;7;1"))
    assert "accessibilité de ce lieu" in str(refused.value)
    assert offers_of(db_session, unanswered) == []


def test_a_digital_venue_is_refused(db_session):
    digital = factories.venue(db_session, is_virtual=True, venue_type=VenueType.DIGITAL,
                              siret=None, **ANSWERED)
    db_session.commit()
    with pytest.raises(CatalogueFileRefused):
        run_import(db_session, digital, csv_bytes(f"{STRANGER};L'Étranger;;7;1"))


def test_a_failure_half_way_leaves_nothing_of_the_file(db_session, venue, monkeypatch):
    real_insert = catalogue_import.insert

    def failing_insert(table):
        if table is Stock:
            raise RuntimeError("the database refuses the stocks")
        return real_insert(table)

    monkeypatch.setattr(catalogue_import, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        run_import(db_session, venue, csv_bytes(f"{STRANGER};L'Étranger;;7;1"))
    assert offers_of(db_session, venue) == []


# Size


def test_five_thousand_lines_take_a_handful_of_statements(db_session, venue):
    """Not a timing (bench/catalogue_import.py measures it): the statements sent stay few
    whatever the number of lines, which is what keeps a large file fast."""
    data = csv_bytes(*[f"{ean(number)};Livre {number};;{number % 300};{number % 7}"
                       for number in range(5_000)])
    with counted_queries(db_session.get_bind()) as statements:
        first = run_import(db_session, venue, data)
        created = len(statements)
        second = run_import(db_session, venue, data.replace(b";Livre", b";Autre"))
    assert first.counts[LineOutcome.CREATED] == 5_000
    assert second.counts[LineOutcome.UNCHANGED] == 5_000
    assert created <= 20
    assert len(statements) - created <= 10
    assert db_session.scalar(select(func.count()).select_from(Offer)) == 5_000


# The pages


def member_signed_in(client, db_session, structure):
    person = factories.pro(db_session, structure=structure)
    db_session.commit()
    assert login(client, person.email, factories.PASSWORD).status_code == 303
    return person


def upload(client, venue_id, data: bytes, filename: str = "catalogue.csv"):
    token = csrf_token(client.get(UPLOAD_PATH))
    return client.post(UPLOAD_PATH, data={
        "csrf_token": token, "venue_id": str(venue_id), "file": (io.BytesIO(data), filename),
    }, content_type="multipart/form-data")


def test_the_form_offers_the_members_physical_venues_only(client, db_session, venue):
    factories.venue(db_session, structure=venue.structure, is_virtual=True, siret=None,
                    venue_type=VenueType.DIGITAL, name="Boutique en ligne")
    factories.venue(db_session, name="Librairie d'une autre structure", **ANSWERED)
    member_signed_in(client, db_session, venue.structure)
    page = html(client.get(UPLOAD_PATH))
    options = [option.get_text(strip=True) for option in page.select("#venue_id option")]
    assert options == [venue.display_name]
    assert page.find("a", href="/pro/catalogue/modele.csv")
    assert page.find("label", attrs={"for": "file"})


def test_an_upload_shows_the_counts_and_every_refused_line(client, db_session, venue):
    member_signed_in(client, db_session, venue.structure)
    response = upload(client, venue.id, csv_bytes(
        f"{STRANGER};L'Étranger;Camus;7,60;3", "9782070368229;Faux;;7;1", f"{NOVEL};;;7;1"))
    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text(strip=True) == "Rapport d'import"
    counts = [item.get_text(" ", strip=True) for item in page.select(".catalogue-counts li")]
    assert [int(text.split()[0]) for text in counts] == [1, 0, 0, 2]
    assert counts[0] == "1 offre créée" and counts[3] == "2 lignes refusées"
    refused = page.find(id="catalogue-refused").find_parent("table")
    rows = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in refused.tbody.find_all("tr")]
    assert [row[:2] for row in rows] == [["3", "9782070368229"], ["4", NOVEL]]
    assert rows[1][3] == "Titre manquant : il faut un titre pour créer cette référence."
    assert len(offers_of(db_session, venue)) == 1


def test_uploading_into_another_structures_venue_is_not_found(client, db_session, venue):
    stranger_venue = factories.venue(db_session, **ANSWERED)
    member_signed_in(client, db_session, venue.structure)
    response = upload(client, stranger_venue.id, csv_bytes(f"{STRANGER};L'Étranger;;7;1"))
    assert response.status_code == 404
    assert stranger_venue.name not in response.get_data(as_text=True)
    assert offers_of(db_session, stranger_venue) == []


@pytest.mark.parametrize("venue_id", ["", "abc", "99999999999999999999", "-3"])
def test_a_venue_that_cannot_be_an_id_is_told_beside_its_field(client, db_session, venue,
                                                                venue_id):
    member_signed_in(client, db_session, venue.structure)
    response = upload(client, venue_id, csv_bytes(f"{STRANGER};L'Étranger;;7;1"))
    assert response.status_code == 422
    assert "Choisis le lieu" in html(response).find(id="venue_id-error").get_text()


@pytest.mark.parametrize(("data", "filename", "expected"), [
    (b"PK\x03\x04\x14\x00\x06\x00", "catalogue.xlsx", "classeur Excel"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", "n'est pas un fichier texte CSV"),
    (b"", "vide.csv", "Le fichier est vide."),
])
def test_a_bad_file_gets_a_french_message_beside_the_file_field(client, db_session, venue,
                                                                 data, filename, expected):
    member_signed_in(client, db_session, venue.structure)
    response = upload(client, venue.id, data, filename)
    assert response.status_code == 422
    page = html(response)
    assert expected in page.find(id="file-error").get_text()
    assert "file-error" in page.find(id="file")["aria-describedby"]


def test_a_file_too_large_gets_a_french_message(client, db_session, venue):
    member_signed_in(client, db_session, venue.structure)
    response = upload(client, venue.id, csv_bytes("x" * (MAX_FILE_BYTES + 10)))
    assert response.status_code == 422
    assert "2 Mo" in html(response).find(id="file-error").get_text()


def test_an_upload_without_a_file_asks_for_one(client, db_session, venue):
    member_signed_in(client, db_session, venue.structure)
    token = csrf_token(client.get(UPLOAD_PATH))
    response = client.post(UPLOAD_PATH, data={"csrf_token": token, "venue_id": str(venue.id)},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choisis le fichier CSV" in html(response).find(id="file-error").get_text()


def test_the_model_file_downloads_and_imports_without_a_refusal(client, db_session, venue):
    member_signed_in(client, db_session, venue.structure)
    response = client.get("/pro/catalogue/modele.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith("\ufeff".encode())
    assert all(line.reason is None for line in read_catalogue(response.data))


def test_the_pages_are_for_pros_only(client, db_session, signed_in):
    assert signed_in.get(UPLOAD_PATH).status_code == 403
    assert signed_in.get("/pro/catalogue/modele.csv").status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    for path in (UPLOAD_PATH, "/pro/catalogue/modele.csv"):
        response = client.get(path)
        assert response.status_code in (302, 303)
        assert response.location.startswith("/connexion")


def test_the_upload_page_has_one_heading_per_level_in_order(client, db_session, venue):
    member_signed_in(client, db_session, venue.structure)
    page = html(client.get(UPLOAD_PATH))
    levels = [int(heading.name[1]) for heading in page.find_all(["h1", "h2", "h3"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
