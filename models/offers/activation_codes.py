"""Activation codes of a digital offer, uploaded as a CSV file and checked line by line.

One code per line, optionally followed by its expiry date (`;` or `,` between them, the date as
2026-12-31 or 31/12/2026). Each line gets a verdict (docs/domain/4-offers.md, "Activation
codes"): empty lines are skipped; a code twice in the file, a code the offer already has, a
date that cannot be read or that has passed refuses the line. A file with any refused line adds
nothing, so people fix it and send it again whole.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from models.offers import exceptions as errors

PARIS = ZoneInfo("Europe/Paris")
MAX_LINES = 10_000
# 10,000 codes of up to 100 characters: a file bigger than this is not a list of codes.
MAX_BYTES = 1024 * 1024
MAX_CODE_LENGTH = 100

EMPTY = "Ligne vide, ignorée."
DUPLICATE_IN_FILE = "Code déjà présent plus haut dans le fichier (ligne %(first)d)."
ALREADY_KNOWN = "Code déjà enregistré pour cette offre."
BAD_DATE = "Date d'expiration illisible : écris-la 2026-12-31 ou 31/12/2026."
PAST_DATE = "Date d'expiration passée."
TOO_LONG = "Code trop long (100 caractères au plus)."
TOO_MANY_COLUMNS = "Une ligne contient un code et, si besoin, une date : rien d'autre."


@dataclass
class CodeLine:
    number: int
    code: str | None
    expires_on: dt.date | None = None
    problem: str | None = None
    problem_args: dict | None = None
    skipped: bool = False

    @property
    def accepted(self) -> bool:
        return self.problem is None and not self.skipped


def _date(text: str) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _rows(data: bytes) -> list[list[str]]:
    if len(data) > MAX_BYTES:
        raise errors.ActivationCodesRefused(
            "Le fichier pèse plus de 1 Mo : découpe-le en plusieurs envois.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise errors.ActivationCodesRefused(
            "Le fichier doit être un texte CSV enregistré en UTF-8.") from None
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise errors.ActivationCodesRefused(
            "Le fichier compte plus de 10 000 lignes : découpe-le en plusieurs envois.")
    dialect = "excel" if "," in text and ";" not in text else "semicolon"
    return [next(csv.reader([line], delimiter="," if dialect == "excel" else ";"), [])
            for line in lines]


def _checked(number: int, row: list[str], today: dt.date, seen: dict[str, int],
             existing: set[str]) -> CodeLine:
    cells = [cell.strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return CodeLine(number, None, skipped=True, problem=None)
    code = cells[0]
    line = CodeLine(number, code)
    if len(cells) > 2:
        line.problem = TOO_MANY_COLUMNS
    elif not code or len(code) > MAX_CODE_LENGTH:
        line.problem = TOO_LONG if code else EMPTY
    elif code in seen:
        line.problem, line.problem_args = DUPLICATE_IN_FILE, {"first": seen[code]}
    elif code in existing:
        line.problem = ALREADY_KNOWN
    elif len(cells) == 2:
        line.expires_on = _date(cells[1])
        if line.expires_on is None:
            line.problem = BAD_DATE
        elif line.expires_on < today:
            line.problem = PAST_DATE
    seen.setdefault(code, number)
    return line


def checked_lines(data: bytes, existing: set[str], now: dt.datetime) -> list[CodeLine]:
    """A verdict for every line of the file, in order (empty lines marked skipped)."""
    today = now.astimezone(PARIS).date()
    seen: dict[str, int] = {}
    return [_checked(number, row, today, seen, existing)
            for number, row in enumerate(_rows(data), start=1)]


def expiry_moment(day: dt.date) -> dt.datetime:
    """A code expiring on `day` may be used until that day's last minute, in Paris."""
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=PARIS)
    return (end - dt.timedelta(minutes=1)).astimezone(dt.UTC)
