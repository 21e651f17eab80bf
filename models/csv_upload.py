"""The text of a CSV file someone uploads: what every upload of the service has in common (a
bookshop's catalogue, a territory's cohorts, its list of structures).

Spreadsheets save CSV files in UTF-8 (with or without a byte order mark), in UTF-16 with a mark
("Unicode text"), or in Windows-1252 (French Excel's "CSV separator semicolon"). What cannot be
read as text at all is refused whole, with one sentence saying what to do: an empty file, one
over the upload's size, a workbook saved as is, an image or a PDF.
"""

from __future__ import annotations

from models.errors import DomainError

WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx / .ods (zip), old .xls
NOT_TEXT_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class FileRefused(DomainError):
    """The whole file is refused and nothing of it is used.

    `message` is the French sentence with %(name)s placeholders (the translation catalogue's
    id), `params` the values put in them.
    """

    message = "Ce fichier ne peut pas être lu."

    def __init__(self, message: str | None = None, **params):
        super().__init__(message)
        self.params = params

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


def decode_upload(data: bytes, *, max_bytes: int, too_large: str,
                  refused: type[FileRefused] = FileRefused) -> str:
    """The file's text, or `refused` raised with the reason; `too_large` is the upload's own
    sentence for a file over `max_bytes` (what it should hold instead)."""
    if not data.strip():
        raise refused("Le fichier est vide.")
    if len(data) > max_bytes:
        raise refused(too_large)
    if data.startswith(WORKBOOK_SIGNATURES):
        raise refused(
            "Ce fichier est un classeur Excel ou OpenDocument : enregistre-le au format CSV "
            "(« CSV UTF-8 » ou « CSV séparateur point-virgule »), puis envoie ce fichier-là.")
    if data.startswith(UTF16_MARKS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise refused("Ce fichier n'est pas un fichier texte CSV.") from None
    if data.startswith(NOT_TEXT_SIGNATURES) or b"\x00" in data:
        raise refused("Ce fichier n'est pas un fichier texte CSV.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # The five bytes Windows-1252 leaves undefined: Latin-1 reads every byte.
    return data.decode("latin-1")
