"""``/dev/token`` and ``/dev/jwks.json``: the local stage's stand-in for Cognito.

The routes are always registered so that every other stage answers them with the contract's
404 (an unregistered path would get API Gateway's own 403 instead).
"""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.request import load_body, local_issuer
from chalicelib.api.routing import endpoint
from chalicelib.config import DEFAULT_DEV_TOKEN_TTL_SECONDS, get_settings
from chalicelib.errors import NotFoundError

blueprint = Blueprint(__name__)


def _local_only() -> None:
    if not get_settings().is_local:
        raise NotFoundError("not found")


@endpoint(blueprint, "/dev/token", "POST")
def dev_token() -> dict[str, str]:
    from chalicelib.schemas import DevTokenRequestSchema

    _local_only()
    data = load_body(blueprint.current_request, DevTokenRequestSchema())
    token = local_issuer().issue(
        data["sub"],
        data["name"],
        email=data.get("email"),
        groups=data.get("groups"),
        ttl=data.get("ttl", DEFAULT_DEV_TOKEN_TTL_SECONDS),
    )
    return {"token": token}


@endpoint(blueprint, "/dev/jwks.json", "GET")
def dev_jwks() -> dict[str, Any]:
    _local_only()
    jwks: dict[str, Any] = local_issuer().jwks()
    return jwks
