"""Malformed request bodies on the real stack: every one is a 400 (413 above the size limit) in
the contract's shape, never a 500, on every route that reads a body; and a bounded fuzzer sends
generated bodies to all of them."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.local_issuer import LocalIssuer
from tests.support import Api, User, assert_error, new_user

MALFORMED: dict[str, bytes] = {
    "deep brackets": b"[" * 60_000,
    "deep objects": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "deep but closed": b"[" * 500 + b"]" * 500,
    "object nested too deep": json.dumps({"title": json.loads("[" * 40 + "]" * 40)}).encode(),
    "5000-digit number": b'{"title": ' + b"9" * 5000 + b"}",
    "5000-digit bare number": b"9" * 5000,
    "long fraction": b'{"title": 0.' + b"1" * 5000 + b"}",
    "huge exponent": b'{"title": 1e999999}',
    "NaN": b'{"title": NaN}',
    "Infinity": b'{"title": -Infinity}',
    "latin-1": '{"title": "Añadir exportación"}'.encode("latin-1"),
    "utf-16": '{"title": "An idea in UTF-16", "product": "x", "phase": "design"}'.encode("utf-16"),
    "utf-32": b"\x00\x00\x00{\x00\x00\x00}",
    "invalid utf-8 bytes": b'{"title": "\xff\xfe\xfd"}',
    "lone surrogate escape": b'{"title": "Bad \\ud800 text", "product": "malformed-bodies", "phase": "design"}',
    "lone surrogate in name": b'{"name": "Ana \\udc00"}',
    "lone surrogate key": b'{"\\udfff": 1}',
    "duplicate keys": b'{"title": "One title", "title": "Another title"}',
    "byte-order mark": b"\xef\xbb\xbf{}",
    "nul byte": b'{"title": "a\x00b"}',
    "truncated": b'{"title": "unterminated',
    "trailing garbage": b'{"title": "x"} []',
    "not json": b"<xml/>",
    "only whitespace": b"   \n\t ",
}
# Well-formed JSON that is not an object: refused where a body is read, ignored where none is.
NOT_OBJECTS = [b"[]", b'"text"', b"null", b"42"]


@pytest.fixture(scope="module")
def writer(issuer: LocalIssuer) -> User:
    return new_user(issuer, "admin", name="Ada Admin")


@pytest.fixture(scope="module")
def body_routes(api: Api, writer: User) -> list[tuple[str, str]]:
    """Every route that reads a body, with real ids in its path (an idea, a comment, a user)."""
    from app import app

    slug = "malformed-bodies"
    api.post("/products", writer, {"slug": slug, "name": "Malformed bodies"})
    idea = api.post("/ideas", writer, {"title": "A real idea", "product": slug, "phase": "design"}).body["id"]
    comment = api.post(f"/ideas/{idea}/comments", writer, {"body": "A real comment"}).body["id"]
    ids = {"idea_id": idea, "comment_id": comment, "user_id": writer.id, "slug": slug}
    routes = []
    for path, methods in app.routes.items():
        for method in set(methods) & {"POST", "PUT", "PATCH"}:
            routes.append((method, re.sub(r"{(\w+)}", lambda match: ids.get(match.group(1), "x"), path)))
    assert ("POST", "/ideas") in routes and ("PATCH", "/me") in routes
    return sorted(routes)


def assert_refused(reply: Any) -> None:
    assert reply.status in (400, 401, 403, 404, 405, 409, 413), (reply.status, reply.body)
    assert_error(reply, reply.status, reply.body["error"]["code"])


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_body_is_a_400_on_every_route(
    api: Api, writer: User, body_routes: list[tuple[str, str]], name: str
) -> None:
    for method, path in body_routes:
        # Routes that take no body (votes, follows, restores) refuse a malformed one all the same.
        assert_refused(api.call(method, path, writer, raw_body=MALFORMED[name]))
    reply = api.call("POST", "/ideas", writer, raw_body=MALFORMED[name])
    assert_error(reply, 400, "validation_error")


@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_json_that_is_not_an_object_is_a_400_where_a_body_is_read(api: Api, writer: User, body: bytes) -> None:
    assert_error(api.call("POST", "/ideas", writer, raw_body=body), 400, "validation_error")
    assert_error(api.call("PATCH", "/me", writer, raw_body=body), 400, "validation_error")


def test_body_over_the_limit_is_a_413(api: Api, writer: User) -> None:
    reply = api.call("POST", "/ideas", writer, raw_body=b'{"title": "' + b"x" * 70_000 + b'"}')

    assert_error(reply, 413, "payload_too_large")


# ----------------------------------------------------------------------------- fuzzer

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
# Plausible objects with the fields the routes know, wrong and right values mixed.
field_names = st.sampled_from(
    ["title", "body", "product", "phase", "status", "response", "reason", "into", "name", "slug", "description",
     "marketing_consent", "notifications", "language", "roles", "sub", "groups", "ttl", "token", "confirm"]
)  # fmt: skip
objects = st.dictionaries(field_names, json_values, max_size=6)


def mutated(document: bytes, cut: int, insert: bytes) -> bytes:
    position = cut % (len(document) + 1)
    return document[:position] + insert + document[position:]


bodies = st.one_of(
    objects.map(lambda document: json.dumps(document).encode()),
    json_values.map(lambda document: json.dumps(document).encode()),
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.builds(
        mutated,
        objects.map(lambda document: json.dumps(document).encode()),
        st.integers(min_value=0, max_value=500),
        st.sampled_from([b"[", b"{", b'"', b"\\", b"\\ud800", b"\xff", b"9" * 5000, b"NaN", b",", b"\x00"]),
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies)
def test_fuzzed_bodies_never_give_a_5xx(
    api: Api, writer: User, body_routes: list[tuple[str, str]], body: bytes
) -> None:
    for method, path in body_routes:
        reply = api.call(method, path, writer, raw_body=body, parse=False)
        assert reply.status < 500, (method, path, body[:200], reply.body)
        if reply.status >= 400:
            assert set(json.loads(reply.body)) == {"error"}


query_values = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40) | st.sampled_from(
    ["0", "-1", "101", "9" * 5000, "1e400", "NaN", "top", "csv", "me", "2026-02-30", "x" * 3000, "%00", "[]"]
)
queries = st.dictionaries(
    st.sampled_from(["limit", "cursor", "sort", "product", "phase", "status", "topic", "author", "format", "from",
                     "to", "level", "q", "kind"]),
    query_values,
    max_size=4,
)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries)
def test_fuzzed_queries_never_give_a_5xx(
    api: Api, writer: User, body_routes: list[tuple[str, str]], query: dict[str, str]
) -> None:
    from app import app

    for path in sorted(path for path, methods in app.routes.items() if "GET" in methods and "{" not in path):
        reply = api.call("GET", f"{path}?{urlencode(query)}", writer, parse=False)
        assert reply.status < 500, (path, query, reply.body[:300])
