"""Every response the integration tests receive is checked against the served OpenAPI document:
its status is one the operation documents and its JSON body matches the declared schema (the
contract's error shape for errors). Whatever role a test signs in as, a body that drifts from
its route's declaration fails the test that received it.
"""

from __future__ import annotations

import re
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


def assert_conforms(method: str, url_path: str, status: int, body: Any, content_type: str = "") -> None:
    """The reply to ``method url_path`` is one the document allows, body included."""
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


def forget_document() -> None:
    """Read the document again on the next check (a test changed a declaration)."""
    for cached in (_document, _validator, _templates):
        cached.cache_clear()
