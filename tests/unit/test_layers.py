"""The rooms keep to themselves: rules and storage know nothing of HTTP."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CHALICELIB = Path(__file__).resolve().parents[2] / "chalicelib"
BELOW_HTTP = sorted(path for room in ("domain", "store") for path in (CHALICELIB / room).rglob("*.py"))
STATUS_WORDS = re.compile(r"\b(status_code|HTTPStatus|http\.client)\b|\b[45]\d\d\b")


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("path", BELOW_HTTP, ids=lambda path: str(path.relative_to(CHALICELIB)))
def test_domain_and_store_import_neither_chalice_nor_the_http_layer(path: Path) -> None:
    forbidden = {
        module
        for module in imported_modules(path)
        if module.split(".")[0] in ("chalice", "http")
        or module.startswith("chalicelib.api")
        or module == "chalicelib.errors"
    }

    assert forbidden == set()


@pytest.mark.parametrize("path", BELOW_HTTP, ids=lambda path: str(path.relative_to(CHALICELIB)))
def test_domain_and_store_never_mention_a_status_code(path: Path) -> None:
    mentions = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if STATUS_WORDS.search(line)
    ]

    assert mentions == []
