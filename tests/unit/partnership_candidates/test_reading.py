"""Reading the SIRENs an officer types or uploads: each bad input gets its own sentence."""

from __future__ import annotations

import pytest

from models.offerers.validation import with_luhn_digit
from models.partnership_candidates.reading import MAX_LINES, ListedLine, read_csv, read_typed

GOOD = with_luhn_digit("34017234")
OTHER = with_luhn_digit("41253817")
BAD_KEY = GOOD[:-1] + str((int(GOOD[-1]) + 1) % 10)


def messages(reading) -> list[str]:
    return [str(problem) for problem in reading.problems]


def test_sirens_one_a_line_or_separated_by_spaces_and_commas_are_all_read():
    reading = read_typed(f"{GOOD}\n\n  {OTHER}, {GOOD}  \n")
    assert reading.problems == []
    assert [line.siren for line in reading.lines] == [GOOD, OTHER]


def test_a_siren_written_in_groups_of_three_is_one_siren():
    grouped = f"{GOOD[:3]} {GOOD[3:6]}\u00a0{GOOD[6:]}"
    reading = read_typed(f"{grouped}, {OTHER}")
    assert [line.siren for line in reading.lines] == [GOOD, OTHER]


@pytest.mark.parametrize(("typed", "expected"), [
    ("ABCDEFGHI", "Ligne 1 : « ABCDEFGHI » n'est pas un SIREN : un SIREN s'écrit avec 9 chiffres."),
    ("1234567", "Ligne 1 : 1234567 compte 7 chiffres, un SIREN en compte 9."),
    (BAD_KEY, f"Ligne 1 : le SIREN {BAD_KEY} n'existe pas, sa clé de contrôle est fausse : "
              "un chiffre est sans doute mal recopié."),
    (with_luhn_digit(f"{GOOD}0001"),
     f"Ligne 1 : {with_luhn_digit(f'{GOOD}0001')} est un SIRET (14 chiffres) : le SIREN de la "
     f"structure, ce sont ses 9 premiers chiffres, {GOOD}."),
    ("3,40172E+08", "Ligne 1 : « 3,40172E+08 » a été transformé par le tableur : mets la "
                    "colonne SIREN au format Texte, puis enregistre à nouveau le fichier."),
])
def test_each_kind_of_bad_siren_gets_its_own_sentence(typed, expected):
    reading = read_typed(typed if "," not in typed else f"{typed};")
    assert messages(reading) == [expected]
    assert reading.lines == []


def test_the_line_number_is_the_line_the_officer_sees():
    reading = read_typed(f"{GOOD}\n\n12345")
    assert messages(reading) == ["Ligne 3 : 12345 compte 5 chiffres, un SIREN en compte 9."]


def test_a_line_pasted_from_a_spreadsheet_gives_the_name_and_the_address():
    reading = read_typed(f"{GOOD}\tMJC de Lodève\tContact@MJC.fr")
    assert reading.lines == [ListedLine(GOOD, "MJC de Lodève", "contact@mjc.fr")]


def test_a_bad_address_and_a_long_name_are_refused_on_their_line():
    reading = read_typed(f"{GOOD};MJC;pas-une-adresse\n{OTHER};{'x' * 141}")
    assert messages(reading) == [
        "Ligne 1 : « pas-une-adresse » n'est pas une adresse e-mail valide, par exemple "
        "contact@exemple.fr.",
        "Ligne 2 : le nom compte plus de 140 caractères.",
    ]


def test_a_csv_with_its_header_in_any_order_and_windows_encoding():
    data = f"Nom;E-mail;SIREN\r\nThéâtre du Lez;t@lez.fr;{GOOD}\r\n;;{OTHER}\r\n".encode("cp1252")
    reading = read_csv(data)
    assert reading.problems == []
    assert reading.lines == [ListedLine(GOOD, "Théâtre du Lez", "t@lez.fr"), ListedLine(OTHER)]


def test_a_csv_without_header_is_read_siren_name_address_and_numbers_lines_from_one():
    reading = read_csv(f"{GOOD},Cinéma Nestor\n12,X\n".encode())
    assert reading.lines == [ListedLine(GOOD, "Cinéma Nestor")]
    assert messages(reading) == ["Ligne 2 : 12 compte 2 chiffres, un SIREN en compte 9."]


def test_a_csv_line_with_a_name_but_no_siren_says_the_siren_is_missing():
    reading = read_csv(f"siren;nom\n{GOOD};A\n;Sans numéro\n".encode())
    assert messages(reading) == ["Ligne 3 : le SIREN manque."]


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "Le fichier est vide."),
    (b"PK\x03\x04rest", "Ce fichier est un classeur Excel ou OpenDocument : enregistre-le au "
                        "format CSV (« CSV UTF-8 » ou « CSV séparateur point-virgule »), puis "
                        "envoie ce fichier-là."),
    (b"siren;nom\n", "Le fichier ne contient aucune structure."),
])
def test_a_file_that_holds_no_structure_is_refused_whole(data, expected):
    assert messages(read_csv(data)) == [expected]


def test_more_lines_than_allowed_are_refused_before_any_is_read():
    reading = read_typed("\n".join([GOOD] * (MAX_LINES + 1)))
    assert messages(reading) == ["La liste envoyée compte plus de 2000 lignes : envoie-la en "
                                 "plusieurs fois."]
