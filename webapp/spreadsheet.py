"""CSV files as French spreadsheets read them: a BOM so accents survive, semicolons, decimal
commas, and no cell a spreadsheet would run as a formula. Shared by every CSV the pro area
offers (bookings export, reimbursement statements)."""

from __future__ import annotations

BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel or LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str | None) -> str:
    """`value` as a cell no spreadsheet runs as a formula."""
    if not value:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def decimal_comma(cents: int) -> str:
    """-1234 cents as "-12,34": the decimal comma French spreadsheets read as a number."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros},{rest:02d}"
