"""Reading a bulk catalogue file: the CSV of EAN, title, author, price and quantity that a
bookshop or a record shop exports from its till or spreadsheet, read line by line.

The rules are written in docs/domain/4-offers.md ("Bulk catalogue"). Reading knows nothing of
the database: it gives each data line what it says, or why it is refused on its own (bad EAN,
price out of range, duplicate EAN within the file...), and refuses the whole file
(`CatalogueFileRefused`) when it cannot be read as a catalogue at all. Applying the lines is
`models.offers.catalogue_import`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from models.csv_upload import FileRefused, decode_upload
from models.offerers.models import Venue, VenueType
from models.offers.ean import EAN_LENGTH, InvalidEan, check_ean, is_valid_ean13
from models.offers.models import MAX_STOCK_PRICE_CENTS

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_LINES = 20_000
MAX_TEXT_LENGTH = 140
MAX_QUANTITY = 1_000_000

BOOK, CD, VINYL = "LIVRE_PAPIER", "SUPPORT_PHYSIQUE_MUSIQUE_CD", "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE"
# Written in the "type" column, compared without accents nor case.
KIND_WORDS = {
    "livre": BOOK, "livres": BOOK, "book": BOOK, "livre papier": BOOK,
    "cd": CD, "cds": CD, "disque compact": CD,
    "vinyle": VINYL, "vinyles": VINYL, "vinyl": VINYL, "disque vinyle": VINYL, "33 tours": VINYL,
    "45 tours": VINYL,
}
RECORD_VENUES = {VenueType.RECORD_STORE, VenueType.MUSIC_STORE}

# Header names, compared once lowered, without accents, spaces, dashes, dots, brackets nor €.
COLUMN_NAMES = {
    "ean": {"ean", "ean13", "isbn", "isbn13", "gencod", "codebarre", "codeean"},
    "title": {"titre", "title", "nom", "name", "designation", "libelle"},
    "author": {"auteur", "author", "auteurs", "artiste", "artist", "interprete"},
    "price": {"prix", "price", "prixttc", "pricettc", "prixeur", "prixeuros", "priceeur",
              "prixeneuros", "prixdevente", "prixpublic"},
    "quantity": {"quantite", "quantity", "qte", "qty", "stock", "exemplaires"},
    "kind": {"type", "support"},
}
REQUIRED_COLUMNS = ("ean", "price", "quantity")
COLUMN_LABELS = {"ean": "ean", "price": "prix", "quantity": "quantite"}


class CatalogueFileRefused(FileRefused):
    """The whole catalogue file is refused and nothing of it is written."""

    message = "Ce fichier ne peut pas être importé."


@dataclass(frozen=True)
class Reason:
    """Why a line is refused: a French sentence with %(name)s placeholders, and their values."""

    message: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


class _LineRefused(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.reason = Reason(message, params)


@dataclass
class CatalogueLine:
    """One data line of the file, as read; `reason` is set when it is refused."""

    number: int
    ean: str
    title: str = ""
    author: str = ""
    price_cents: int | None = None
    quantity: int | None = None
    subcategory_id: str | None = None
    reason: Reason | None = None


def decode(data: bytes) -> str:
    """The catalogue's text (`models.csv_upload`: UTF-8, UTF-16 with a mark, Windows-1252)."""
    return decode_upload(
        data, max_bytes=MAX_FILE_BYTES, refused=CatalogueFileRefused,
        too_large="Le fichier dépasse 2 Mo : découpe-le en plusieurs fichiers, puis importe-les "
                  "un par un.")


def _normalised(text: str) -> str:
    """Lowered, without accents: "Quantité" and "QUANTITE" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _column_key(header: str) -> str | None:
    compact = re.sub(r"[\s_\-.()€]", "", _normalised(header))
    return next((key for key, names in COLUMN_NAMES.items() if compact in names), None)


def _separator(header_line: str) -> str:
    """The most frequent of ; , and tab on the header line (column names never hold one)."""
    counts = {separator: header_line.count(separator) for separator in (";", ",", "\t")}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ";"


def _columns(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        key = _column_key(name)
        if key is None:
            continue
        if key in positions:
            raise CatalogueFileRefused(
                "La colonne « %(name)s » apparaît deux fois dans l'en-tête.", name=name.strip())
        positions[key] = position
    missing = [COLUMN_LABELS[key] for key in REQUIRED_COLUMNS if key not in positions]
    if missing:
        raise CatalogueFileRefused(
            "La première ligne doit nommer les colonnes ; il manque : %(missing)s. "
            "Pars du fichier modèle pour voir les noms attendus.", missing=", ".join(missing))
    return positions


def parse_price(text: str) -> int:
    """Cents from "12,50", "12.5" or "12,50 €"; the reason it cannot be read otherwise."""
    cleaned = text.replace("€", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        raise _LineRefused("Prix manquant.")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise _LineRefused("Prix illisible « %(price)s » : écris-le en euros, par exemple 12,50.",
                           price=text)
    if amount != amount.quantize(Decimal("0.01")):
        raise _LineRefused("Prix « %(price)s » : deux chiffres après la virgule au plus.",
                           price=text)
    cents = int(amount * 100)
    if not 0 <= cents <= MAX_STOCK_PRICE_CENTS:
        raise _LineRefused("Prix hors limites (%(price)s) : entre 0 et 300 €.", price=text)
    return cents


def parse_quantity(text: str) -> int:
    """A whole number of copies; an empty cell is refused rather than guessed (see the docs)."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        raise _LineRefused("Quantité manquante : indique le nombre d'exemplaires à vendre "
                           "(0 pour retirer la référence de la vente).")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise _LineRefused("Quantité illisible « %(quantity)s » : un nombre entier, 0 ou plus.",
                           quantity=text)
    quantity = int(cleaned)
    if quantity > MAX_QUANTITY:
        raise _LineRefused("Quantité trop grande : un million d'exemplaires au plus.")
    return quantity


