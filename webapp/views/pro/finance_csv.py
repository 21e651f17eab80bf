"""A reimbursement statement as French spreadsheets read it: semicolons, a BOM, decimal commas
(docs/domain/6-reimbursement.md, "The statement file").

Excel in French opens UTF-8 right only after a byte order mark, and splits columns on
semicolons because the comma is the decimal separator. Text a spreadsheet would take for a
formula (an offer named "=..." or "-...") gets an apostrophe in front, so it is never run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from flask_babel import gettext as _

from models.finance.models import LineKind, Statement
from models.finance.repository import LineRow
from webapp.spreadsheet import BOM, decimal_comma, text_cell

ROWS_PER_CHUNK = 1000


def percent(basis_points: int) -> str:
    """9500 as "95", 9250 as "92,5"."""
    whole, rest = divmod(basis_points, 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",") if rest else str(whole)


def header() -> list[str]:
    return [_("Relevé"), _("Période"), _("Point de remboursement"), _("Type de ligne"),
            _("Date d'utilisation"), _("Contremarque"), _("Offre"), _("Lieu"),
            _("Montant réservé (€)"), _("Taux (%)"), _("Montant remboursé (€)")]


def kind_label(kind: LineKind) -> str:
    return _("Remboursement") if kind is LineKind.PAYMENT else _("Correction")


def statement_chunks(statement: Statement, period_label: str,
                     lines: Iterable[LineRow]) -> Iterator[str]:
    """The file as text chunks: the BOM and the header, then ROWS_PER_CHUNK lines at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(header())
    first = [statement.reference, period_label,
             text_cell(statement.pricing_point.display_name)]
    for written, line in enumerate(lines, start=1):
        writer.writerow([
            *first, kind_label(line.kind), line.used_on.strftime("%d/%m/%Y"), line.token,
            text_cell(line.offer_name), text_cell(line.venue_name),
            decimal_comma(line.booked_cents), percent(line.rate_basis_points),
            decimal_comma(line.reimbursed_cents),
        ])
        if written % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
