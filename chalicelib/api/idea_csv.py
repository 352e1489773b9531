"""The idea export as a ``text/csv`` download.

Kept to one small function on purpose: the project is getting one CSV-safety helper for every
export (branch ``harden``); switching to it means replacing ``_cell`` and the writer here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from chalice.app import Response

# OWASP's CSV injection guidance: a cell a spreadsheet would evaluate starts with one of these.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def idea_csv_response(header: list[str], rows: Iterable[list[str]], filename: str) -> Response:
    """UTF-8 with a BOM (so that spreadsheets read the accents), rows written as they come."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return Response(
        body=buffer.getvalue(),
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )
