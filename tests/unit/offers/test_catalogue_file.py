"""Reading a bulk catalogue file, without a database (docs/domain/4-offers.md, "Bulk catalogue")."""

from __future__ import annotations

import pytest

from models.offers.catalogue_file import (
    CatalogueFileRefused,
    _LineRefused,
    decode,
    example_csv,
    normalise_ean,
    parse_price,
    parse_quantity,
    read_catalogue,
)


@pytest.mark.parametrize(("text", "cents"), [
    ("0", 0), ("7", 700), ("7,6", 760), ("7.60", 760), ("12,50 €", 1250), ("€ 3", 300),
    ("300", 30000), ("300,00", 30000), (" 1\u00a0,5 ", 150),
])
def test_prices_are_read_in_euros_with_a_comma_or_a_point(text, cents):
    assert parse_price(text) == cents


@pytest.mark.parametrize("text", ["", "300,01", "-0,01", "1e3", "NaN", "Infinity", "7,999",
                                  "douze", "1.000,00"])
def test_prices_out_of_range_or_unreadable_are_refused(text):
    with pytest.raises(_LineRefused):
        parse_price(text)


@pytest.mark.parametrize(("text", "quantity"), [("0", 0), ("12", 12), (" 1 000 ", 1000)])
def test_quantities_are_whole_numbers(text, quantity):
    assert parse_quantity(text) == quantity


@pytest.mark.parametrize("text", ["", "-1", "1,5", "²", "1000001", "illimité"])
def test_other_quantities_are_refused(text):
    with pytest.raises(_LineRefused):
        parse_quantity(text)


@pytest.mark.parametrize(("text", "ean"), [
    ("978-2-07-036822-8", "9782070368228"),
    ("978 2070 36822 8", "9782070368228"),
    ("602445790098", "0602445790098"),
    ("978207036822", "978207036822"),  # twelve digits that do not check with a 0: left as they are
])
def test_eans_lose_their_spaces_and_dashes_and_get_back_a_dropped_zero(text, ean):
    assert normalise_ean(text) == ean


def test_a_file_of_empty_cells_is_empty():
    with pytest.raises(CatalogueFileRefused, match="vide"):
        read_catalogue(b";;;;\r\n;;;;\r\n")


def test_a_file_holding_only_a_bom_is_empty():
    with pytest.raises(CatalogueFileRefused, match="vide"):
        read_catalogue("\ufeff".encode())


def test_a_nul_character_in_utf16_text_refuses_the_file():
    with pytest.raises(CatalogueFileRefused, match="texte CSV"):
        read_catalogue("ean;prix;quantite\n\x00;1;1".encode("utf-16"))


def test_bytes_windows_1252_lacks_fall_back_to_latin_1():
    assert decode(b"caf\xe9 \x81") == "café \x81"


def test_the_model_file_reads_without_a_refusal():
    lines = read_catalogue(example_csv())
    assert [line.reason for line in lines] == [None] * 4
    assert {line.subcategory_id for line in lines} == {
        "LIVRE_PAPIER", "SUPPORT_PHYSIQUE_MUSIQUE_CD", "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE"}
