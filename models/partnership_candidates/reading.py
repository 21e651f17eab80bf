"""Reading the structures an officer lists: SIRENs typed or pasted, or a CSV file of SIREN, name
and e-mail address, checked line by line (docs/domain/7-territories.md).

Reading knows nothing of the database. Every line gets what it says, or the reason it is
refused; a refused line refuses the whole submission, so the officer corrects it and nothing
half-read is saved. A SIREN is checked by the pro side's own rule (`check_siren`); the reading
only picks the sentence that tells an officer what is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from models.csv_upload import FileRefused, decode_upload
from models.offerers.exceptions import InvalidSiren, SirenChecksumFailed
from models.offerers.validation import check_siren
from models.text import fold
from models.users.repository import normalise_email

# One submission at most; the list of a territory is capped by `models.partnership_candidates.api`.
MAX_LINES = 2000
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NAME_LENGTH = 140
MAX_EMAIL_LENGTH = 254
SIRET_LENGTH = 14

# Spaces people and spreadsheets put inside a number: plain, non-breaking, narrow non-breaking.
NUMBER_SPACES = re.compile(r"[ \u00a0\u202f]")
# A number a spreadsheet turned into scientific notation: 3,40172E+08.
SCIENTIFIC = re.compile(r"[\d.,]+[eE]\+?\d+")
# Between SIRENs typed on one line: commas and spaces.
TYPED_SEPARATORS = re.compile(r"[,\s]+")
COLUMN_NAMES = {
    "siren": {"siren", "numero siren", "n siren", "siren de la structure"},
    "name": {"nom", "name", "raison sociale", "denomination", "nom de la structure", "structure"},
    "email": {"email", "e mail", "courriel", "adresse e mail", "adresse email", "mail",
              "adresse electronique"},
}


@dataclass(frozen=True)
class Problem:
    """Why a line is refused: a French sentence with %(name)s placeholders and their values.

    The sentence is the translation catalogue's id; the web layer shows it translated.
    """

    message: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % self.params


@dataclass(frozen=True)
class ListedLine:
    """A structure as the officer gave it: a checked SIREN, maybe a name and an address."""

    siren: str
    name: str | None = None
    email: str | None = None


@dataclass
class Reading:
    by_siren: dict[str, ListedLine] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def lines(self) -> list[ListedLine]:
        return list(self.by_siren.values())

    def add(self, line: ListedLine) -> None:
        """Keep `line`; a SIREN given twice is kept once, with what its later lines add."""
        kept = self.by_siren.get(line.siren)
        if kept is not None:
            line = ListedLine(line.siren, line.name or kept.name, line.email or kept.email)
        self.by_siren[line.siren] = line


def read_typed(text: str) -> Reading:
    """SIRENs typed or pasted: one per line, or several separated by spaces or commas.

    A SIREN may be written in groups ("340 172 342") when it is alone between commas. A line
    with semicolons or tabs (pasted from a spreadsheet) is read as SIREN, name, e-mail address.
    """
    reading = Reading()
    numbered = [(number, line) for number, line in enumerate(text.splitlines(), 1)
                if line.strip()]
    if len(numbered) > MAX_LINES:
        reading.problems.append(_too_many())
        return reading
    for number, line in numbered:
        if ";" in line or "\t" in line:
            _read_columns(reading, number, re.split(r"[;\t]", line))
            continue
        for token in _typed_tokens(line):
            _read_siren_only(reading, number, token)
    return reading


def _typed_tokens(line: str) -> list[str]:
    tokens = []
    for piece in line.split(","):
        compact = NUMBER_SPACES.sub("", piece.strip())
        if compact.isdigit() and len(compact) in (9, SIRET_LENGTH):
            tokens.append(compact)
        else:
            tokens.extend(token for token in TYPED_SEPARATORS.split(piece) if token)
    return tokens


def read_csv(data: bytes) -> Reading:
    """A CSV file: SIREN, then optionally the name and the e-mail address, one structure a line.

    The first line may name the columns (siren, nom, email, in any order); without it the
    columns are taken in that order. Semicolons, commas or tabs; UTF-8 or Windows encoding.
    A file that cannot be read as text at all (empty, too large, a workbook) is one problem.
    """
    try:
        text = decode_upload(data, max_bytes=MAX_FILE_BYTES, too_large=(
            "Le fichier dépasse 2 Mo : une liste tient en 2 000 lignes au plus."))
    except FileRefused as refused:
        return Reading(problems=[Problem(refused.message, refused.params)])
    rows = list(csv.reader(io.StringIO(text), delimiter=_separator(text)))
    reading = Reading()
    positions = _header(rows[0]) if rows else None
    start = 2 if positions else 1
    positions = positions or {"siren": 0, "name": 1, "email": 2}
    numbered = [(number, row) for number, row in enumerate(rows[start - 1:], start)
                if any(cell.strip() for cell in row)]
    if len(numbered) > MAX_LINES:
        reading.problems.append(_too_many())
        return reading
    for number, row in numbered:
        _read_columns(reading, number, [row[positions[key]] if positions[key] < len(row) else ""
                                        for key in ("siren", "name", "email")])
    if not reading.by_siren and not reading.problems:
        reading.problems.append(Problem("Le fichier ne contient aucune structure."))
    return reading


def _separator(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {separator: first_line.count(separator) for separator in (";", ",", "\t")}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ";"


def _header(row: list[str]) -> dict[str, int] | None:
    """The positions of the columns the first line names, or None when it is data."""
    positions = {}
    for position, cell in enumerate(row):
        name = fold(cell).replace(".", "").strip()
        for key, names in COLUMN_NAMES.items():
            if name in names and key not in positions:
                positions[key] = position
    if "siren" not in positions:
        return None
    return {"name": len(row), "email": len(row)} | positions


def _read_columns(reading: Reading, number: int, cells: list[str]) -> None:
    siren_cell, name, email = (cells + ["", ""])[:3]
    name, email = name.strip(), email.strip()
    try:
        siren = _siren(number, siren_cell)
        if len(name) > MAX_NAME_LENGTH:
            raise _Refused("Ligne %(line)s : le nom compte plus de 140 caractères.", line=number)
        reading.add(ListedLine(siren, name or None, _email(number, email) if email else None))
    except _Refused as refused:
        reading.problems.append(refused.problem)


def _read_siren_only(reading: Reading, number: int, token: str) -> None:
    try:
        reading.add(ListedLine(_siren(number, token)))
    except _Refused as refused:
        reading.problems.append(refused.problem)


class _Refused(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.problem = Problem(message, params)


def _siren(number: int, cell: str) -> str:
    """The SIREN of `cell`, checked as the pro side checks it, or why it is refused."""
    compact = NUMBER_SPACES.sub("", cell.strip())
    if not compact:
        raise _Refused("Ligne %(line)s : le SIREN manque.", line=number)
    if SCIENTIFIC.fullmatch(compact):
        raise _Refused(
            "Ligne %(line)s : « %(value)s » a été transformé par le tableur : mets la colonne "
            "SIREN au format Texte, puis enregistre à nouveau le fichier.",
            line=number, value=compact)
    try:
        check_siren(compact)
    except SirenChecksumFailed as error:
        raise _Refused(
            "Ligne %(line)s : le SIREN %(value)s n'existe pas, sa clé de contrôle est fausse : "
            "un chiffre est sans doute mal recopié.", line=number, value=compact) from error
    except InvalidSiren as error:
        raise _format_refusal(number, compact) from error
    return compact


def _format_refusal(number: int, compact: str) -> _Refused:
    shown = compact[:40]
    if not (compact.isascii() and compact.isdigit()):
        return _Refused("Ligne %(line)s : « %(value)s » n'est pas un SIREN : un SIREN s'écrit "
                        "avec 9 chiffres.", line=number, value=shown)
    if len(compact) == SIRET_LENGTH:
        return _Refused("Ligne %(line)s : %(value)s est un SIRET (14 chiffres) : le SIREN de la "
                        "structure, ce sont ses 9 premiers chiffres, %(siren)s.",
                        line=number, value=compact, siren=compact[:9])
    return _Refused("Ligne %(line)s : %(value)s compte %(count)s chiffres, un SIREN en compte 9.",
                    line=number, value=shown, count=len(compact))


def _email(number: int, typed: str) -> str:
    try:
        if len(typed) > MAX_EMAIL_LENGTH:
            raise EmailNotValidError("too long")
        validate_email(typed, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as error:
        raise _Refused("Ligne %(line)s : « %(value)s » n'est pas une adresse e-mail valide, "
                       "par exemple contact@exemple.fr.", line=number,
                       value=typed[:60]) from error
    return normalise_email(typed)


def _too_many() -> Problem:
    return Problem("La liste envoyée compte plus de %(max)s lignes : envoie-la en plusieurs "
                   "fois.", {"max": MAX_LINES})
