"""The served OpenAPI document is generated from the route declarations, and every registered
route is declared completely: summary, access, schemas, success and error codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from app import app
from chalicelib.api.errors import CONTRACT
from chalicelib.api.routing import OPTIONAL_SIGN_IN, PUBLIC, SIGNED_IN, Route, declaration_of
from chalicelib.domain.roles import ROLES
from chalicelib.openapi import declared_routes, openapi_document, schema_class
from tests.fixtures.openapi_text import readable

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# The document as served before routes were declared in one place (kept to prove it unchanged).
SAVED_DOCUMENT = Path(__file__).resolve().parents[1] / "fixtures" / "openapi.json"

# Routes whose success is not a JSON body: the document itself, the portal's files, and the
# deletes that are always refused.
NO_JSON_BODY = {
    ("get", "/openapi.json"),
    ("get", "/"),
    ("get", "/assets/{name}"),
    ("delete", "/ideas/{idea_id}"),
    ("delete", "/comments/{comment_id}"),
    ("delete", "/webhooks/{webhook_id}"),  # 204: a subscription is configuration, not content
}

ROUTES = declared_routes(app)


def route_id(route: Route) -> str:
    return f"{route.method.upper()} {route.path}"


def document() -> dict[str, Any]:
    return openapi_document(app)


def operation(route: Route) -> dict[str, Any]:
    found: dict[str, Any] = document()["paths"][route.path][route.method]
    return found


def resolve(reference: dict[str, Any]) -> dict[str, Any]:
    """A schema object, following a ``$ref`` into the document's components."""
    if "$ref" not in reference:
        return reference
    name = reference["$ref"].removeprefix("#/components/schemas/")
    resolved: dict[str, Any] = document()["components"]["schemas"][name]
    return resolved


def test_served_document_is_the_saved_one() -> None:
    """Generating the document from the declarations changed nothing in the contract: same keys,
    same values, same order as the document saved from the hand-written table it replaced.
    After changing a route on purpose: ``python -m tests.fixtures.regenerate``, review the diff."""
    with Client(app, stage_name="local") as client:
        served = client.http.get("/openapi.json")

    assert served.status_code == 200
    assert readable(served.body) == SAVED_DOCUMENT.read_text(encoding="utf-8"), (
        "the served /openapi.json differs from tests/fixtures/openapi.json: if a declaration changed on "
        "purpose, run `.venv/bin/python -m tests.fixtures.regenerate` and review the fixture's diff"
    )