def normalise_ean(text: str) -> str:
    """The EAN without spaces nor dashes; a leading zero a spreadsheet dropped is put back when
    the thirteen digits then check (record EANs from North America begin with 0)."""
    compact = re.sub(r"[\s\-\u00a0]", "", text)
    if len(compact) == EAN_LENGTH - 1 and is_valid_ean13("0" + compact):
        return "0" + compact
    return compact


def _ean_reason(ean: str) -> Reason | None:
    if not ean:
        return Reason("EAN manquant.")
    if re.fullmatch(r"[\d.,]+[eE]\+?\d+", ean):
        return Reason("EAN transformé par le tableur (%(ean)s) : mets la colonne EAN au format "
                      "Texte, puis enregistre à nouveau le fichier.", {"ean": ean})
    try:
        check_ean(ean)
    except InvalidEan as error:
        return Reason(error.message)
    return None


def _kind(text: str, default: str) -> str:
    if not text.strip():
        return default
    subcategory_id = KIND_WORDS.get(_normalised(text))
    if subcategory_id is None:
        raise _LineRefused("Type inconnu « %(kind)s » : livre, cd ou vinyle.", kind=text.strip())
    return subcategory_id


def default_subcategory(venue: Venue) -> str:
    """A line without a type is a paper book, or a CD in a record or music shop."""
    return CD if venue.venue_type in RECORD_VENUES else BOOK


def _read_line(number: int, cells: list[str], columns: dict[str, int],
               default_kind: str) -> CatalogueLine:
    def cell(key: str) -> str:
        position = columns.get(key)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    line = CatalogueLine(number, normalise_ean(cell("ean")), cell("title"), cell("author"))
    line.reason = _ean_reason(line.ean)
    if line.reason:
        return line
    if len(line.title) > MAX_TEXT_LENGTH or len(line.author) > MAX_TEXT_LENGTH:
        line.reason = Reason("Titre ou auteur trop long : 140 caractères au plus.")
        return line
    try:
        line.price_cents = parse_price(cell("price"))
        line.quantity = parse_quantity(cell("quantity"))
        line.subcategory_id = _kind(cell("kind"), default_kind)
    except _LineRefused as refusal:
        line.reason = refusal.reason
    return line


def read_catalogue(data: bytes, default_kind: str = BOOK) -> list[CatalogueLine]:
    """Every data line of the file with what it says or why it is refused; empty lines at the
    end of the file (spreadsheets add them) are dropped, empty lines within it are reported."""
    text = decode(data)
    if "\x00" in text:
        raise CatalogueFileRefused("Ce fichier n'est pas un fichier texte CSV.")
    if not text.strip():
        raise CatalogueFileRefused("Le fichier est vide.")
    separator = _separator(text.lstrip().splitlines()[0])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error:
        raise CatalogueFileRefused(
            "Ce fichier CSV est mal formé (un guillemet n'est sans doute pas refermé).") from None
    first = next((index for index, row in enumerate(rows) if any(cell.strip() for cell in row)),
                 None)
    if first is None:
        raise CatalogueFileRefused("Le fichier est vide.")
    columns = _columns(rows[first])
    body = rows[first + 1:]
    while body and not any(cell.strip() for cell in body[-1]):
        body.pop()
    if not body:
        raise CatalogueFileRefused("Le fichier ne contient aucune ligne après l'en-tête.")
    if len(body) > MAX_LINES:
        raise CatalogueFileRefused(
            "Le fichier compte %(count)s lignes : 20 000 au plus par fichier. "
            "Découpe-le, puis importe les morceaux un par un.", count=len(body))
    lines, seen = [], {}
    for number, cells in enumerate(body, start=first + 2):
        if not any(cell.strip() for cell in cells):
            lines.append(CatalogueLine(number, "", reason=Reason("Ligne vide.")))
            continue
        line = _read_line(number, cells, columns, default_kind)
        if line.reason is None and line.ean in seen:
            line.reason = Reason("EAN déjà présent ligne %(line)s de ce fichier.",
                                 {"line": seen[line.ean]})
        elif line.reason is None:
            seen[line.ean] = number
        lines.append(line)
    return lines



EXAMPLE_ROWS = (
    ("ean", "titre", "auteur", "prix", "quantite", "type"),
    ("9782070368228", "L'Étranger", "Albert Camus", "7,60", "3", "livre"),
    ("9782226112347", "Exemple de roman", "Autrice Exemple", "22,90", "1", "livre"),
    ("3700187673437", "Exemple d'album", "Groupe Exemple", "15", "2", "cd"),
    ("0602445790098", "Exemple de 33 tours", "Artiste Exemple", "29,99", "0", "vinyle"),
)


def example_csv() -> bytes:
    """The model file offered for download: UTF-8 with a BOM and semicolons, which is what a
    French spreadsheet opens with its accents right and saves back unchanged."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(EXAMPLE_ROWS)
    return out.getvalue().encode("utf-8-sig")
