"""The dashboard as an open-data table in the long format: one line per figure.

Columns: period, level, territory code, indicator, numerator, denominator, value, status, and
the reason a secret figure is withheld. Amounts are in euros with two decimals, percentages with
one; a secret figure has no value, numerator nor denominator.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from models.statistics.dashboard import Dashboard, Unit
from models.statistics.figures import Figure

HEADER = ("periode", "niveau", "code_territoire", "indicateur", "numerateur", "denominateur",
          "valeur", "statut", "raison")
STATUS_WORDS = {"published": "publie", "secret": "secret"}


def csv_value(figure: Figure, unit: Unit) -> str:
    if figure.value is None:
        return ""
    if unit is Unit.MONEY:
        return f"{Decimal(figure.value) / 100:.2f}"
    return str(figure.value)


def export_rows(dashboard: Dashboard) -> list[tuple[str, ...]]:
    rows = [HEADER]
    for indicator, scope, figure in dashboard.cells():
        rows.append((
            dashboard.period.slug, scope.level.value, scope.code, indicator.code,
            "" if figure.numerator is None else str(figure.numerator),
            "" if figure.denominator is None else str(figure.denominator),
            csv_value(figure, indicator.unit), STATUS_WORDS[figure.status.value],
            figure.reason or "",
        ))
    return rows


def export_csv(dashboard: Dashboard) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(export_rows(dashboard))
    return buffer.getvalue()
