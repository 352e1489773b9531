"""Every CSV the API serves, on the real stack: display names that are formulas arrive as text,
and files are UTF-8 with a byte-order mark."""

from __future__ import annotations

import csv
import io

import pytest

from chalicelib.csv_safety import BYTE_ORDER_MARK
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store import topics as topic_store
from tests.integration.published import publish_segment
from tests.support import Api, User, new_user

HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(A1:A2)",
    "-2+3",
    "@cmd",
    "\t=1+1",
    "\r=1+1",
    "\uff1dcmd()",
]


def rows_of(body: str) -> list[list[str]]:
    assert body.startswith(BYTE_ORDER_MARK)
    return list(csv.reader(io.StringIO(body[len(BYTE_ORDER_MARK) :])))


def test_segment_export_writes_formula_names_as_text(api: Api, issuer: LocalIssuer) -> None:
    members: list[User] = []
    stored: list[str] = []  # the profile keeps names trimmed: "\t=1+1" is stored as "=1+1"
    for name in [*HOSTILE_NAMES, "José Núñez"]:
        member = new_user(issuer, name=name)
        reply = api.patch("/me", member, {"marketing_consent": True, "name": name})
        assert reply.status == 200, reply.body
        members.append(member)
        stored.append(reply.body["name"])
    path = publish_segment([member.id for member in members])
    try:
        reply = api.call("GET", f"{path}?format=csv", new_user(issuer, "marketing"), parse=False)
    finally:
        topic_store.forget_cached_view()

    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/csv")
    rows = rows_of(reply.body)
    names = {row[0]: row[1] for row in rows[1:]}
    for member, name in zip(members, stored, strict=True):
        assert names[member.id] == (name if name == "José Núñez" else "'" + name)
    assert not any(cell[:1] in "=+-@\t\r\uff1d" for row in rows for cell in row)


@pytest.mark.parametrize("route", ["/reports/summary?format=csv&from=2026-01-01&to=2026-01-02"])
def test_report_export_is_utf8_with_bom(api: Api, issuer: LocalIssuer, route: str) -> None:
    reply = api.call("GET", route, new_user(issuer, "product"), parse=False)

    assert reply.status == 200
    assert rows_of(reply.body)[0] == ["metric", "dimension", "value"]
