"""``/health`` and ``/openapi.json``."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.routing import PUBLIC, Call, endpoint

blueprint = Blueprint(__name__)


@endpoint(blueprint, "/health", "GET", summary="Liveness check", access=PUBLIC, response="HealthSchema", tag="meta")
def health(call: Call) -> dict[str, str]:
    return {"status": "ok"}


@endpoint(blueprint, "/openapi.json", "GET", summary="This document", access=PUBLIC, response=None, tag="meta")
def openapi_document(call: Call) -> dict[str, Any]:
    # Imported here: apispec and the document are built on the first request, not at cold start.
    from chalicelib.openapi import openapi_document as build

    return build(blueprint.current_app)
