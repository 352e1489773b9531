"""Every response the integration tests receive is checked against the served OpenAPI document:
its status is one the operation documents and its JSON body matches the declared schema (the
contract's error shape for errors). Whatever role a test signs in as, a body that drifts from
its route's declaration fails the test that received it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema_rs

# Chalice answers these itself before any view runs (unknown method on a known path, a content
# type it refuses); they are in the contract's error shape but on no operation of the document.
UNDOCUMENTED_ERRORS = frozenset({405, 415})


@cache
def _document() -> dict[str, Any]:
    from app import app
    from chalicelib.openapi import openapi_document

    return openapi_document(app)


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable`` as JSON Schema's ``null`` type."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") and "type" in node:
        converted["type"] = [node["type"], "null"]
    return converted


@cache
def _validator(reference: str) -> Any:
    """A validator of the component ``reference`` names, with every component to resolve in."""
    root = {"components": _json_schema(_document()["components"]), "$ref": reference}
    return jsonschema_rs.Draft4Validator(root)


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    """Each documented path as a pattern; templates with more literal segments are tried first."""
    paths = sorted(_document()["paths"], key=lambda path: -sum(not part.startswith("{") for part in path.split("/")))
    return [(re.compile(_pattern(path)), path) for path in paths]


def _pattern(template: str) -> str:
    parts = ("[^/]+" if part.startswith("{") else re.escape(part) for part in template.split("/"))
    return "^" + "/".join(parts) + "$"


def operation_of(method: str, url_path: str) -> dict[str, Any] | None:
    path = url_path.split("?", 1)[0]
    for pattern, template in _templates():
        if pattern.match(path):
            found: dict[str, Any] | None = _document()["paths"][template].get(method.lower())
            return found
    return None


def assert_conforms(
    method: str, url_path: str, status: int, body: Any, content_type: str = "", signed_in: bool | None = None
) -> None:
    """The reply to ``method url_path`` is one the document allows, body included; with
    ``signed_in`` known, every Idea in it carries the reader's marks exactly when signed in."""
    if content_type and "json" not in content_type:
        return  # CSV, HTML and the portal's files are not JSON bodies with a schema
    operation = operation_of(method, url_path)
    responses = operation["responses"] if operation else {}
    if str(status) in responses:
        content = responses[str(status)].get("content", {}).get("application/json")
        if content is None:
            return  # documented without a JSON body (the document itself, refused deletes)
        schema = content["schema"]
    elif status >= 400 and (operation is None or status in UNDOCUMENTED_ERRORS):
        schema = {"$ref": "#/components/schemas/Error"}
    else:
        raise AssertionError(f"{method} {url_path} answered {status}, which its operation does not document")
    assert "$ref" in schema, f"{method} {url_path} {status}: response schemas are components"
    validator = _validator(str(schema["$ref"]))
    errors = [f"{list(error.instance_path)}: {error.message}" for error in validator.iter_errors(body)]
    assert not errors, f"{method} {url_path} {status}: the body does not match its declared schema: {errors[:5]}"
    if signed_in is not None:
        assert_reader_marks(f"{method} {url_path} {status}", body, signed_in)


# What API.md's Idea carries only for a signed-in reader.
READER_MARKS = frozenset({"voted", "following"})


@cache
def _idea_fields() -> frozenset[str]:
    """The fields every Idea has, from the document: what makes an object an Idea wherever it
    appears, also inside a free-form field (the moderation queue's and hidden list's ``item``)."""
    return frozenset(_document()["components"]["schemas"]["Idea"]["required"])


def ideas_in(body: Any) -> Iterator[dict[str, Any]]:
    """Every Idea object anywhere in a reply."""
    if isinstance(body, list):
        for item in body:
            yield from ideas_in(item)
    elif isinstance(body, dict):
        if _idea_fields() <= body.keys():
            yield body
        for value in body.values():
            yield from ideas_in(value)


def assert_reader_marks(reply: str, body: Any, signed_in: bool) -> None:
    """API.md: an Idea has ``voted`` and ``following`` (both only when the request is signed
    in). A route that renders ideas and forgets a mark fails whichever test calls it."""
    for idea in ideas_in(body):
        marks = READER_MARKS & idea.keys()
        expected = READER_MARKS if signed_in else frozenset()
        assert marks == expected, (
            f"{reply}: idea {idea.get('id')} carries {sorted(marks)}, "
            f"a {'signed-in' if signed_in else 'signed-out'} reader must get {sorted(expected)}"
        )


def forget_document() -> None:
    """Read the document again on the next check (a test changed a declaration)."""
    for cached in (_document, _validator, _templates, _idea_fields):
        cached.cache_clear()
