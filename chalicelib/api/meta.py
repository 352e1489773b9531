"""``/health`` and ``/openapi.json``."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.routing import endpoint

blueprint = Blueprint(__name__)


@endpoint(blueprint, "/health", "GET")
def health() -> dict[str, str]:
    return {"status": "ok"}


@endpoint(blueprint, "/openapi.json", "GET")
def openapi_document() -> dict[str, Any]:
    # Imported here: apispec and the document are built on the first request, not at cold start.
    from chalicelib.openapi import openapi_document as build

    return build()
