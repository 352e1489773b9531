"""The signed-in person's own data: take it all (GDPR art. 15, 20), or erase it (art. 17)."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.routing import SIGNED_IN, Call, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.services.personal_data import erase_me, export_my_data

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/me/export",
    "GET",
    summary="Everything stored about the caller",
    access=SIGNED_IN,
    response="MyDataSchema",
    errors=(401, 404),
    tag="me",
)
def my_data(call: Call) -> dict[str, Any]:
    return export_my_data(call.user.id)


@endpoint(
    blueprint,
    "/me/erase",
    "POST",
    summary="Erase the caller's personal data; contributions stay under 'former member' (idempotent)",
    access=SIGNED_IN,
    body="EraseSchema",
    response="ErasedSchema",
    errors=(400, 401),
    tag="me",
)
def erase(call: Call) -> dict[str, Any]:
    erase_me(call.user.id, to_storage(utc_now()))
    return {"erased": True}
