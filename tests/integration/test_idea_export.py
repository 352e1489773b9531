"""GET /ideas?format=csv: every matching idea (not paged), for the product team and admins."""

from __future__ import annotations

import csv
import io

import pytest

from chalicelib.local_issuer import LocalIssuer
from chalicelib.services import idea_export
from tests.support import Api, User, assert_error, new_user

HEADER = [
    "id", "title", "product", "phase", "status", "votes", "comments", "topic", "author", "created_at", "updated_at",
    "merged_into",
]  # fmt: skip


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_export_holds_every_matching_idea_beyond_one_page(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idea_export, "PAGE", 20)  # the export reads pages of 1,000: here three of 20
    author = new_user(issuer, name="Autora Exportada")
    ids = [
        api.post("/ideas", author, {"title": f"Idea {n:03}", "product": product, "phase": "design"}).body["id"]
        for n in range(45)
    ]
    api.post("/ideas", author, {"title": "Other phase", "product": product, "phase": "testing"})
    api.put(f"/ideas/{ids[0]}/vote", author)

    reply = api.get(f"/ideas?product={product}&phase=design&format=csv", product_user, parse=False)

    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/csv")
    assert "attachment" in reply.headers["content-disposition"]
    text = reply.body
    assert next(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == HEADER
    rows = _rows(text)
    assert sorted(row["id"] for row in rows) == sorted(ids)
    first = next(row for row in rows if row["id"] == ids[0])
    assert (first["votes"], first["status"], first["phase"], first["author"]) == (
        "1",
        "open",
        "design",
        "Autora Exportada",
    )
    admin = new_user(issuer, "admin", name="Admin")
    assert len(_rows(api.get(f"/ideas?product={product}&format=csv", admin, parse=False).body)) == 46


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(
    api: Api, issuer: LocalIssuer, product_user: User, product: str
) -> None:
    author = new_user(issuer, name='=HYPERLINK("http://evil","x")')
    for title in ("=1+2 sums", "+SUM(A1:A2)", "-2+3 math", "@cmd things", "  =spaced formula", "\uff1dwide one"):
        assert api.post("/ideas", author, {"title": title, "product": product, "phase": "design"}).status == 201
    rows = _rows(api.get(f"/ideas?product={product}&format=csv", product_user, parse=False).body)
    for row in rows:
        for column in ("title", "author"):
            assert row[column].startswith("'"), row[column]


def test_the_export_is_for_the_product_team_and_admins_only(api: Api, issuer: LocalIssuer, product: str) -> None:
    assert_error(api.get(f"/ideas?product={product}&format=csv", new_user(issuer, name="Cliente")), 403, "forbidden")
    assert_error(api.get(f"/ideas?product={product}&format=csv"), 401, "unauthorized")
    assert_error(api.get(f"/ideas?product={product}&format=xml"), 400, "validation_error")
    assert api.get(f"/ideas?product={product}&format=json").status == 200
