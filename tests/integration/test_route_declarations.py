"""A route's declaration is the one source of its access rule: changing the roles it declares
changes what the served ``/openapi.json`` says and who gets a 403, with nothing else edited."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest

from app import app
from chalicelib.api.routing import ROUTE_ATTRIBUTE, SIGNED_IN, Access, declaration_of
from chalicelib.domain.roles import MARKETING, MODERATOR, PRODUCT
from chalicelib.local_issuer import LocalIssuer
from chalicelib.openapi import openapi_document
from tests.contract import forget_document
from tests.support import Api, new_user


@contextmanager
def declared_access(path: str, method: str, access: Access) -> Iterator[None]:
    """The route's declaration with ``access`` instead of its own, for the block only."""
    view = app.routes[path][method].view_function
    declared = declaration_of(view)
    assert declared is not None
    openapi_document.cache_clear()
    forget_document()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(view, ROUTE_ATTRIBUTE, replace(declared, access=access))
        try:
            yield
        finally:
            openapi_document.cache_clear()
            forget_document()


def test_changing_the_roles_of_a_route_changes_its_document_and_its_gate(api: Api, issuer: LocalIssuer) -> None:
    marketing, product = new_user(issuer, MARKETING), new_user(issuer, PRODUCT)
    assert api.get("/alerts", marketing).status == 403
    assert api.get("/alerts", product).status == 200
    assert api.get("/openapi.json").body["paths"]["/alerts"]["get"]["description"] == "Roles: product, moderator."

    with declared_access("/alerts", "GET", (MARKETING,)):
        documented = api.get("/openapi.json").body["paths"]["/alerts"]["get"]
        assert documented["description"] == "Roles: marketing."
        assert api.get("/alerts", marketing).status == 200
        refused = api.get("/alerts", product)
        assert refused.status == 403
        assert refused.body["error"]["code"] == "forbidden"
        assert api.get("/alerts", new_user(issuer, MODERATOR)).status == 403

    assert api.get("/alerts", marketing).status == 403
    assert api.get("/openapi.json").body["paths"]["/alerts"]["get"]["description"] == "Roles: product, moderator."


def test_making_a_public_route_signed_in_changes_its_security_and_its_401(api: Api, issuer: LocalIssuer) -> None:
    assert api.get("/topics").status == 200
    assert {} in api.get("/openapi.json").body["paths"]["/topics"]["get"]["security"]

    with declared_access("/topics", "GET", SIGNED_IN):
        documented = api.get("/openapi.json").body["paths"]["/topics"]["get"]
        assert documented["security"] == [{"bearer": []}]
        assert "401" in documented["responses"]
        refused = api.get("/topics")
        assert refused.status == 401
        assert refused.body["error"]["code"] == "unauthorized"
        assert api.get("/topics", new_user(issuer)).status == 200

    assert api.get("/topics").status == 200
