"""The idea export as a ``text/csv`` download.

Kept to one small function on purpose: the project is getting one CSV-safety helper for every
export (``chalicelib/csv_safety.py``, branch ``harden``); once merged, this function becomes
``csv_text(header, rows)`` in a Response, and ``_cell`` goes. Until then ``_cell`` applies the
same rule (OWASP's: a cell a spreadsheet would evaluate gets a leading ``'``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from chalice.app import Response

# What a spreadsheet evaluates: these first characters (also their full-width forms), even after
# leading spaces.
_FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def _cell(value: str) -> str:
    if value[:1] in _FORMULA_STARTS or value.lstrip(" \u00a0\u3000")[:1] in _FORMULA_STARTS:
        return f"'{value}"
    return value


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
