"""The served OpenAPI document describes exactly the routes the app answers, with their codes."""

from __future__ import annotations

from typing import Any

import pytest

from app import app
from chalicelib.openapi import ROUTES, RouteDoc, openapi_document

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def registered_operations() -> set[tuple[str, str]]:
    return {(method.lower(), path) for path, methods in app.routes.items() for method in methods}


def documented_operations() -> set[tuple[str, str]]:
    paths: dict[str, dict[str, Any]] = openapi_document()["paths"]
    return {(method, path) for path, item in paths.items() for method in item if method in HTTP_METHODS}


def operation(route: RouteDoc) -> dict[str, Any]:
    found: dict[str, Any] = openapi_document()["paths"][route.path][route.method]
    return found


def resolve(reference: dict[str, Any]) -> dict[str, Any]:
    """A schema object, following a ``$ref`` into the document's components."""
    if "$ref" not in reference:
        return reference
    name = reference["$ref"].removeprefix("#/components/schemas/")
    resolved: dict[str, Any] = openapi_document()["components"]["schemas"][name]
    return resolved


def test_document_is_openapi_3() -> None:
    document = openapi_document()

    assert document["openapi"].startswith("3.")
    assert document["info"]["title"]
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_every_registered_route_is_documented() -> None:
    assert registered_operations() - documented_operations() == set()


def test_every_documented_route_is_registered() -> None:
    assert documented_operations() - registered_operations() == set()


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.method.upper()} {route.path}")
def test_operation_documents_its_success_code(route: RouteDoc) -> None:
    responses = operation(route)["responses"]

    assert str(route.success) in responses
    assert all(response["description"] for response in responses.values())


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.method.upper()} {route.path}")
def test_error_responses_use_the_error_schema(route: RouteDoc) -> None:
    responses = operation(route)["responses"]
    errors = {code: response for code, response in responses.items() if int(code) >= 400}

    assert "503" in errors
    for response in errors.values():
        assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_creating_routes_answer_201_with_a_location() -> None:
    created = [route for route in ROUTES if route.method == "post" and route.path in ("/products", "/ideas")]

    assert created
    for route in created:
        success = operation(route)["responses"]["201"]
        assert "Location" in success["headers"]


def test_routes_that_never_delete_are_documented_as_405() -> None:
    deletes = [route for route in ROUTES if route.method == "delete" and not route.path.endswith("/vote")]

    assert {route.path for route in deletes} == {"/ideas/{idea_id}", "/comments/{comment_id}"}
    for route in deletes:
        codes = set(operation(route)["responses"])
        assert "405" in codes
        assert not {code for code in codes if code.startswith("2")}


@pytest.mark.parametrize(
    "route",
    [route for route in ROUTES if route.body is not None],
    ids=lambda route: f"{route.method.upper()} {route.path}",
)
def test_request_bodies_refuse_unknown_properties(route: RouteDoc) -> None:
    request_body = operation(route)["requestBody"]
    schema = resolve(request_body["content"]["application/json"]["schema"])

    assert request_body["required"] is True
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["properties"]
    assert {"400", "413"} <= set(operation(route)["responses"])


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.method.upper()} {route.path}")
def test_path_parameters_are_documented(route: RouteDoc) -> None:
    names = [part[1:-1] for part in route.path.split("/") if part.startswith("{")]
    parameters = operation(route).get("parameters", [])

    documented = [parameter["name"] for parameter in parameters if parameter["in"] == "path"]
    assert documented == names
    assert all(parameter["required"] for parameter in parameters if parameter["in"] == "path")


def test_signed_in_routes_require_a_bearer_token_and_public_ones_make_it_optional() -> None:
    for route in ROUTES:
        security = operation(route)["security"]
        if route.auth == "signed_in":
            assert security == [{"bearer": []}]
            assert "401" in operation(route)["responses"]
        else:
            assert {} in security
