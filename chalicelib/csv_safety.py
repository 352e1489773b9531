"""CSV files that spreadsheets open as data, never as formulas: the one writer of every CSV the
portal serves (segment members, reports, idea exports).

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab, carriage return or line feed
before one) is a formula to Excel, LibreOffice and Google Sheets: a customer's display name
``=HYPERLINK("http://evil", "click")`` would run on a marketer's machine. Following OWASP's "CSV
injection" advice, such a text cell is written with a leading ``'``, which the spreadsheet shows
as plain text. The full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) are included: some spreadsheets read them as
their ASCII twins. Numbers the portal itself computes are written as they are.

The file is UTF-8 with a byte-order mark, which is how Excel recognises UTF-8 (accents and
ñ in names and titles would otherwise come out garbled).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Final

FORMULA_STARTS: Final = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
BYTE_ORDER_MARK: Final = "\ufeff"


def safe_cell(value: object) -> str:
    """The text of one cell, neutralised when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    # Leading spaces do not stop every spreadsheet from evaluating what follows them.
    if text[:1] in FORMULA_STARTS or text.lstrip(" \u00a0\u3000")[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV document: byte-order mark, header row, then ``rows``, every cell made safe."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
