"""Reading the cohort file a local government uploads: one line per age (and year), read line by
line (docs/domain/7-territories.md, "Take-up by age").

The format::

    age;annee;effectif
    17;2026;1250
    18;;1302

`age` and `effectif` are required, `annee` is optional (the column, or a cell left empty: the
figure holds for every year). Separator semicolon, comma or tab; UTF-8 (with or without BOM),
UTF-16 with a mark or Windows-1252, what spreadsheets save (`models.csv_upload`). A file the
reader cannot take as a whole (empty, too large, not text, no header, separator not
recognised) is refused with one reason (`CohortFileRefused`); otherwise every data line gets
what it says or why it is refused, and the file is taken only when no line is refused.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from models.csv_upload import FileRefused, decode_upload
from models.statistics.take_up import AGES

MAX_FILE_BYTES = 64 * 1024
MAX_LINES = 500
MAX_PEOPLE = 10_000_000
FIRST_YEAR, LAST_YEAR = 2019, 2100
SEPARATORS = (";", ",", "\t")
COLUMN_NAMES = {
    "age": {"age", "ages"},
    "year": {"annee", "an", "year"},
    "people": {"effectif", "effectifs", "population", "nombre", "personnes"},
}


class CohortFileRefused(FileRefused):
    """The whole cohort file is refused; nothing of it is saved."""


@dataclass(frozen=True)
class Reason:
    """Why a line is refused: a French sentence with %(name)s placeholders, and their values."""

    message: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CohortLine:
    """One data line: its number in the file (the header is line 1), and what it says or why it
    is refused."""

    number: int
    age: int | None = None
    year: int | None = None
    people: int | None = None
    reason: Reason | None = None


class _Refused(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.reason = Reason(message, params)


def decode(data: bytes) -> str:
    return decode_upload(
        data, max_bytes=MAX_FILE_BYTES, refused=CohortFileRefused,
        too_large="Le fichier dépasse 64 Ko : un fichier d'effectifs tient en quelques lignes "
                  "(une par âge et par année).")


def _normalised(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().strip('"').lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _column(name: str) -> str | None:
    return next((key for key, names in COLUMN_NAMES.items() if _normalised(name) in names), None)


def _separator(header: str) -> str:
    counts = {separator: header.count(separator) for separator in SEPARATORS}
    best = max(counts, key=lambda separator: counts[separator])
    if counts[best]:
        return best
    if _column(header) is None and any(word in _normalised(header)
                                       for word in ("age", "effectif")):
        raise CohortFileRefused(
            "Séparateur non reconnu sur la ligne d'en-tête : sépare les colonnes par un "
            "point-virgule (;), une virgule (,) ou une tabulation.")
    return ";"


def _columns(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        key = _column(name)
        if key is not None and key in positions:
            raise CohortFileRefused("La colonne « %(name)s » apparaît deux fois dans l'en-tête.",
                                    name=name.strip())
        if key is not None:
            positions[key] = position
    if "age" not in positions or "people" not in positions:
        raise CohortFileRefused(
            "En-tête manquant : la première ligne doit nommer les colonnes age et effectif "
            "(et annee si besoin), par exemple « age;annee;effectif ». Pars du fichier modèle.")
    return positions


def _whole_number(text: str) -> int | None:
    compact = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    sign = -1 if compact.startswith("-") else 1
    digits = compact.lstrip("-+")
    if not digits.isascii() or not digits.isdigit():
        return None
    return sign * int(digits)


def _age(text: str) -> int:
    if not text:
        raise _Refused("âge manquant.")
    age = _whole_number(text)
    if age is None:
        raise _Refused("l'âge « %(value)s » n'est pas un nombre entier.", value=text)
    if age not in AGES:
        raise _Refused("âge %(value)s inconnu : seuls les âges de %(first)s à %(last)s ans "
                       "sont suivis.", value=text, first=AGES[0], last=AGES[-1])
    return age


def _year(text: str) -> int | None:
    if not text:
        return None
    year = _whole_number(text)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise _Refused("l'année « %(value)s » n'est pas une année entre %(first)s et "
                       "%(last)s (laisse la case vide pour toutes les années).",
                       value=text, first=FIRST_YEAR, last=LAST_YEAR)
    return year


def _people(text: str) -> int:
    if not text:
        raise _Refused("effectif manquant.")
    people = _whole_number(text)
    if people is None:
        raise _Refused("l'effectif « %(value)s » n'est pas un nombre entier.", value=text)
    if people < 0:
        raise _Refused("l'effectif ne peut pas être négatif (%(value)s).", value=text)
    if people > MAX_PEOPLE:
        raise _Refused("l'effectif %(value)s est trop grand : 10 millions au plus.", value=text)
    return people


def _read_line(number: int, cells: list[str], columns: dict[str, int]) -> CohortLine:
    def cell(key: str) -> str:
        position = columns.get(key)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    if not any(cell.strip() for cell in cells):
        return CohortLine(number, reason=Reason("ligne vide."))
    try:
        return CohortLine(number, _age(cell("age")), _year(cell("year")), _people(cell("people")))
    except _Refused as refusal:
        return CohortLine(number, reason=refusal.reason)


def read_cohort_file(data: bytes) -> list[CohortLine]:
    """Every data line of the file with what it says or why it is refused; empty lines at the
    end of the file (spreadsheets add them) are dropped, empty lines within it are refused."""
    text = decode(data)
    rows_text = text.lstrip("\r\n")
    if not rows_text.strip():
        raise CohortFileRefused("Le fichier est vide.")
    header_line = rows_text.splitlines()[0]
    separator = _separator(header_line)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error:
        raise CohortFileRefused(
            "Ce fichier CSV est mal formé (un guillemet n'est sans doute pas refermé).") from None
    first = next(index for index, row in enumerate(rows) if any(cell.strip() for cell in row))
    columns = _columns(rows[first])
    body = rows[first + 1:]
    while body and not any(cell.strip() for cell in body[-1]):
        body.pop()
    if not body:
        raise CohortFileRefused("Le fichier ne contient aucune ligne après l'en-tête.")
    if len(body) > MAX_LINES:
        raise CohortFileRefused("Le fichier compte %(count)s lignes : 500 au plus.",
                                count=len(body))
    lines, seen = [], {}
    for number, cells in enumerate(body, start=first + 2):
        line = _read_line(number, cells, columns)
        index = (line.age, line.year)
        if line.reason is None and index in seen:
            line = CohortLine(number, reason=Reason(
                "l'âge %(age)s figure déjà ligne %(line)s pour la même année.",
                {"age": line.age, "line": seen[index]}))
        elif line.reason is None:
            seen[index] = number
        lines.append(line)
    return lines


EXAMPLE_ROWS = (
    ("age", "annee", "effectif"),
    *((str(age), "", "") for age in AGES),
)


def example_csv() -> bytes:
    """The model file offered for download: the header and one line per age to fill in, UTF-8
    with a BOM and semicolons, which a French spreadsheet opens and saves back unchanged."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(EXAMPLE_ROWS)
    return out.getvalue().encode("utf-8-sig")