def test_document_is_openapi_3() -> None:
    assert document()["openapi"].startswith("3.")
    assert document()["info"]["title"]
    assert document()["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_every_registered_route_carries_a_declaration() -> None:
    undeclared = [
        f"{method} {path}"
        for path, methods in app.routes.items()
        for method, entry in methods.items()
        if declaration_of(entry.view_function) is None
    ]

    assert undeclared == []
    assert {(route.method, route.path) for route in ROUTES} == {
        (method.lower(), path) for path, methods in app.routes.items() for method in methods
    }


def test_document_has_exactly_the_registered_operations() -> None:
    paths: dict[str, dict[str, Any]] = document()["paths"]
    documented = {(method, path) for path, item in paths.items() for method in item if method in HTTP_METHODS}

    assert documented == {(route.method, route.path) for route in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_declaration_is_complete(route: Route) -> None:
    """Summary, access and schemas: a route that lacks one of them fails here."""
    assert route.summary.strip()
    assert route.tag
    assert route.access in (PUBLIC, OPTIONAL_SIGN_IN, SIGNED_IN) or (
        isinstance(route.access, tuple) and route.access and set(route.access) <= set(ROLES)
    )
    if (route.method, route.path) not in NO_JSON_BODY:
        assert route.response is not None, "a route answering JSON declares its response schema"
    for name in (route.response, route.body, route.query):
        if name is not None:
            assert schema_class(name)().fields, f"{name} names a schema with fields"
    statuses = {entry.status for entry in CONTRACT.values()}
    assert set(route.errors) <= statuses, "every declared error code is one the error table produces"


def test_a_body_is_declared_by_every_view_that_reads_one() -> None:
    """Views get their body only through the declaration: these routes take one."""
    with_body = {(route.method, route.path) for route in ROUTES if route.body is not None}

    assert with_body == {
        ("post", "/products"),
        ("patch", "/products/{slug}"),
        ("post", "/ideas"),
        ("patch", "/ideas/{idea_id}"),
        ("post", "/ideas/{idea_id}/comments"),
        ("post", "/ideas/{idea_id}/hide"),
        ("post", "/comments/{comment_id}/hide"),
        ("post", "/ideas/{idea_id}/merge"),
        ("post", "/ideas/similar"),
        ("post", "/moderation/duplicates/dismiss"),
        ("patch", "/me"),
        ("post", "/dev/token"),
        ("post", "/changelog"),
        ("post", "/webhooks"),
        ("post", "/me/erase"),
        ("post", "/notifications/unsubscribe"),
        ("put", "/users/{user_id}/roles"),
    }


def test_a_route_without_summary_or_with_unknown_roles_cannot_be_declared() -> None:
    with pytest.raises(ValueError, match="summary"):
        Route("get", "/x", " ", PUBLIC, None, "meta")
    with pytest.raises(ValueError, match="roles"):
        Route("get", "/x", "X", ("wizard",), None, "meta")
    with pytest.raises(ValueError, match="roles"):
        Route("get", "/x", "X", (), None, "meta")
    with pytest.raises(ValueError, match="access"):
        Route("get", "/x", "X", "everyone", None, "meta")


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_operation_documents_its_success_code(route: Route) -> None:
    responses = operation(route)["responses"]

    assert str(route.success) in responses
    assert all(response["description"] for response in responses.values())


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_error_responses_use_the_error_schema(route: Route) -> None:
    responses = operation(route)["responses"]
    errors = {code: response for code, response in responses.items() if int(code) >= 400}

    assert "503" in errors
    for response in errors.values():
        assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_creating_routes_answer_201_with_a_location() -> None:
    created = [route for route in ROUTES if route.method == "post" and route.path in ("/products", "/ideas")]

    assert len(created) == 2
    for route in created:
        success = operation(route)["responses"]["201"]
        assert "Location" in success["headers"]


def test_routes_that_never_delete_are_documented_as_405() -> None:
    deletes = [
        route
        for route in ROUTES
        if route.method == "delete"
        and not route.path.endswith(("/vote", "/follow"))
        and not route.path.startswith("/webhooks/")
    ]

    assert {route.path for route in deletes} == {"/ideas/{idea_id}", "/comments/{comment_id}"}
    for route in deletes:
        codes = set(operation(route)["responses"])
        assert "405" in codes
        assert not {code for code in codes if code.startswith("2")}


@pytest.mark.parametrize(
    "route",
    [route for route in ROUTES if route.body is not None],
    ids=route_id,
)
def test_request_bodies_refuse_unknown_properties(route: Route) -> None:
    request_body = operation(route)["requestBody"]
    schema = resolve(request_body["content"]["application/json"]["schema"])

    assert request_body["required"] is True
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["properties"]
    assert {"400", "413"} <= set(operation(route)["responses"])


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_path_parameters_are_documented(route: Route) -> None:
    names = [part[1:-1] for part in route.path.split("/") if part.startswith("{")]
    parameters = operation(route).get("parameters", [])

    documented = [parameter["name"] for parameter in parameters if parameter["in"] == "path"]
    assert documented == names
    assert all(parameter["required"] for parameter in parameters if parameter["in"] == "path")


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_security_and_roles_follow_the_declared_access(route: Route) -> None:
    documented = operation(route)
    if route.needs_sign_in:
        assert documented["security"] == [{"bearer": []}]
        assert "401" in documented["responses"]
    else:
        assert {} in documented["security"]
    if route.roles:
        assert documented["description"] == "Roles: " + ", ".join(route.roles) + "."
        assert "403" in documented["responses"]
    else:
        assert "description" not in documented


def test_saved_document_is_valid_json_with_every_path() -> None:
    saved = json.loads(SAVED_DOCUMENT.read_text(encoding="utf-8"))

    assert set(saved["paths"]) == {route.path for route in ROUTES}
