"""The bookings export as French spreadsheets read it: semicolons, a BOM, decimal commas.

Excel in French opens a UTF-8 file right only when it starts with a byte order mark, and
splits columns on semicolons since the comma is the decimal separator. Dates are written in
Europe/Paris whatever the reader's zone, as the accounting of the structures is. A cell a
spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return) is
prefixed with an apostrophe, so a name typed by a young person can never run in the pro's
spreadsheet. docs/domain/5-bookings.md, "Pro list and export".
"""

from __future__ import annotations

import csv
import io
import zlib
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from webapp.forms.pro_bookings import STATUS_LABELS
from webapp.spreadsheet import BOM, decimal_comma, text_cell

PARIS = ZoneInfo("Europe/Paris")
GZIP_LEVEL = 6
# Rows written to the response at once: large enough that the overhead of a chunk is nothing,
# small enough that memory stays flat.
ROWS_PER_CHUNK = 500


def header() -> list[str]:
    return [_("Structure"), _("Lieu"), _("Offre"), _("Date de l'évènement"),
            _("Nom du jeune"), _("E-mail"), _("Date de réservation"), _("Contremarque"),
            _("Quantité"), _("Prix (€)"), _("Statut"), _("Date de validation")]


def day_and_time(moment, zone: ZoneInfo = PARIS) -> str:
    """dd/mm/yyyy hh:mm in `zone`; written out by hand, it costs a third of strftime or Babel
    (which count on 300,000 dates of an export, and on the 100 of a list page)."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    return f"{local.day:02d}/{local.month:02d}/{local.year} {local.hour:02d}:{local.minute:02d}"


def cells(row, status_labels: dict) -> list[str]:
    name = " ".join(part for part in (row.first_name, row.last_name) if part)
    return [
        text_cell(row.structure_name), text_cell(row.venue_public_name or row.venue_name),
        text_cell(row.offer_name), day_and_time(row.beginning_at), text_cell(name),
        text_cell(row.email), day_and_time(row.booked_at), row.token, str(row.quantity),
        decimal_comma(row.unit_price_cents * row.quantity), status_labels[row.status],
        day_and_time(row.used_at),
    ]


def csv_chunks(rows: Iterable) -> Iterator[str]:
    """The file as text chunks: the BOM and the header, then ROWS_PER_CHUNK rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(header())
    # Translated once: a lazy label would look the locale up again on every row.
    status_labels = {status: str(label) for status, label in STATUS_LABELS.items()}
    for written, row in enumerate(rows, start=1):
        writer.writerow(cells(row, status_labels))
        if written % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def gzipped(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """`chunks` compressed as one gzip stream, as they come.

    The app's own compression (webapp/headers.py) reads a whole body first, which would hold
    the entire file in memory; this keeps the export streamed and about six times smaller.
    """
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in chunks:
        if compressed := compressor.compress(chunk):
            yield compressed
    yield compressor.flush()
